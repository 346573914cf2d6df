// parsePhone reads landlines with China's fixed-line patterns compiled once instead of asking libphonenumber-js per
// cell. These tests prove the shortcut changes no result: against the library directly, and against a second copy of
// the module whose shortcut is switched off (the library path), over many generated phone strings.
import fc from "fast-check";
import { isValidPhoneNumber } from "libphonenumber-js/max";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isKnownFixedLine, parsePhone } from "../../../src/core/parse/phone";

type PhoneModule = typeof import("../../../src/core/parse/phone");

/** The module again, with the library's metadata class broken so that every landline goes to the library. */
async function libraryOnly(): Promise<PhoneModule> {
  vi.resetModules();
  vi.doMock("libphonenumber-js/core", async (importOriginal) => ({
    ...(await importOriginal<typeof import("libphonenumber-js/core")>()),
    Metadata: class {
      constructor() {
        throw new Error("no shortcut");
      }
    },
  }));
  try {
    return await import("../../../src/core/parse/phone");
  } finally {
    vi.doUnmock("libphonenumber-js/core");
    vi.resetModules();
  }
}

/** Every area code shape the landline pattern reads: 010, 02X and 0300–0999. */
const AREA_CODES = [
  "010",
  ...Array.from({ length: 10 }, (_, i) => `02${i}`),
  ...Array.from({ length: 700 }, (_, i) => `0${300 + i}`),
];

describe("parsePhone's compiled fixed-line patterns", () => {
  let library: PhoneModule;
  beforeAll(async () => {
    library = await libraryOnly();
  });
  afterAll(() => vi.resetModules());

  it("the library-only copy really has no shortcut", () => {
    expect(library.isKnownFixedLine("01012345678")).toBe(false);
    expect(isKnownFixedLine("01012345678")).toBe(true);
  });

  it("never calls a number a fixed line that the library does not, for every area code", () => {
    let known = 0;
    let valid = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...AREA_CODES),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.integer({ min: 6, max: 8 }),
        (area, first, rest, restLength) => {
          const digits = `${area}${first}${String(rest).padStart(7, "0").slice(0, restLength)}`;
          const shortcut = isKnownFixedLine(digits);
          const lib = isValidPhoneNumber(digits, "CN");
          if (shortcut) known++;
          if (lib) valid++;
          // A fixed line by the shortcut is valid by the library (a number it does not know, such as a 95 service
          // number after an area code, is left to the library).
          if (shortcut) expect(lib, digits).toBe(true);
        },
      ),
      { numRuns: 10_000, seed: 20261125 },
    );
    // Not vacuous: the shortcut knows nearly every landline that exists.
    expect(known).toBeGreaterThan(1_000);
    expect(known).toBeGreaterThan(valid * 0.95);
  });

  it("gives the same result as the library path for generated phone strings in the forms people type", () => {
    const mobile = fc
      .tuple(fc.integer({ min: 10, max: 19 }), fc.integer({ min: 0, max: 999_999_999 }))
      .map(([p, n]) => `${p}${String(n).padStart(9, "0")}`);
    const landline = fc
      .tuple(
        fc.constantFrom(...AREA_CODES),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.integer({ min: 5, max: 8 }),
      )
      .map(([a, first, rest, len]) => `${a}-${first}${String(rest).padStart(7, "0").slice(0, len)}`);
    const number = fc.oneof(mobile, landline);
    const shaped = fc
      .tuple(
        number,
        fc.constantFrom("", "+86 ", "+86", "0086", "86"),
        fc.constantFrom("plain", "spaces", "nodash", "brackets", "wide", "ext", "two"),
        number,
      )
      .map(([n, prefix, form, other]) => {
        const [area, local] = n.includes("-") ? n.split("-") : ["", n];
        switch (form) {
          case "spaces":
            return `${prefix}${area} ${local.slice(0, 4)} ${local.slice(4)}`.trim();
          case "nodash":
            return `${prefix}${area}${local}`;
          case "brackets":
            return area ? `${prefix}(${area})${local}` : `${prefix}${local}`;
          case "wide":
            return `${prefix}${n}`.replace(/[0-9+-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
          case "ext":
            return `${prefix}${n}转${local.slice(-3)}`;
          case "two":
            return `${prefix}${n}、${other}`;
          default:
            return `${prefix}${n}`;
        }
      });
    fc.assert(
      fc.property(shaped, (text) => {
        expect(parsePhone(text), text).toEqual(library.parsePhone(text));
      }),
      { numRuns: 10_000, seed: 42 },
    );
  });

  it("gives the same result as the library path for the benchmark's sample phones", async () => {
    const { sampleRows } = await import("../../../scripts/sample-data");
    for (const row of sampleRows(5_000, 7)) {
      const text = row[7] as string;
      expect(parsePhone(text), text).toEqual(library.parsePhone(text));
    }
  });
});
