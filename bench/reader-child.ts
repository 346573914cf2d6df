// One reader run in a fresh process (for its own peak memory): prints { ms, rows, peakMiB } as JSON.
import { readWorkbookGrids, streamWorkbookGrids } from "../src/cli/xlsx/read";

const [mode, file] = process.argv.slice(2);
const start = performance.now();
const grids = mode === "stream" ? await streamWorkbookGrids(file) : await readWorkbookGrids(file);
const ms = performance.now() - start;
const rows = grids.reduce((n, g) => n + g.values.length, 0);
console.log(JSON.stringify({ ms, rows, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
