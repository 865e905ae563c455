// The checks that stand between a caller's text and a blob name, and the opaque continuation tokens.
import fc from "fast-check";
import { assertOperationId, assertPlanName, printable } from "../../../functions/activities/storage/names";
import { decodePageToken, encodePageToken } from "../../../functions/activities/storage/page-token";
import { isDomainError } from "../../../functions/core/errors";

function refusal(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
}

describe("blob names", () => {
  it.each(["shop", "a", "shop-2", "0abc"])("accepts the plan name %s", (name) => {
    expect(refusal(() => assertPlanName(name))).toBeUndefined();
  });

  it.each(["", "..", "../shop", "shop/x", "shop\\x", "Shop", "-shop", "shop.json", "shop%2F", "shop\u0000", "x".repeat(64)])(
    "refuses the plan name %j as a bad request",
    (name) => {
      expect(refusal(() => assertPlanName(name))).toBe("RequestInvalid");
    },
  );

  it("never lets a name with a path separator or a dot through", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const withSeparator = `${text}/..`;
        expect(refusal(() => assertPlanName(withSeparator))).toBe("RequestInvalid");
        expect(refusal(() => assertOperationId(withSeparator))).toBe("RequestInvalid");
      }),
    );
  });

  it("echoes refused names without control characters and within bounds", () => {
    expect(printable("a\u0000b\nc")).toBe("a?b?c");
    expect(printable("x".repeat(500)).length).toBeLessThanOrEqual(81);
  });
});

describe("continuation tokens", () => {
  it("round-trip any storage marker", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 500 }), (marker) => {
        expect(decodePageToken(encodePageToken(marker))).toBe(marker);
      }),
    );
  });

  it.each(["", "not-ours", "!!!", Buffer.from("v2:marker").toString("base64url"), "A".repeat(5000)])("refuses the token %j", (token) => {
    expect(refusal(() => decodePageToken(token))).toBe("RequestInvalid");
  });
});
