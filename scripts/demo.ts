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
