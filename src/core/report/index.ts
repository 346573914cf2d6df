// Report figures and the PDF templates' data: pure functions over the archive, grades and callback rows.
export * from "./types";
export * from "./labels";
export * from "./period";
export * from "./callbacks";
export * from "./satisfaction";
export * from "./complaints";
export * from "./churn";
export * from "./grades";
export * from "./targets";
export * from "./mask";
export * from "./documents";
