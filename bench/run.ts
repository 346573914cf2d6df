// `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line) and prints results.
// Benchmarks report medians and ratios against a peer measured in the same run; the machines are noisy.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith(".bench.ts")).sort();
for (const file of files) {
  if (only.length && !only.some((name) => file.includes(name))) continue;
  console.log(`\n## ${file}`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run: () => Promise<void> };
  await mod.run();
}
