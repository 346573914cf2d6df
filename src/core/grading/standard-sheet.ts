import { ZodError, type ZodIssue } from "zod";
import { columnLetter } from "../a1";
import { cellText, halfWidth } from "../parse/text";
import type { BilingualText, CellValue, SheetGrid } from "../types";
import { standardProblems, type StandardProblem, type StandardResult } from "./config";
import { DEFAULT_STANDARD } from "./default-standard";
import { parseGradeText } from "./grades";
import { measureByName, type MeasureKey } from "./measures";
import { splitLabels, standardSchema } from "./standard";
import {
  ABC_KEYS,
  CRITERION_COLUMNS,
  EFFECT_WORDS,
  GRADE_COLUMNS,
  LIMIT_WORDS,
  MISSING_WORDS,
  OP_WORDS,
  RULE_COLUMNS,
  RULE_WORDS,
  SECTION_WORDS,
  wordKey,
  wordList,
  type Section,
} from "./sheet-words";

// Reads the 评级标准 sheet: a company's standard kept in the workbook, editable in Excel. The sheet has up to four
// parts, each a small table whose header row starts with the part's name (评分项目, 等级, 硬性规则, ABC分类);
// columns are found by their header text, so a person may reorder them or add notes beside them. A part left out
// keeps Rapport's default. Every problem names the cell to fix, e.g. 评级标准!E7.

type Json = Record<string, unknown>;

interface Cursor {
  grid: SheetGrid;
  problems: StandardProblem[];
  /** Key path of the standard → the cell it came from, to point zod's findings at the user's cell. */
  cells: Map<string, string>;
}

function ref(cur: Cursor, r: number, c: number): string {
  return `${cur.grid.name}!${columnLetter(cur.grid.firstColumn + c)}${cur.grid.firstRow + r}`;
}

function problem(cur: Cursor, r: number, c: number, zh: string, en: string): void {
  cur.problems.push({ where: ref(cur, r, c), message: { zh, en } });
}

function cell(cur: Cursor, r: number, c: number | undefined): CellValue {
  return c === undefined ? null : (cur.grid.values[r]?.[c] ?? null);
}

function text(cur: Cursor, r: number, c: number | undefined): string {
  return cellText(cell(cur, r, c));
}

/** A number as typed: `12000`, `1.2万`, `12,000`, `80%` (as 80). */
function readNumber(value: CellValue): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const m = /^([-+]?\d+(?:\.\d+)?)(万|%)?$/.exec(halfWidth(value).replace(/[,\s]/g, ""));
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === "万" ? 10_000 : 1);
}

function columnsOf<K extends string>(header: readonly CellValue[], table: Record<K, readonly string[]>) {
  const found: Partial<Record<K, number>> = {};
  header.forEach((value, c) => {
    const key = wordKey(table, cellText(value));
    if (key !== undefined && found[key] === undefined) found[key] = c;
  });
  return found;
}

interface Block {
  section: Section;
  header: number;
  /** Non-blank rows after the header, up to the next part. */
  rows: number[];
}

/** A part starts at a header row (two or more cells) whose first cell names it. */
function findBlocks(grid: SheetGrid): Block[] {
  const blocks: Block[] = [];
  grid.values.forEach((row, r) => {
    const filled = row.filter((c) => cellText(c) !== "");
    const section = filled.length < 2 ? undefined : wordKey(SECTION_WORDS, cellText(filled[0]));
    if (section !== undefined) blocks.push({ section, header: r, rows: [] });
    else if (blocks.length && filled.length) blocks[blocks.length - 1].rows.push(r);
  });
  return blocks;
}

/** A required cell: says so when its column or its value is missing. */
function required(cur: Cursor, r: number, c: number | undefined, what: BilingualText, part: string): boolean {
  if (c === undefined) {
    problem(cur, r, 0, `“${part}”部分缺少“${what.zh}”列`, `the ${part} part has no "${what.en}" column`);
    return false;
  }
  if (text(cur, r, c) === "") {
    problem(cur, r, c, `${what.zh}不能为空`, `${what.en} cannot be blank`);
    return false;
  }
  return true;
}

function readMeasure(cur: Cursor, r: number, c: number | undefined, part: string): MeasureKey | undefined {
  if (!required(cur, r, c, { zh: "数据", en: "measure" }, part)) return undefined;
  const raw = text(cur, r, c);
  const key = measureByName(raw);
  if (!key)
    problem(
      cur,
      r,
      c as number,
      `数据项“${raw}”不认识；应为客户档案的列名（如 月均购买额、付款态度、投诉次数）或 合作年限、距上次联系天数、距上次投诉天数`,
      `unknown measure "${raw}"; expected an archive column (e.g. 月均购买额, 付款态度, 投诉次数) or 合作年限, 距上次联系天数, 距上次投诉天数`,
    );
  return key;
}

function readWord<K extends string>(
  cur: Cursor,
  r: number,
  c: number | undefined,
  table: Record<K, readonly string[]>,
  what: BilingualText,
): K | undefined {
  const raw = text(cur, r, c);
  if (raw === "") return undefined;
  const key = wordKey(table, raw);
  if (key === undefined) {
    const list = wordList(table);
    problem(
      cur,
      r,
      c as number,
      `${what.zh}“${raw}”不认识；应为 ${list}`,
      `${what.en} "${raw}" is not understood; expected ${list}`,
    );
  }
  return key;
}

function readNumberCell(cur: Cursor, r: number, c: number | undefined, what: BilingualText): number | undefined {
  const value = cell(cur, r, c);
  if (cellText(value) === "") return undefined;
  const n = readNumber(value);
  if (n === undefined)
    problem(
      cur,
      r,
      c as number,
      `${what.zh}应为数字，填写的是 “${cellText(value)}”`,
      `${what.en} must be a number, found "${cellText(value)}"`,
    );
  return n;
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

interface Pair {
  r: number;
  value: CellValue;
  points: number | undefined;
}

function readCriteria(cur: Cursor, block: Block): Json[] {
  const header = cur.grid.values[block.header];
  const col = columnsOf(header, CRITERION_COLUMNS);
  const part = "评分项目";
  const criteria: Json[] = [];
  const pairs: Pair[][] = [];
  const used = new Set<string>();
  for (const r of block.rows) {
    const name = text(cur, r, col.name);
    if (name) {
      const i = criteria.length;
      const measure = readMeasure(cur, r, col.measure, part);
      const weight = required(cur, r, col.weight, { zh: "权重", en: "weight" }, part)
        ? readNumberCell(cur, r, col.weight, { zh: "权重", en: "weight" })
        : undefined;
      const rule = required(cur, r, col.rule, { zh: "规则", en: "rule" }, part)
        ? readWord(cur, r, col.rule, RULE_WORDS, { zh: "规则", en: "rule" })
        : undefined;
      const missingNumber = readNumber(cell(cur, r, col.missing));
      const missing =
        missingNumber ?? readWord(cur, r, col.missing, MISSING_WORDS, { zh: "缺失时", en: "missing" }) ?? "neutral";
      criteria.push({
        id: text(cur, r, col.id) || uniqueId(measure ?? `criterion${i + 1}`, used),
        name: { zh: name, en: text(cur, r, col.nameEn) || name },
        measure,
        effect: readWord(cur, r, col.effect, EFFECT_WORDS, { zh: "加/扣分", en: "effect" }) ?? "add",
        weight,
        rule,
        missing,
      });
      const at = (key: string, c: number | undefined) =>
        c !== undefined && cur.cells.set(`criteria.${i}${key}`, ref(cur, r, c));
      at("", col.name);
      at(".id", col.id ?? col.name);
      at(".name", col.name);
      for (const key of ["measure", "weight", "rule", "effect", "missing"] as const) at(`.${key}`, col[key]);
      pairs.push([]);
    } else if (!criteria.length) {
      problem(cur, r, col.name ?? 0, "此行之前没有评分项目名称", "this row comes before any criterion name");
      continue;
    }
    const value = cell(cur, r, col.value);
    if (cellText(value) === "" && text(cur, r, col.points) === "") continue;
    pairs[pairs.length - 1].push({
      r,
      value,
      points: readNumberCell(cur, r, col.points, { zh: "得分", en: "points" }),
    });
  }
  criteria.forEach(
    (c, i) => (c.rule = buildRule(cur, c.rule as keyof typeof RULE_WORDS | undefined, i, pairs[i], col)),
  );
  return criteria;
}

function buildRule(
  cur: Cursor,
  type: keyof typeof RULE_WORDS | undefined,
  i: number,
  pairs: Pair[],
  col: Partial<Record<keyof typeof CRITERION_COLUMNS, number>>,
): Json {
  const at = (key: string, r: number, c: number | undefined) =>
    c !== undefined && cur.cells.set(`criteria.${i}.rule${key}`, ref(cur, r, c));
  const numberOf = (p: Pair) => {
    const n = readNumber(p.value);
    if (n === undefined)
      problem(
        cur,
        p.r,
        col.value as number,
        `取值应为数字，填写的是 “${cellText(p.value)}”`,
        `the value must be a number, found "${cellText(p.value)}"`,
      );
    return n;
  };
  if (type === undefined) return {};
  if (!pairs.length) {
    cur.problems.push({
      where: cur.cells.get(`criteria.${i}`) ?? cur.grid.name,
      message: { zh: "该评分项目下没有 取值/得分 行", en: "the criterion has no value/points rows" },
    });
    return {};
  }
  if (type === "lookup") {
    const labels: Record<string, number | undefined> = {};
    const first = new Map<string, number>();
    for (const p of pairs) {
      const key = cellText(p.value);
      // A label listed twice would keep only its last points, silently: name the repeat instead.
      const before = first.get(key);
      if (before !== undefined) {
        const earlier = ref(cur, before, col.value as number);
        problem(
          cur,
          p.r,
          col.value as number,
          `选项“${key}”重复（已在 ${earlier} 列出）；每个选项只能列一次`,
          `the label "${key}" is listed twice (already at ${earlier}); list each label once`,
        );
        continue;
      }
      first.set(key, p.r);
      labels[key] = p.points;
      at(`.labels.${key}`, p.r, col.points);
    }
    return { type, labels };
  }
  if (type === "linear") {
    if (pairs.length !== 2) {
      problem(
        cur,
        pairs[0].r,
        col.value ?? 0,
        `线性规则需要正好两行 取值/得分（现有 ${pairs.length} 行）`,
        `a linear rule needs exactly two value/points rows (found ${pairs.length})`,
      );
      return {};
    }
    const [from, to] = pairs;
    at(".from.value", from.r, col.value);
    at(".from.points", from.r, col.points);
    at(".to.value", to.r, col.value);
    at(".to.points", to.r, col.points);
    return {
      type,
      from: { value: numberOf(from), points: from.points },
      to: { value: numberOf(to), points: to.points },
    };
  }
  pairs.forEach((p, j) => {
    at(`.bands.${j}.from`, p.r, col.value);
    at(`.bands.${j}.points`, p.r, col.points);
  });
  return { type, bands: pairs.map((p) => ({ from: numberOf(p), points: p.points })) };
}

function readGrades(cur: Cursor, block: Block): Json {
  const col = columnsOf(cur.grid.values[block.header], GRADE_COLUMNS);
  const grades: Json = {};
  if (col.min === undefined) {
    required(cur, block.header, undefined, { zh: "最低分", en: "minimum score" }, "等级");
    return grades;
  }
  for (const r of block.rows) {
    const grade = parseGradeText(text(cur, r, col.grade));
    // D is everything below C: its row, if any, is there for people to read.
    if (!grade || grade === "D") continue;
    if (required(cur, r, col.min, { zh: "最低分", en: "minimum score" }, "等级"))
      grades[grade] = readNumberCell(cur, r, col.min, { zh: "最低分", en: "minimum score" });
    cur.cells.set(`grades.${grade}`, ref(cur, r, col.min));
  }
  for (const g of ["A", "B", "C"]) {
    if (!cur.cells.has(`grades.${g}`))
      problem(cur, block.header, 0, `“等级”部分缺少 ${g} 级的最低分`, `the grades part has no minimum score for ${g}`);
  }
  cur.cells.set("grades", ref(cur, block.header, 0));
  return grades;
}

function readCondition(cur: Cursor, r: number, col: Partial<Record<keyof typeof RULE_COLUMNS, number>>): Json {
  const part = "硬性规则";
  const cond: Json = { measure: readMeasure(cur, r, col.measure, part) };
  if (!required(cur, r, col.op, { zh: "条件", en: "condition" }, part)) return cond;
  const op = readWord(cur, r, col.op, OP_WORDS, { zh: "条件", en: "condition" });
  if (op === undefined || !required(cur, r, col.value, { zh: "取值", en: "value" }, part)) return cond;
  if (op === "labels") cond.labels = splitLabels(text(cur, r, col.value));
  else cond[op] = readNumberCell(cur, r, col.value, { zh: "取值", en: "value" });
  return cond;
}

function readHardRules(cur: Cursor, block: Block): Json[] {
  const col = columnsOf(cur.grid.values[block.header], RULE_COLUMNS);
  const part = "硬性规则";
  const rules: Json[] = [];
  const used = new Set<string>();
  for (const r of block.rows) {
    const name = text(cur, r, col.name);
    if (name) {
      const i = rules.length;
      const rule: Json = {
        id: text(cur, r, col.id) || uniqueId(`rule${i + 1}`, used),
        name: { zh: name, en: text(cur, r, col.nameEn) || name },
        when: [],
      };
      const limit = required(cur, r, col.limit, { zh: "限制", en: "limit" }, part)
        ? readWord(cur, r, col.limit, LIMIT_WORDS, { zh: "限制", en: "limit" })
        : undefined;
      if (required(cur, r, col.grade, { zh: "等级", en: "grade" }, part)) {
        const gradeText = text(cur, r, col.grade);
        const grade = parseGradeText(gradeText);
        if (!grade)
          problem(
            cur,
            r,
            col.grade as number,
            `等级应为 A、B、C 或 D，填写的是 “${gradeText}”`,
            `grade must be A, B, C or D, found "${gradeText}"`,
          );
        if (limit) rule[limit] = grade;
        cur.cells.set(`hardRules.${i}.${limit ?? "atMost"}`, ref(cur, r, col.grade as number));
      }
      rules.push(rule);
      cur.cells.set(`hardRules.${i}`, ref(cur, r, col.name as number));
    } else if (!rules.length) {
      problem(cur, r, col.name ?? 0, "此行之前没有硬性规则名称", "this row comes before any hard rule name");
      continue;
    }
    if (text(cur, r, col.measure) === "" && text(cur, r, col.op) === "") continue;
    const i = rules.length - 1;
    const when = rules[i].when as Json[];
    const path = `hardRules.${i}.when.${when.length}`;
    when.push(readCondition(cur, r, col));
    if (col.measure !== undefined) cur.cells.set(path, ref(cur, r, col.measure));
    if (col.value !== undefined)
      for (const k of ["min", "max", "labels"]) cur.cells.set(`${path}.${k}`, ref(cur, r, col.value));
  }
  return rules;
}

function readAbc(cur: Cursor, block: Block): Json {
  const abc: Json = {};
  for (const r of block.rows) {
    const filled = cur.grid.values[r].map((v, c) => ({ v, c })).filter(({ v }) => cellText(v) !== "");
    const key = filled.length < 2 ? undefined : wordKey(ABC_KEYS, cellText(filled[0].v));
    if (!key) continue;
    const { v, c } = filled[1];
    cur.cells.set(`abc.${key}`, ref(cur, r, c));
    if (key === "measure") {
      abc.measure = readMeasure(cur, r, c, "ABC分类");
    } else {
      const n = readNumberCell(cur, r, c, { zh: "累计占比", en: "cumulative share" });
      // An Excel percentage cell holds 0.8 for 80 %.
      abc[key] = n !== undefined && typeof v === "number" && n > 0 && n <= 1 ? n * 100 : n;
    }
  }
  cur.cells.set("abc", ref(cur, block.header, 0));
  return abc;
}

/** The cell a key path came from, or the nearest cell above it in the path. */
function cellFor(cur: Cursor, where: string, present: ReadonlySet<Section>): string {
  const parts = where.split(".");
  for (let n = parts.length; n > 0; n--) {
    const found = cur.cells.get(parts.slice(0, n).join("."));
    if (found) return found;
  }
  const section = parts[0] as Section;
  if (present.has(section) || !SECTION_WORDS[section]) return cur.grid.name;
  return `${cur.grid.name}（默认的${SECTION_WORDS[section][0]} / default ${section}）`;
}

/** The standard on a 评级标准 sheet; the parts the sheet leaves out are the defaults'. Problems name the cell. */
export function standardFromSheet(grid: SheetGrid): StandardResult {
  const cur: Cursor = { grid, problems: [], cells: new Map() };
  const blocks = findBlocks(grid);
  if (!blocks.length) {
    return {
      ok: false,
      problems: [
        {
          where: grid.name,
          message: {
            zh: `工作表「${grid.name}」中找不到评级标准：应有以 评分项目、等级、硬性规则 或 ABC分类 开头的表头行`,
            en: `sheet "${grid.name}" holds no grading standard: expected header rows starting with 评分项目 (criteria), 等级 (grades), 硬性规则 (hard rules) or ABC分类`,
          },
        },
      ],
    };
  }
  const data: Json = {};
  const present = new Set<Section>();
  for (const block of blocks) {
    if (present.has(block.section)) {
      problem(cur, block.header, 0, "这一部分重复出现；每部分只能有一个", "this part appears twice; keep one");
      continue;
    }
    present.add(block.section);
    if (block.section === "criteria") data.criteria = readCriteria(cur, block);
    else if (block.section === "grades") data.grades = readGrades(cur, block);
    else if (block.section === "hardRules") data.hardRules = readHardRules(cur, block);
    else data.abc = readAbc(cur, block);
  }
  const parsed = standardSchema.safeParse({ ...DEFAULT_STANDARD, ...data });
  if (parsed.success && !cur.problems.length) return { ok: true, standard: parsed.data };
  const all = parsed.success ? [] : parsed.error.issues;
  const issues = cur.problems.length ? all.filter(schemaIssueStands(cur)) : all;
  return {
    ok: false,
    problems: [
      ...cur.problems,
      ...standardProblems(new ZodError(issues)).map((p) => ({ ...p, where: cellFor(cur, p.where, present) })),
    ],
  };
}

/** `criteria.3.rule.type` → `criteria.3`; `grades.B` → `grades`: the criterion, rule or part a key path is in. */
function itemOf(path: string): string {
  const parts = path.split(".");
  return parts[0] === "criteria" || parts[0] === "hardRules" ? parts.slice(0, 2).join(".") : parts[0];
}

/**
 * The schema's findings are reported along with the problems met while reading the sheet (checks across fields
 * on the parts read well), but not those about a criterion, rule or part with a reading problem on one of its
 * rows: a value left unread there would only be reported again, or misread.
 */
function schemaIssueStands(cur: Cursor): (issue: ZodIssue) => boolean {
  const rowOf = (where: string) => /!\D+(\d+)$/.exec(where)?.[1];
  const problemRows = new Set(cur.problems.map((p) => rowOf(p.where)));
  const spoilt = new Set<string>();
  for (const [path, where] of cur.cells) if (problemRows.has(rowOf(where))) spoilt.add(itemOf(path));
  return (issue) =>
    !spoilt.has(itemOf(issue.path.join("."))) && !(issue.code === "invalid_type" && issue.received === "undefined");
}
