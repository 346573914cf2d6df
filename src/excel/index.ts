// The Office.js adapter: what the task pane calls. Each action reads the workbook in a constant number of
// round-trips, runs the same core code as the CLI, and writes only Rapport's own columns and sheets.
export {
  ActionError,
  ALL_CAPABILITIES,
  MIN_CAPABILITIES,
  describeActionError,
  detectCapabilities,
  type ExcelCapabilities,
} from "./office";
export type { ActionOptions, Phase, Progress } from "./common";
export {
  detectArchive,
  fieldLabel,
  listSheets,
  saveHeaders,
  selectCell,
  type DetectedColumn,
  type DetectSummary,
} from "./detect";
export type { HeaderMapping } from "./state";
export { clearMarks, validateWorkbook, type ValidateOutcome } from "./validate";
export { createStandardSheet, gradeWorkbook, type GradeSummary } from "./grade";
export { checkPeriod, fillCallbacks, type Period, type ScheduleOptions, type ScheduleSummary } from "./schedule";
export { collectSources, templateData, type CollectedSources, type PdfRequestBody } from "./report-data";
