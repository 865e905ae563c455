// Which regions (or on-premises sites) are in a simulated outage, and since when (simulated time).

export class RegionOutages {
  private readonly down = new Map<string, number>();

  isDown(region: string): boolean {
    return this.down.has(region.toLowerCase());
  }

  downSince(region: string): number | undefined {
    return this.down.get(region.toLowerCase());
  }

  /** Returns false when the region was already down. */
  start(region: string, atMs: number): boolean {
    if (this.isDown(region)) return false;
    this.down.set(region.toLowerCase(), atMs);
    return true;
  }

  /** Returns false when the region was not down. */
  end(region: string): boolean {
    return this.down.delete(region.toLowerCase());
  }

  list(): { region: string; sinceMs: number }[] {
    return [...this.down.entries()].map(([region, sinceMs]) => ({ region, sinceMs }));
  }
}
