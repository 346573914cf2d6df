import { basename } from "node:path";
import type { GradingConfig } from "../core/grading/config";
import { pickStandard, type StandardSource } from "../core/grading/pick-standard";
import type { GradingStandard } from "../core/grading/standard";
import type { BilingualText } from "../core/types";
import type { ArchiveInput } from "./archive-input";
import { InputError } from "./xlsx/errors";

export interface CliStandard {
  standard: GradingStandard;
  source: StandardSource;
  /** As shown to people: 默认标准, 工作表「评级标准」, 配置文件 rapport.yaml. */
  described: BilingualText;
}

/**
 * The grading standard a command uses, as `rapport grade` picks it: the config's `grading`, then a 评级标准 sheet,
 * then the default. A wrong sheet is an InputError naming its cells.
 */
export function standardOfInput(input: ArchiveInput<Pick<GradingConfig, "grading">>, configFile?: string): CliStandard {
  const picked = pickStandard(input.sheets, input.config.grading);
  if (!picked.ok) {
    const name = basename(input.file);
    throw new InputError({
      zh: `${name}：评级标准有误：` + picked.problems.map((p) => `${p.where}：${p.message.zh}`).join("；"),
      en:
        `${name}: the grading standard is wrong: ` +
        picked.problems.map((p) => `${p.where}: ${p.message.en}`).join("; "),
    });
  }
  const { source } = picked;
  const described =
    source.kind === "config"
      ? { zh: `配置文件 ${configFile ?? ""}`.trim(), en: `config file ${configFile ?? ""}`.trim() }
      : source.kind === "sheet"
        ? { zh: `工作表「${source.sheet}」`, en: `sheet "${source.sheet}"` }
        : { zh: "默认标准", en: "the default standard" };
  return { standard: picked.standard, source, described };
}
