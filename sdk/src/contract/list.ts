import { Type, type Static, type TSchema } from "@sinclair/typebox";

/**
 * The envelope of every list response: one page of items, and the absolute or relative URL of the next page when
 * there is one. Callers follow `nextLink` as given and never build continuation URLs themselves.
 */
export const PageSchema = <T extends TSchema>(item: T, id: string) =>
  Type.Object(
    {
      value: Type.Array(item),
      nextLink: Type.Optional(Type.String()),
    },
    { $id: id },
  );

/** The static shape of one page of `T`. */
export interface Page<T> {
  value: T[];
  nextLink?: string;
}

/** Largest page a client may ask for with `maxpagesize`; servers clamp to it. */
export const MAX_PAGE_SIZE = 1000;

export const MaxPageSizeSchema = Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE });
export type MaxPageSize = Static<typeof MaxPageSizeSchema>;
