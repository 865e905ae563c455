// Collects items produced in the same turn of the event loop and commits them with one call, so that work
// finishing together (activities of a fan-out) costs one storage round trip instead of one each.

export class GroupCommit<T> {
  private pending: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];

  constructor(
    private readonly commit: (items: T[]) => Promise<void>,
    private readonly maxGroup: number,
  ) {}

  /** Resolves once the group holding `item` is committed; rejects with the commit's error. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const group = this.pending.splice(0, this.maxGroup);
    if (this.pending.length > 0) setImmediate(() => void this.flush());
    try {
      await this.commit(group.map((entry) => entry.item));
      group.forEach((entry) => entry.resolve());
    } catch (error) {
      group.forEach((entry) => entry.reject(error));
    }
  }
}
