// The callback scheduler's vocabulary (电话回访计划, domain §4). Pure: runs in the task pane and the CLI alike.
import type { BilingualText, IsoDate } from "../types";

/** The named rules, each one a kind of callback; the company switches them off or retunes them in its config. */
export const CALLBACK_KINDS = [
  "install",
  "purchase-4-6m",
  "purchase-10-12m",
  "anniversary",
  "periodic",
  "complaint",
  "proposal",
  "repair-dispatch",
  "repair-overdue",
  "repair-followup",
  "low-satisfaction",
  "dormant",
  "random",
  "holiday",
  "birthday",
] as const;

export type CallbackKind = (typeof CALLBACK_KINDS)[number];

/** 回访内容: what the call is about (解释/宣传/情感/调解/建议/指导 回访). */
export const CONTENT_CATEGORIES = [
  "explanation",
  "promotion",
  "relationship",
  "mediation",
  "advice",
  "guidance",
] as const;

export type ContentCategory = (typeof CONTENT_CATEGORIES)[number];

/** One planned call. Dates are plain calendar dates; `window` is when the call is due, `date` when it is planned. */
export interface CallbackEntry {
  code: string;
  name: string;
  /** Excel row of the customer in the archive, to point back at it. */
  row: number;
  date: IsoDate;
  kind: CallbackKind;
  window: readonly [IsoDate, IsoDate];
  /** Who calls: the customer's 负责人, or the colleague the scheduler assigned; empty when nobody could be. */
  owner: string;
  category: ContentCategory;
  /** One line on why this call is made (Chinese for the staff, English beside it). */
  purpose: BilingualText;
  /** The opening words from the 回访规范, filled with the contact's name. */
  script: string;
  contact?: string;
  phone?: string;
}

export type WarningSeverity = "error" | "warning";

export type ScheduleWarningCode =
  | "calendar-not-covered"
  | "over-capacity"
  | "owner-unavailable"
  | "unknown-owner"
  | "no-staff"
  | "archive-errors"
  | "ungraded";

export interface ScheduleWarning {
  code: ScheduleWarningCode;
  /** `error`: some calls could not be planned as the rules ask (the CLI exits 1); `warning`: worth knowing. */
  severity: WarningSeverity;
  message: BilingualText;
  owner?: string;
  date?: IsoDate;
  /** How many calls the warning is about, when it sums several. */
  count?: number;
}

/** A person who makes calls (人员 sheet or config `schedule.staff`). */
export interface StaffMember {
  name: string;
  phone?: string;
  /** 在岗: people not on duty get no calls. */
  active: boolean;
  /** Calls a day at most; `null` takes the configured default. */
  dailyCap: number | null;
  /** Inclusive date ranges off work (休假开始–休假结束). */
  leave: { from: IsoDate; to: IsoDate }[];
}

export interface ScheduleResult {
  entries: CallbackEntry[];
  warnings: ScheduleWarning[];
}
