import { Command, CommanderError } from "commander";
import { runGrade } from "./commands/grade";
import { runValidate } from "./commands/validate";
import { InputError } from "./xlsx/errors";

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, unusableInput: 2, internal: 3 } as const;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text) => process.stderr.write(text + "\n"),
};

export function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command("rapport")
    .description("Rapport — 客户关系维护 / customer-relationship maintenance for Excel customer files")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command("validate")
    .description("校验客户档案 / validate the customer sheet of an .xlsx workbook")
    .argument("<file>", "the .xlsx workbook")
    .option("--sheet <name>", "customer sheet name (default: found automatically)")
    .option("--config <file>", "config file (JSON or YAML)")
    .option("--json", "print the findings as JSON")
    .action(async (file: string, options: { sheet?: string; config?: string; json?: boolean }) => {
      setCode(await runValidate(file, options, io.out));
    });

  program
    .command("grade")
    .description("客户评估分级 / evaluate and grade the customers (score, grade A–D, ABC class)")
    .argument("<file>", "the .xlsx workbook")
    .option("--sheet <name>", "customer sheet name (default: found automatically)")
    .option("--config <file>", "config file (JSON or YAML), may hold the grading standard under `grading`")
    .option(
      "--out <file>",
      "write a copy of the workbook with 评分/客户等级/ABC分类/评级说明 and the 客户分级目录 sheet",
    )
    .option("--json", "print the results as JSON")
    .action(async (file: string, options: { sheet?: string; config?: string; out?: string; json?: boolean }) => {
      setCode(await runGrade(file, options, io.out));
    });

  return program;
}

/** Runs the CLI and returns the exit code; never lets a stack trace reach the user. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.unusableInput;
    }
    if (e instanceof InputError) {
      io.err(`rapport: ${e.text.zh}\nrapport: ${e.text.en}`);
      return EXIT.unusableInput;
    }
    const detail = e instanceof Error ? e.message : String(e);
    io.err(`rapport: 内部错误 / internal error: ${detail}`);
    if (process.env.RAPPORT_DEBUG && e instanceof Error) io.err(e.stack ?? "");
    return EXIT.internal;
  }
}
