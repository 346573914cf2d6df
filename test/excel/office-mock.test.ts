// The adapter's small Office.js calls against Microsoft's own mock (office-addin-mock): what they queue, that
// they load before they read, and that they sync. The bigger actions run against the counting fake
// (adapter.test.ts), which the mock's object model is too small for (collections, *OrNullObject).
import { OfficeMockObject } from "office-addin-mock";
import { describe, expect, it } from "vitest";
import { detectCapabilities, MIN_CAPABILITIES, selectCell } from "../../src/excel";
import { readState, STATE_KEY, writeState } from "../../src/excel/state";

/** What office-addin-mock answers for a property read before `load` + `sync`. */
const NOT_LOADED = /not loaded|not synced|load/i;

describe("office-addin-mock", () => {
  it("selectCell activates the sheet, selects the cell and syncs once", async () => {
    let syncs = 0;
    const data = {
      context: {
        workbook: {
          worksheets: {
            asked: "",
            sheet: {
              activated: false,
              range: {
                address: "",
                selected: false,
                select() {
                  this.selected = true;
                },
              },
              activate() {
                this.activated = true;
              },
              getRange(address: string) {
                this.range.address = address;
                return this.range;
              },
            },
            getItem(name: string) {
              this.asked = name;
              return this.sheet;
            },
          },
        },
        sync: async () => void syncs++,
      },
    };
    const mock = new OfficeMockObject(data) as unknown as {
      context: Excel.RequestContext & {
        workbook: {
          worksheets: { asked: string; sheet: { activated: boolean; range: { address: string; selected: boolean } } };
        };
      };
    };
    await selectCell(mock.context, "客户状况记录表", "H8");
    const worksheets = mock.context.workbook.worksheets;
    expect(worksheets.asked).toBe("客户状况记录表");
    expect(worksheets.sheet.activated).toBe(true);
    expect(worksheets.sheet.range.address).toBe("H8");
    expect(worksheets.sheet.range.selected).toBe(true);
    expect(syncs).toBe(1);
  });

  it("a setting's value is only there after load and sync, as Rapport's state reader expects", async () => {
    const stored = JSON.stringify({ marks: { sheet: "客户", ids: ["{1}"] } });
    // The mock's own sync moves loaded values in; no sync of ours replaces it.
    const mock = new OfficeMockObject({ setting: { value: stored } }) as unknown as {
      setting: { value: unknown; load: (p: string) => void };
      sync: () => Promise<void>;
    };
    expect(String(mock.setting.value)).toMatch(NOT_LOADED);
    mock.setting.load("value");
    await mock.sync();
    // An earlier version's one-sheet entry reads as a list of one.
    expect(readState(mock.setting.value)).toEqual({ marks: [{ sheet: "客户", ids: ["{1}"] }] });
  });

  it("writes the state as one setting, as JSON text", () => {
    const added: [string, unknown][] = [];
    const settings = {
      add: (key: string, value: unknown) => added.push([key, value]),
    } as unknown as Excel.SettingCollection;
    writeState(settings, { owned: { sheet: "客户", headerRow: 3, columns: [38, 39, 40, 41] } });
    expect(added).toEqual([[STATE_KEY, '{"owned":{"sheet":"客户","headerRow":3,"columns":[38,39,40,41]}}']]);
    expect(readState("not json")).toEqual({});
    expect(readState({ owned: { sheet: 1 } })).toEqual({});
  });

  it("detects the API sets Rapport can use", () => {
    const office = new OfficeMockObject({
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) => name === "ExcelApi" && Number(version.split(".")[1]) <= 13,
        },
      },
    }) as unknown as typeof Office;
    const caps = detectCapabilities((n, v) => office.context.requirements.isSetSupported(n, v));
    expect(caps).toEqual({
      notes: false,
      conditionalFormatById: false,
      mergedAreas: true,
      rangeAreas: true,
      dataValidation: true,
    });
    expect(
      detectCapabilities(() => {
        throw new Error("no requirements API");
      }),
    ).toEqual(MIN_CAPABILITIES);
  });
});
