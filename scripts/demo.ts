// `npm run demo`: the main job on the bundled sample, every step through the real CLI, results into out/.
import { mkdir, writeFile } from "node:fs/promises";
import { main } from "../src/cli/main";

const SAMPLE = "examples/customers.xlsx";
const OUT = "out";

interface Step {
  title: string;
  args: string[];
  /** Exit codes that are a normal outcome (the sample has deliberate mistakes, so validate exits 1). */
  expected: number[];
  /** Where to keep stdout, if anywhere. */
  save?: string;
}

const STEPS: Step[] = [
  { title: "校验 Validate", args: ["validate", SAMPLE, "--json"], expected: [0, 1], save: `${OUT}/validation.json` },
  {
    title: "评级 Grade",
    args: ["grade", SAMPLE, "--out", `${OUT}/graded.xlsx`, "--json"],
    expected: [0, 1],
    save: `${OUT}/grades.json`,
  },
  {
    title: "回访计划 Schedule",
    args: [
      "schedule",
      SAMPLE,
      ...["--from", "2026-12-01", "--to", "2026-12-31"],
      ...["--out", `${OUT}/schedule.xlsx`, "--ics", `${OUT}/callbacks.ics`, "--json"],
    ],
    expected: [0, 1],
    save: `${OUT}/schedule.json`,
  },
  // Every PDF template into out/, from the scheduled copy (its 回访计划 sheet feeds the callbacks) for the same
  // month: the documents, then the per-customer forms as one file each too.
  ...["plan", "report", "roster", "callbacks", "record", "evaluation"].map((template) => ({
    title: `PDF ${template}`,
    args: [
      "report",
      `${OUT}/schedule.xlsx`,
      "--template",
      template,
      "--from",
      "2026-12-01",
      "--to",
      "2026-12-31",
      "--out",
      OUT,
    ],
    expected: [0],
  })),
  {
    title: "PDF record per customer",
    args: ["report", `${OUT}/schedule.xlsx`, "--template", "record", "--per-customer", "--out", OUT],
    expected: [0],
  },
];

await mkdir(OUT, { recursive: true });
let failed = false;
for (const step of STEPS) {
  console.log(`\n== ${step.title}: rapport ${step.args.join(" ")}`);
  const chunks: string[] = [];
  const code = await main(["node", "rapport", ...step.args], {
    out: (text) => (step.save ? chunks.push(text) : console.log(text)),
    err: (text) => console.error(text),
  });
  if (step.save) {
    await writeFile(step.save, chunks.join("\n") + "\n");
    console.log(`-> ${step.save}`);
  }
  if (!step.expected.includes(code)) {
    console.error(`step failed with exit code ${code}`);
    failed = true;
    break;
  }
}
console.log(failed ? "\nDemo stopped: see the message above." : `\nDone: results in ${OUT}/`);
process.exitCode = failed ? 1 : 0;
