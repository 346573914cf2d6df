// The adapter's Office.js calls against Microsoft's own mock (office-addin-mock): what they queue, that they load
// before they read, and that they sync — small calls, and a whole Validate on a workbook made of mock objects
// (collections and *OrNullObject, which the mock has no model for, are thin stand-ins around mock objects). The
// actions' results are checked in full against the counting fake (adapter.test.ts).
import { OfficeApp } from "office-addin-manifest";
import { OfficeMockObject } from "office-addin-mock";
import { describe, expect, it } from "vitest";
import { detectCapabilities, MIN_CAPABILITIES, selectCell } from "../../src/excel";
import { readState, STATE_KEY, writeState } from "../../src/excel/state";
import { validateWorkbook } from "../../src/excel/validate";
import { FakeWorkbook, MIN_EXCEL_API } from "../helpers/fake-excel";

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
      comments: true,
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

// ---------------------------------------------------------------- a whole action on the mock

/**
 * A workbook for Validate built from office-addin-mock objects: every object Rapport loads from (sheets, used
 * ranges, protections, settings, conditional formats) is an `OfficeMockObject`, whose properties read as an error
 * until `load` and a `sync` after it; what Rapport only writes to is a recorder. `context.sync()` syncs every mock
 * object made so far, as one request does.
 */
function mockWorkbook(sheets: Record<string, unknown[][]>) {
  const mocks: OfficeMockObject[] = [];
  const log: string[] = [];
  let syncs = 0;
  const leaf = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const mock = new OfficeMockObject(data as never, OfficeApp.Excel);
    Object.assign(mock, extra);
    mocks.push(mock);
    return mock;
  };
  /** A null-object flag known after the sync that follows the object's creation, as Office.js gives it. */
  const nullable = (mock: OfficeMockObject, isNull: boolean) => {
    let synced = false;
    Object.defineProperty(mock, "isNullObject", {
      get: () => {
        if (!synced) throw new Error("isNullObject read before sync");
        return isNull;
      },
    });
    afterSync.push(() => (synced = true));
    return mock;
  };
  const afterSync: (() => void)[] = [];
  /** Anything written: property sets and calls recorded, every member another recorder. */
  const recorder = (path: string): unknown =>
    new Proxy(function () {}, {
      get: (_t, key) => (typeof key === "symbol" ? undefined : recorder(`${path}.${String(key)}`)),
      set: (_t, key, value) => {
        log.push(`${path}.${String(key)} = ${JSON.stringify(value).slice(0, 40)}`);
        return true;
      },
      apply: (_t, _this, args) => {
        log.push(`${path}(${args.map((a) => JSON.stringify(a)).join(", ")})`);
        return recorder(`${path}()`);
      },
    });
  let nextId = 1;
  const worksheet = (name: string, position: number, rows: unknown[][]) => {
    const ws = leaf({ name, id: `{ws-${position}}`, position, visibility: "Visible" });
    const width = Math.max(...rows.map((r) => r.length));
    Object.assign(ws, {
      protection: leaf({ protected: false }),
      getUsedRangeOrNullObject: () =>
        nullable(
          leaf({
            values: rows.map((r) => [...r, ...new Array(width - r.length).fill("")]),
            numberFormat: rows.map(() => new Array(width).fill("General")),
            rowIndex: 0,
            columnIndex: 0,
          }),
          rows.length === 0,
        ),
      getRange: (address?: string) => ({
        conditionalFormats: {
          add: (type: string) => {
            log.push(`${name}!${address}.conditionalFormats.add(${type})`);
            return leaf({ id: `{cf-${nextId++}}` }, { custom: recorder(`cf`) });
          },
          clearAll: () => log.push(`${name}.clearAll`),
        },
        unmerge: () => log.push(`${name}.unmerge`),
        clear: (what: string) => log.push(`${name}.clear(${what})`),
      }),
      getRangeByIndexes: (...at: number[]) => recorder(`${name}.getRangeByIndexes(${at.join(",")})`),
      freezePanes: recorder(`${name}.freezePanes`),
    });
    return ws;
  };
  const list = Object.entries(sheets).map(([name, rows], i) => worksheet(name, i, rows));
  let itemsLoaded = false;
  const collection = {
    load: (what: string) => {
      log.push(`worksheets.load(${what})`);
      itemsLoaded = true;
      for (const ws of list) ws.load("name,id,position,visibility");
    },
    get items() {
      if (!itemsLoaded) throw new Error("worksheets.items read before load");
      return list;
    },
    getItem: (name: string) => {
      const found = list.find((ws) => (ws as unknown as { name: string }).name === name);
      return found ?? worksheet(name, list.length, []);
    },
    add: (name: string) => {
      log.push(`worksheets.add(${name})`);
      return worksheet(name, list.length, []);
    },
  };
  const settings = {
    getItemOrNullObject: (key: string) => nullable(leaf({ key, value: "" }), true),
    add: (key: string, value: string) => log.push(`settings.add(${key}, ${value.slice(0, 60)})`),
  };
  const context = {
    workbook: { worksheets: collection, protection: leaf({ protected: false }), settings },
    async sync() {
      syncs++;
      for (const mock of [...mocks]) await mock.sync();
      for (const done of afterSync.splice(0)) done();
    },
  };
  return { context: context as unknown as Excel.RequestContext, log, syncs: () => syncs };
}

describe("office-addin-mock: Validate", () => {
  it("loads before it reads, reads in two round-trips and writes in one more (plus the bookkeeping)", async () => {
    const rows = [
      ["客户编号", "客户名称", "联系电话", "购买日期", "联系人"],
      ["C1", "甲公司", "+86 123", "2024-13-01", "张三"],
      ["C2", "乙公司", "13812345678", "2024-03-05", "李四"],
    ];
    const mock = mockWorkbook({ 客户: rows });
    // The mock enforces the discipline: a property read before load and sync is an error, not a value.
    const probe = new OfficeMockObject({ values: [[1]] } as never, OfficeApp.Excel);
    expect(String(probe.values)).toMatch(NOT_LOADED);

    const out = await validateWorkbook(mock.context, { today: "2026-11-25", capabilities: MIN_CAPABILITIES });
    expect(out.sheet).toBe("客户");
    expect(out.rows).toBe(2);
    // The same findings as against the counting fake (and as the CLI): values were read after their sync.
    const book = new FakeWorkbook({ 客户: rows }, { excelApi: MIN_EXCEL_API });
    const expected = await book.run((ctx) =>
      validateWorkbook(ctx as unknown as Excel.RequestContext, { today: "2026-11-25", capabilities: MIN_CAPABILITIES }),
    );
    expect(out.issues).toEqual(expected.issues);
    expect(out.errors).toBeGreaterThan(0);
    // Names first, then every sheet's values; the writes; the marks' ids remembered once Excel has made them.
    expect(mock.syncs()).toBe(4);
    expect(out.syncs).toBe(4);
    expect(mock.log[0]).toBe("worksheets.load(items/name,items/id,items/position,items/visibility)");
    expect(mock.log.filter((l) => l.includes("conditionalFormats.add"))).toHaveLength(out.marked);
    const state = mock.log.find((l) => l.startsWith("settings.add(rapport.state"));
    expect(state).toContain('"ids":["{cf-');
  });
});
