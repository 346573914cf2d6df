import { Command, CommanderError } from "commander";
import { runGrade } from "./commands/grade";
import { runReport, type ReportOptions } from "./commands/report";
import { runSchedule } from "./commands/schedule";
import { runServe, type ServeOptions } from "./commands/serve";
import { runValidate } from "./commands/validate";
import { InputError } from "./xlsx/errors";

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, unusableInput: 2, internal: 3 } as const;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Streams whose reader has gone (`rapport validate big.xlsx | head -3`): nothing more is written to them. */
const closed = new Set<NodeJS.WriteStream>();

function write(stream: NodeJS.WriteStream, text: string): void {
  if (!closed.has(stream)) stream.write(text + "\n");
}

/**
 * When the reader of stdout or stderr goes away (a pipe into `head`), the next write fails with EPIPE, emitted as
 * an 'error' event that would end the process with a stack trace. Stop writing to that stream instead, quietly:
 * the command still finishes and exits with its own code.
 */
function quietOnClosedStreams(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listeners("error").includes(onStreamError)) continue;
    stream.on("error", onStreamError);
  }
}

function onStreamError(this: NodeJS.WriteStream, e: NodeJS.ErrnoException): void {
  closed.add(this);
  if (e.code !== "EPIPE" && this !== process.stderr)
    write(process.stderr, `rapport: 无法输出 / cannot write output: ${e.message}`);
}

const defaultIo: Io = {
  out: (text) => write(process.stdout, text),
  err: (text) => write(process.stderr, text),
};

/** Commander's own messages (wrong arguments) with a Chinese line before the English one. */
function withChinese(message: string): string {
  const text = message.trim().replace(/^error: /, "");
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [
      /^too many arguments for '([^']+)'\. Expected (\d+) arguments? but got (\d+)/,
      (m) => `参数过多：${m[1]} 只接受 ${m[2]} 个参数，实际给了 ${m[3]} 个（文件名中有空格时请加引号）`,
    ],
    [
      /^too many arguments\. Expected (\d+) arguments? but got (\d+)/,
      (m) => `参数过多：只接受 ${m[1]} 个参数，实际给了 ${m[2]} 个`,
    ],
    [/^missing required argument '([^']+)'/, (m) => `缺少参数 ${m[1]}`],
    [/^unknown command '([^']+)'/, (m) => `没有 ${m[1]} 这个命令（可用 rapport --help 查看）`],
    [/^unknown option '([^']+)'/, (m) => `没有 ${m[1]} 这个选项（可用 --help 查看）`],
    [/^required option '([^']+)' not specified/, (m) => `缺少必需的选项 ${m[1]}`],
    [/^option '([^']+)' argument missing/, (m) => `选项 ${m[1]} 缺少取值`],
  ];
  for (const [pattern, zh] of rules) {
    const m = pattern.exec(text);
    if (m) return `rapport: ${zh(m)}\nrapport: ${text}`;
  }
  return message;
}

export function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command("rapport")
    .description("Rapport — 客户关系维护 / customer-relationship maintenance for Excel customer files")
    .exitOverride()
    .allowExcessArguments(false)
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
      outputError: (s, write) => write(withChinese(s)),
    });

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

  program
    .command("schedule")
    .description("电话回访计划 / plan the phone callbacks of a period")
    .argument("<file>", "the .xlsx workbook")
    .requiredOption("--from <date>", "first day of the period, YYYY-MM-DD")
    .requiredOption("--to <date>", "last day of the period, YYYY-MM-DD")
    .option("--sheet <name>", "customer sheet name (default: found automatically)")
    .option("--config <file>", "config file (JSON or YAML)")
    .option("--out <file>", "write a copy of the workbook with the 回访计划 sheet")
    .option("--ics <file>", "write the calls as an iCalendar file")
    .option("--json", "print the schedule as JSON")
    .action(
      async (
        file: string,
        options: {
          from: string;
          to: string;
          sheet?: string;
          config?: string;
          out?: string;
          ics?: string;
          json?: boolean;
        },
      ) => {
        setCode(await runSchedule(file, options, io.out));
      },
    );

  program
    .command("report")
    .description(
      "生成 PDF 表单与报告 / render PDF forms and reports (plan, report, record, roster, callbacks, evaluation)",
    )
    .argument("<file>", "the .xlsx workbook")
    .requiredOption("--template <name>", "plan | report | record | roster | callbacks | evaluation")
    .option("--out <dir>", "folder for the PDFs (default: the current folder)")
    .option("--per-customer", "record/evaluation: one PDF per customer, named by code and name")
    .option("--from <date>", "first day of the period, YYYY-MM-DD (default: this month)")
    .option("--to <date>", "last day of the period, YYYY-MM-DD")
    .option("--sheet <name>", "customer sheet name (default: found automatically)")
    .option("--config <file>", "config file (JSON or YAML)")
    .option("--templates <dir>", "a folder of your own templates, partials, style.css and images")
    .option("--mask", "mask phones and e-mails (138****8000); default for plan, report, roster")
    .option("--no-mask", "print phones and e-mails in full")
    .option("--timeout <seconds>", "longest a render may take (default 60)")
    .action(async (file: string, options: ReportOptions) => {
      setCode(await runReport(file, options, io.out, io.err));
    });

  program
    .command("serve")
    .description("Excel 加载项本地服务 / the Excel add-in's local HTTPS server (task pane and PDFs)")
    .option("--port <n>", "port (default 3000, as in manifest.xml)")
    .option("--cert <file>", "a company certificate (PEM) instead of the development certificate")
    .option("--key <file>", "the private key of --cert (PEM)")
    .option("--root <dir>", "the built task pane (default: dist/)")
    .action(async (options: ServeOptions) => {
      setCode(await runServe(options, io.out));
    });

  // An argument too many is a mistake (a file name with a space, a forgotten option name), never ignored.
  for (const command of program.commands) command.allowExcessArguments(false);
  return program;
}

/** Runs the CLI and returns the exit code; never lets a stack trace reach the user. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  if (io === defaultIo) quietOnClosedStreams();
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
