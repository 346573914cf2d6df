// The report figures' vocabulary (客户关系维护报告 / 方案, domain §5 and §6). Pure: the task pane computes the same
// figures in the browser, the CLI in Node, and both hand them to the PDF templates as plain JSON.
import type { CallbackStatus } from "../schedule/sheet";
import type { BilingualText, Grade, IsoDate } from "../types";

/** A reporting period, both ends included. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** One criterion of a customer's evaluation (客户关系评估表 row), as the grading module explains it. */
export interface CriterionLine {
  criterion: BilingualText;
  /** The customer's value as shown to a person (`¥12,000.00`, `满意`, `缺失`). */
  value: string;
  /** Share of the total score, 0–1. */
  weight: number;
  /** Points this criterion adds (negative for complaints and the like). */
  points: number;
  /** Points the criterion can give at most, when the model knows it (negative for a deduction). */
  maxPoints?: number;
  /** A deduction (扣分项, e.g. complaints): its weight is printed with a minus sign, as its points are. */
  deduct?: boolean;
  note?: BilingualText;
}

/**
 * A customer's grading result as the report templates need it. The grading module's own result type is mapped
 * onto this by the caller, so the figures do not change when grading internals do.
 */
export interface GradeInfo {
  code: string;
  /** 0–100. */
  score?: number;
  grade?: Grade;
  /** ABC analysis by revenue. */
  abc?: "A" | "B" | "C";
  /** The grade came from the 等级调整 column, not the score. */
  override?: boolean;
  /** What decided the grade (the threshold, a hard rule, or the override). */
  rule?: BilingualText;
  breakdown: CriterionLine[];
  /** Revenue the grading measured (its ABC measure, 月均购买额 by default); else the archive's 月均购买额 is used. */
  revenue?: number;
  /** Why a customer has no grade (a needed field is wrong, every criterion blank…), as the grading module says. */
  notGraded?: BilingualText[];
}

/**
 * 回访状态 on the 回访计划 sheet (the schedule module's drop-down): `planned` 待回访, `done` 已回访, `no-answer`
 * 未接通 and `rescheduled` 已改期 (still to be made), `refused` 拒绝回访 (closed without a call), `cancelled` 已取消
 * (not counted at all).
 */
export type { CallbackStatus };

/**
 * One row of the callback plan (回访计划) with what staff recorded on it. Fed from the schedule sheet's rows
 * (`readScheduleSheet`) or straight from the scheduler's entries (then everything is `planned`).
 */
export interface CallbackRow {
  code: string;
  name: string;
  /** Planned date. */
  date: IsoDate;
  /** The scheduler's rule name (`install`, `complaint`, …); any other text is kept and shown as is. */
  kind: string;
  owner: string;
  /** 回访内容 category (`explanation`, `mediation`, …). */
  category?: string;
  purpose?: BilingualText;
  contact?: string;
  phone?: string;
  status: CallbackStatus;
  /** 回访结果 as typed. */
  result?: string;
  /** 回访满意度 given on the call, on the archive's 0–100 scale. */
  satisfaction?: number;
  /** 实际回访日期. */
  actualDate?: IsoDate;
}

/** A controlled document's header (受控文件: 编号, 受控状态, 执行/监督/编修部门) and who wrote it. */
export interface DocumentInfo {
  title: string;
  /** 编号. */
  number: string;
  /** 受控状态, e.g. 受控 / 非受控. */
  controlStatus?: string;
  company?: string;
  executingDepartment?: string;
  supervisingDepartment?: string;
  editingDepartment?: string;
  /** Who the PDF metadata names as author. */
  author?: string;
  /** 编制日期 / the date printed on the document. */
  date: IsoDate;
}

/** 编制 / 审核 / 批准 (domain §1): names and dates; blank lines on paper when unknown. */
export interface ApprovalBlock {
  preparedBy?: string;
  preparedOn?: IsoDate;
  reviewedBy?: string;
  reviewedOn?: IsoDate;
  approvedBy?: string;
  approvedOn?: IsoDate;
  /** 修改标记 / 修改处数 / 修改日期. */
  revisionMark?: string;
  revisions?: number;
  revisedOn?: IsoDate;
}

/** Plan targets (domain §5), as fractions: satisfaction ≥ 0.9, loyalty ≥ 0.8, churn ≤ 0.05. */
export interface Targets {
  satisfaction: number;
  loyalty: number;
  churn: number;
}

export const DEFAULT_TARGETS: Readonly<Targets> = { satisfaction: 0.9, loyalty: 0.8, churn: 0.05 };

/** A display label in both languages. */
export type Label = BilingualText;
