// Callback schedules (电话回访计划): the pure core the CLI, the task pane and the report share.
export { assignOwners, jobsFrom, type Assignment, type Jobs } from "./assign";
export { buildSchedule, compareEntries, type ScheduleInput } from "./build";
export {
  DEFAULT_SCRIPT,
  defaultScheduleSettings,
  gradeFromText,
  resolveScheduleSettings,
  scheduleConfigSchema,
  scheduleSectionSchema,
  type ScheduleConfig,
  type ScheduleSection,
  type ScheduleSettings,
} from "./config";
export { CATEGORY_LABELS, KIND_LABELS, openingScript, purposeOf } from "./content";
export { FESTIVAL_KEYS, FESTIVALS, festivalKeyFromText, greetingWindows, type FestivalKey } from "./festivals";
export { scheduleIcs, type IcsOptions } from "./ics";
export { readScheduleSettingsSheet } from "./settings-sheet";
export {
  CALLBACK_STATUSES,
  OPEN_STATUSES,
  SCHEDULE_COLUMNS,
  annotatedScheduleRows,
  cellsOfArea,
  entryToRow,
  isWorked,
  kindFromText,
  mergeSchedule,
  plannedBy,
  readScheduleSheet,
  scheduleColumnLetter,
  scheduleFingerprint,
  scheduleHighlightFormulas,
  scheduleKey,
  scheduleSheetRows,
  scheduleTableGrid,
  scheduleTableOf,
  sheetContacts,
  statusFromText,
  type CallbackStatus,
  type MergeResult,
  type ReadScheduleOptions,
  type ScheduleColumn,
  type ScheduleColumnKey,
  type ScheduleRow,
  type ScheduleSheet,
  type ScheduleSheetIssue,
  type TableArea,
} from "./sheet";
export { readStaffSheet, type SheetProblem } from "./staff";
export * from "./types";
export { createWorkCalendar, type WorkCalendar } from "./workdays";
