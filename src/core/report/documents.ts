// The data each PDF template takes, built from the archive, the grading results and the callback plan. Plain JSON
// (no class instances, no functions): the task pane builds it in the browser and posts it to the local server,
// the CLI builds it in Node, and the templates read it as is.
import { FIELDS } from "../fields";
import type { BilingualText, CustomerRecord, IsoDate } from "../types";
import { callbackFigures, callbackSheet, type CallbackFigures, type CallbackSheetOwner } from "./callbacks";
import { churnFigures, type ChurnFigures } from "./churn";
import { complaintFigures, type ComplaintFigures } from "./complaints";
import { gradeDistribution, roster, type GradeShare, type Roster } from "./grades";
import { GRADE_LABELS, GRADES, kindLabel, categoryLabel, STATUS_LABELS } from "./labels";
import { previousPeriod } from "./period";
import { satisfactionFigures, type SatisfactionFigures } from "./satisfaction";
import { improvements, objectives, targetResults, type TargetLine } from "./targets";
import {
  DEFAULT_TARGETS,
  type ApprovalBlock,
  type CallbackRow,
  type DocumentInfo,
  type GradeInfo,
  type Period,
  type Targets,
} from "./types";

/** What every builder needs: the archive's records, grades by customer code, the callback rows, and today. */
export interface ReportSources {
  records: readonly CustomerRecord[];
  grades: ReadonlyMap<string, GradeInfo>;
  callbacks: readonly CallbackRow[];
  today: IsoDate;
  /**
   * Whether the callbacks are the 回访计划 sheet's, with what staff recorded (the default), or only planned by the
   * rules for lack of one: then no period has any callback on record, and the documents say so.
   */
  callbacksRecorded?: boolean;
}

// ---- 客户关系维护方案 (plan) ----

/** One grade's maintenance (维护方式, 维护措施, 负责人员, 维护费用预算: yuan per customer for the period). */
export interface PlanMeasure {
  grade: string;
  label: BilingualText;
  method: string;
  measures: string;
  staff: string;
  budget: number;
  /** Customers of the grade now served, and budget × customers. */
  customers: number;
  subtotal: number;
}

export interface PlanStep {
  phase: string;
  from: IsoDate;
  to: IsoDate;
  work: string;
  owner: string;
}

export interface PlanData {
  document: DocumentInfo;
  period: Period;
  purpose: string;
  scope: string;
  situation: {
    customers: number;
    served: number;
    grades: GradeShare[];
    /** The period of the same length before this plan's, measured the way the report measures. */
    lastPeriod: Period;
    last: {
      satisfactionRate: number | null;
      retentionRate: number | null;
      churnRate: number | null;
      callbacks: CallbackFigures["total"];
      /** False when the workbook has no 回访计划 sheet: there is no record of last period's calls. */
      callbacksRecorded: boolean;
    };
  };
  objectives: TargetLine[];
  measures: PlanMeasure[];
  budgetTotal: number;
  timetable: PlanStep[];
  evaluation: string[];
  approval: ApprovalBlock;
}

/** The company's own words for a plan; anything left out takes the handbook's defaults (domain §3, §6). */
export interface PlanSettings {
  purpose?: string;
  scope?: string;
  targets?: Partial<Targets>;
  measures?: Partial<Record<string, Partial<Pick<PlanMeasure, "method" | "measures" | "staff" | "budget">>>>;
  timetable?: PlanStep[];
  evaluation?: string[];
  approval?: ApprovalBlock;
}

const DEFAULT_MEASURES: Record<string, Pick<PlanMeasure, "method" | "measures" | "staff" | "budget">> = {
  A: {
    method: "客户经理专人维护，每月电话回访，每季度上门拜访",
    measures: "年度答谢活动或考察旅行；新品优先试用；投诉 24 小时内闭环",
    staff: "客户经理、客户关系主管",
    budget: 3000,
  },
  B: {
    method: "每季度电话回访，每半年上门拜访",
    measures: "节日礼品；新政策与新产品宣传回访；满意度跟踪",
    staff: "客户关系专员",
    budget: 800,
  },
  C: {
    method: "每半年电话回访",
    measures: "节日贺卡；指导回访，帮助客户用好产品；挖掘增长潜力",
    staff: "客户关系专员",
    budget: 200,
  },
  D: {
    method: "每年电话回访",
    measures: "节日贺卡或短信问候；按需服务",
    staff: "客户关系专员",
    budget: 50,
  },
};

function defaultTimetable(period: Period): PlanStep[] {
  return [
    {
      phase: "准备",
      from: period.from,
      to: period.from,
      work: "更新客户档案，完成评估分级，编制客户分级目录",
      owner: "客户关系专员",
    },
    {
      phase: "实施",
      from: period.from,
      to: period.to,
      work: "按回访计划开展回访、拜访与关怀，及时记录",
      owner: "客户关系专员",
    },
    {
      phase: "督导",
      from: period.from,
      to: period.to,
      work: "每周检查回访完成与逾期情况，调整计划",
      owner: "客户关系主管",
    },
    {
      phase: "评估",
      from: period.to,
      to: period.to,
      work: "统计满意度、流失率与目标达成，编写维护报告",
      owner: "客户关系主管",
    },
  ];
}

const DEFAULT_EVALUATION = [
  "按期统计回访计划完成率、逾期次数与未接通次数。",
  "以回访满意度和档案满意度计算客户满意度，对照目标。",
  "按“流失客户数 ÷ 服务客户数”计算流失率，分析流失原因。",
  "评估结果写入《客户关系维护报告》，报客户服务经理审阅。",
];

export function buildPlanData(
  sources: ReportSources,
  period: Period,
  document: DocumentInfo,
  settings: PlanSettings = {},
): PlanData {
  const grades = gradeDistribution(sources.records, sources.grades);
  const last = previousPeriod(period);
  const lastSatisfaction = satisfactionFigures(sources.records, sources.callbacks, last);
  const lastChurn = churnFigures(sources.records, last);
  const lastCallbacks = callbackFigures(sources.callbacks, last, sources.today);
  const measures = GRADES.map((grade): PlanMeasure => {
    const m = { ...DEFAULT_MEASURES[grade], ...settings.measures?.[grade] };
    const customers = grades.find((g) => g.grade === grade)?.count ?? 0;
    return { grade, label: GRADE_LABELS[grade], ...m, customers, subtotal: m.budget * customers };
  });
  return {
    document,
    period,
    purpose:
      settings.purpose ??
      "为了巩固和发展与客户的长期合作关系，提高客户满意度和忠诚度，减少客户流失，规范客户维护工作，特制定本方案。",
    scope: settings.scope ?? "本方案适用于公司客户服务部对全部在合作客户的关系维护工作。",
    situation: {
      customers: sources.records.length,
      served: grades.reduce((n, g) => n + g.count, 0),
      grades,
      lastPeriod: last,
      last: {
        satisfactionRate: lastSatisfaction.rate,
        retentionRate: lastChurn.retentionRate,
        churnRate: lastChurn.churnRate,
        callbacks: lastCallbacks.total,
        callbacksRecorded: sources.callbacksRecorded !== false,
      },
    },
    objectives: objectives({ ...DEFAULT_TARGETS, ...settings.targets }),
    measures,
    budgetTotal: measures.reduce((sum, m) => sum + m.subtotal, 0),
    timetable: settings.timetable ?? defaultTimetable(period),
    evaluation: settings.evaluation ?? DEFAULT_EVALUATION,
    approval: settings.approval ?? {},
  };
}

// ---- 客户关系维护报告 (report) ----

export interface ReportData {
  document: DocumentInfo;
  period: Period;
  asOf: IsoDate;
  summary: { customers: number; served: number; graded: number };
  /** False when the callbacks were planned by the rules (no 回访计划 sheet): none has a result yet. */
  callbacksRecorded: boolean;
  grades: GradeShare[];
  callbacks: CallbackFigures;
  satisfaction: SatisfactionFigures;
  complaints: ComplaintFigures;
  churn: ChurnFigures;
  targets: TargetLine[];
  improvements: BilingualText[];
}

export function buildReportData(
  sources: ReportSources,
  period: Period,
  document: DocumentInfo,
  targets: Partial<Targets> = {},
): ReportData {
  const grades = gradeDistribution(sources.records, sources.grades);
  const callbacks = callbackFigures(sources.callbacks, period, sources.today);
  const satisfaction = satisfactionFigures(sources.records, sources.callbacks, period);
  const complaints = complaintFigures(sources.records, sources.callbacks, period);
  const churn = churnFigures(sources.records, period);
  const results = targetResults({ ...DEFAULT_TARGETS, ...targets }, satisfaction, churn);
  return {
    document,
    period,
    asOf: sources.today,
    summary: {
      customers: sources.records.length,
      served: grades.reduce((n, g) => n + g.count, 0),
      graded: sources.records.filter((r) => sources.grades.get(r.code)?.grade).length,
    },
    callbacksRecorded: sources.callbacksRecorded !== false,
    grades,
    callbacks,
    satisfaction,
    complaints,
    churn,
    targets: results,
    improvements: improvements(results, callbacks, complaints, churn),
  };
}

// ---- 客户分级目录 (roster) ----

export interface RosterData extends Roster {
  document: DocumentInfo;
  asOf: IsoDate;
}

export function buildRosterData(sources: ReportSources, document: DocumentInfo): RosterData {
  return { document, asOf: sources.today, ...roster(sources.records, sources.grades) };
}

// ---- 电话回访计划表 (callbacks) ----

export interface CallbacksData {
  document: DocumentInfo;
  period: Period;
  total: number;
  owners: CallbackSheetOwner[];
}

export function buildCallbacksData(sources: ReportSources, period: Period, document: DocumentInfo): CallbacksData {
  const owners = callbackSheet(sources.callbacks, period);
  return { document, period, total: owners.reduce((n, o) => n + o.count, 0), owners };
}

// ---- 客户状况记录表 (record) and 客户关系评估表 (evaluation): one page per customer ----

/** A customer's upcoming call, on the record form. */
export interface UpcomingCallback {
  date: IsoDate;
  kind: BilingualText;
  category?: BilingualText;
  owner: string;
  purpose?: BilingualText;
  status: BilingualText;
}

/**
 * One of the user's own columns on the form: its header, its value as text and how to print it — `money` for a
 * number under a header that names an amount (年购买额（元）, 预算, 费用), `text` otherwise.
 */
export interface ExtraField {
  header: string;
  value: string;
  kind: "money" | "text";
}

/** The archive record as JSON: `extra` (the user's own columns) in sheet order. */
export type RecordCustomer = Omit<CustomerRecord, "extra"> & { extra: ExtraField[] };

/** Headers that name an amount of money. */
const MONEY_HEADER = /元|¥|￥|金额|额|费|预算|价|收入|成本|利润/;

function extraField(header: string, value: unknown): ExtraField {
  const text = String(value);
  const numeric = typeof value === "number" || /^-?\d+(\.\d+)?$/.test(text.trim());
  return { header, value: text, kind: numeric && MONEY_HEADER.test(header) ? "money" : "text" };
}

export interface CustomerPage {
  customer: RecordCustomer;
  grading?: GradeInfo;
  /** Calls due from today on, soonest first: the first `UPCOMING_ON_FORM`, and how many more there are. */
  callbacks: UpcomingCallback[];
  moreCallbacks: number;
}

/** The per-customer templates' data: one PDF page (or file, with --per-customer) per entry of `customers`. */
export interface CustomerPagesData {
  document: DocumentInfo;
  asOf: IsoDate;
  customers: CustomerPage[];
}

/** How many upcoming calls the record form lists: a paper form has one page, not a calendar. */
export const UPCOMING_ON_FORM = 5;

export function recordCustomer(record: CustomerRecord): RecordCustomer {
  const extra = Object.entries(record.extra ?? {})
    .filter(([, v]) => v !== null && v !== "")
    .map(([header, value]) => extraField(header, value));
  const out: Record<string, unknown> = { row: record.row, extra };
  for (const f of FIELDS) if (record[f.key] !== undefined) out[f.key] = record[f.key];
  return out as RecordCustomer;
}

export function buildCustomerPages(
  sources: ReportSources,
  document: DocumentInfo,
  records: readonly CustomerRecord[] = sources.records,
): CustomerPagesData {
  const upcoming = new Map<string, CallbackRow[]>();
  for (const row of sources.callbacks) {
    if (row.date < sources.today || row.status === "done" || row.status === "cancelled") continue;
    if (!upcoming.has(row.code)) upcoming.set(row.code, []);
    (upcoming.get(row.code) as CallbackRow[]).push(row);
  }
  return {
    document,
    asOf: sources.today,
    customers: records.map((record) => {
      const rows = (upcoming.get(record.code) ?? []).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      return {
        customer: recordCustomer(record),
        grading: sources.grades.get(record.code),
        moreCallbacks: Math.max(0, rows.length - UPCOMING_ON_FORM),
        callbacks: rows.slice(0, UPCOMING_ON_FORM).map((row) => ({
          date: row.date,
          kind: kindLabel(row.kind),
          category: categoryLabel(row.category),
          owner: row.owner,
          purpose: row.purpose,
          status: STATUS_LABELS[row.status],
        })),
      };
    }),
  };
}
