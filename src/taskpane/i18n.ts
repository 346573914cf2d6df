// The task pane's words in Chinese and English. The pane follows Office's display language (zh-* → Chinese,
// anything else → English) until the person picks one, which is remembered.
import type { BilingualText } from "../core/types";

export type Lang = "zh" | "en";

const STRINGS = {
  title: { zh: "客户关系维护", en: "Customer care" },
  switchTo: { zh: "English", en: "中文" },
  switchLabel: { zh: "切换到英文", en: "Switch to Chinese" },
  loading: { zh: "正在读取工作簿…", en: "Reading the workbook…" },
  notInExcel: {
    zh: "请在 Excel 中打开 Rapport：点击“开始”选项卡上的 Rapport 按钮。在普通浏览器中只能查看此页面。",
    en: "Open Rapport in Excel: click the Rapport button on the Home tab. In a plain browser this page can only be looked at.",
  },
  noOffice: {
    zh: "无法加载 Office.js（需要连接 appsforoffice.microsoft.com）。请检查网络后重新打开任务窗格。",
    en: "Office.js could not be loaded (it comes from appsforoffice.microsoft.com). Check the connection and reopen the task pane.",
  },
  notConnected: {
    zh: "未连接到 Excel：无法读取工作簿。",
    en: "Not connected to Excel: the workbook cannot be read.",
  },
  sheetLabel: { zh: "客户表", en: "Customer sheet" },
  found: { zh: "表头在第 {row} 行，{rows} 位客户", en: "header on row {row}, {rows} customers" },
  notFound: { zh: "未找到客户表", en: "No customer sheet found" },
  pickSheet: { zh: "选择工作表", en: "Pick a sheet" },
  columns: { zh: "列对应", en: "Columns" },
  columnsHint: {
    zh: "Rapport 按表头识别各列。识别错误或未识别的列，可在此指定。",
    en: "Rapport recognises columns by their headers. Correct a column or name an unrecognised one here.",
  },
  notRecognised: { zh: "（未识别）", en: "(not recognised)" },
  mappingSaved: {
    zh: "已按新的列对应重新识别（列对应随工作簿保存）。",
    en: "Re-read with the new column mapping (saved with the workbook).",
  },
  resetMapping: { zh: "恢复自动识别", en: "Reset to automatic" },
  missingRequired: { zh: "缺少必填列：{fields}", en: "Required columns missing: {fields}" },
  validate: { zh: "校验", en: "Validate" },
  validateHint: { zh: "检查客户表，标出有误的单元格", en: "Check the customer sheet and mark wrong cells" },
  clearMarks: { zh: "清除标记", en: "Clear marks" },
  grade: { zh: "评级", en: "Grade" },
  gradeHint: { zh: "计算评分、客户等级和 ABC 分类", en: "Score, grade and ABC-classify the customers" },
  createStandard: { zh: "创建“评级标准”表（默认标准）", en: "Create the 评级标准 sheet (default standard)" },
  callbacks: { zh: "生成回访计划", en: "Fill callbacks" },
  callbacksHint: { zh: "按规则安排电话回访，保留已填写的记录", en: "Plan phone callbacks, keeping what staff typed" },
  pdf: { zh: "生成 PDF", en: "Make PDF" },
  pdfHint: { zh: "生成方案、报告或表单", en: "Make a plan, report or form" },
  from: { zh: "从", en: "From" },
  to: { zh: "至", en: "To" },
  template: { zh: "模板", en: "Template" },
  mask: { zh: "隐藏电话和邮箱", en: "Mask phones and e-mails" },
  working: { zh: "正在处理…", en: "Working…" },
  phaseRead: { zh: "读取工作簿", en: "Reading the workbook" },
  phaseCompute: { zh: "计算", en: "Computing" },
  phaseWrite: { zh: "写入 Excel", en: "Writing to Excel" },
  phaseRender: { zh: "生成 PDF", en: "Making the PDF" },
  phaseDone: { zh: "完成", en: "Done" },
  validated: {
    zh: "校验完成：{rows} 位客户，{errors} 个错误，{warnings} 个警告。有误的单元格已标色并加批注，全部结果见“{sheet}”表。",
    en: "Checked {rows} customers: {errors} errors, {warnings} warnings. Wrong cells are coloured and noted; every finding is on the “{sheet}” sheet.",
  },
  validatedClean: {
    zh: "校验完成：{rows} 位客户，没有发现问题。",
    en: "Checked {rows} customers: no problems found.",
  },
  findings: { zh: "校验结果（点击跳到单元格）", en: "Findings (click to go to the cell)" },
  moreFindings: { zh: "另有 {n} 条，见“{sheet}”表", en: "{n} more on the “{sheet}” sheet" },
  marksCleared: { zh: "已清除 Rapport 的标记。", en: "Rapport's marks are cleared." },
  graded: {
    zh: "评级完成：{graded} 位客户（A {A}，B {B}，C {C}，D {D}），{notGraded} 位未评级。结果写在 {columns} 列和“{sheet}”表。",
    en: "Graded {graded} customers (A {A}, B {B}, C {C}, D {D}); {notGraded} not graded. Results are in columns {columns} and on the “{sheet}” sheet.",
  },
  standardDefault: {
    zh: "使用的是 Rapport 默认评级标准。",
    en: "Rapport's default grading standard was used.",
  },
  standardSheet: { zh: "使用的是“评级标准”表。", en: "The 评级标准 sheet was used." },
  standardCreated: {
    zh: "已创建“评级标准”表，可按公司标准修改后再评级。",
    en: "The 评级标准 sheet was added; adjust it to the company's standard and grade again.",
  },
  scheduled: {
    zh: "回访计划已写入“{sheet}”表：{planned} 个回访（新增 {added}，更新 {updated}，保留已回访 {kept}，删除过时 {removed}）。",
    en: "The plan is on the “{sheet}” sheet: {planned} calls ({added} added, {updated} updated, {kept} worked kept, {removed} stale removed).",
  },
  pdfReady: { zh: "PDF 已生成（{size}）。", en: "The PDF is ready ({size})." },
  pdfOpened: {
    zh: "PDF 已生成（{size}），已在浏览器中打开；上方链接 5 分钟内有效。",
    en: "The PDF is ready ({size}) and opened in your browser; the links above work for 5 minutes.",
  },
  unmarked: {
    zh: "此版本的 Excel 一次只能给一个区域上色：另有 {n} 个有误的单元格未标色，见“{sheet}”表。",
    en: "This Excel colours one range at a time: {n} more wrong cells are not coloured; they are on the “{sheet}” sheet.",
  },
  openPdf: { zh: "打开 PDF", en: "Open PDF" },
  savePdf: { zh: "保存 PDF", en: "Save PDF" },
  serverDown: {
    zh: "无法连接 Rapport 本地服务。请在电脑上运行 npm start（或 npx rapport serve）后重试。",
    en: "Rapport's local server cannot be reached. Run npm start (or npx rapport serve) on this computer and try again.",
  },
  warning: { zh: "注意", en: "Note" },
  error: { zh: "错误", en: "Error" },
  undoHint: {
    zh: "Rapport 只写入自己的列和工作表；Excel 的撤消可能不包括加载项的写入，需要时请先另存副本。",
    en: "Rapport writes only its own columns and sheets; Excel's Undo may not cover add-in writes, so save a copy first if needed.",
  },
} satisfies Record<string, BilingualText>;

export type StringKey = keyof typeof STRINGS;

export function text(lang: Lang, key: StringKey, values: Record<string, string | number> = {}): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export function pick(lang: Lang, value: BilingualText): string {
  return value[lang];
}

/** Office's display language (`zh-CN`, `zh-TW`, `en-US`…) → the pane's. */
export function langFromLocale(locale: string | undefined | null): Lang {
  return locale && /^zh\b/i.test(locale) ? "zh" : "en";
}
