/** Sheets Rapport writes and owns; never taken for the customer archive. */
export const OWNED_SHEETS = {
  roster: "客户分级目录",
  schedule: "回访计划",
  findings: "校验结果",
} as const;

/** Sheets the company keeps for Rapport's settings; read, never written unless the user asks. */
export const SETTINGS_SHEETS = {
  standard: "评级标准",
  staff: "人员",
  settings: "设置",
} as const;

export const NON_ARCHIVE_SHEETS: ReadonlySet<string> = new Set([
  ...Object.values(OWNED_SHEETS),
  ...Object.values(SETTINGS_SHEETS),
]);
