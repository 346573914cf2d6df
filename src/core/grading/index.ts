// Customer evaluation and grading (客户关系评估 / 客户分级): the pure core shared by the CLI, the task pane and the
// report renderer. Runs in the browser as in Node.
export { abcClasses, type AbcClass } from "./abc";
export {
  gradingConfigSchema,
  gradingSectionSchema,
  parseStandard,
  type GradingConfig,
  type StandardProblem,
  type StandardResult,
} from "./config";
export { gradeForScore, type GradeDecision, type RuleHit } from "./decide";
export { DEFAULT_STANDARD } from "./default-standard";
export { explainResult } from "./explain";
export type { Distribution, GradeShare } from "./distribution";
export {
  gradeArchive,
  gradeCustomers,
  neededFields,
  type GradeOptions,
  type GradeResult,
  type GradingOutcome,
  type NotGraded,
  type NotGradedReason,
} from "./grade-customers";
export { GRADE_NAMES, GRADES, parseGradeText } from "./grades";
export { MEASURES, MEASURE_KEYS, measureByName, type MeasureKey, type MeasureSpec } from "./measures";
export { pickStandard, type PickedStandard, type StandardSource } from "./pick-standard";
export { notGradedCells, RESULT_COLUMN_NOTE, RESULT_COLUMNS, resultCells } from "./result-columns";
export {
  ROSTER_WIDTH,
  rosterGroups,
  rosterRows,
  type RosterFormat,
  type RosterGroup,
  type RosterInfo,
  type RosterRow,
  type RosterRowKind,
} from "./roster";
export { NEUTRAL_RATING, type Basis, type CriterionScore } from "./score";
export {
  standardSchema,
  type AbcSettings,
  type Condition,
  type Criterion,
  type GradingStandard,
  type GradingStandardInput,
  type HardRule,
  type Rule,
  type Thresholds,
} from "./standard";
export { standardFromSheet } from "./standard-sheet";
export { standardToGrid } from "./standard-template";
