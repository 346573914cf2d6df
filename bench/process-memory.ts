// Peak memory of this process and the browser processes it drives, sampled while a phase runs. Chrome's memory
// lives in its own processes, so the Node process's memory alone would flatter any browser-based renderer.
import { readdirSync, readFileSync } from "node:fs";

/**
 * Proportional set size: shared pages (Chrome's processes share most of theirs) split among their users, so
 * summing over a process tree does not count them many times over as RSS would.
 */
function pssKiB(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Every descendant of `root` (children, grandchildren…), from /proc. Linux only; elsewhere just the root. */
export function descendants(root: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const e of entries) {
    try {
      const stat = readFileSync(`/proc/${e}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop() as number;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

export interface MemoryPeak {
  nodeMiB: number;
  childrenMiB: number;
  totalMiB: number;
}

/** Runs `fn` while sampling memory every `everyMs`; returns its result and the peaks seen. */
export async function withMemoryPeak<T>(fn: () => Promise<T>, everyMs = 100): Promise<{ result: T; peak: MemoryPeak }> {
  let node = 0;
  let children = 0;
  let total = 0;
  const sample = () => {
    const self = pssKiB(process.pid) || process.memoryUsage().rss / 1024;
    const kids = descendants(process.pid).reduce((sum, pid) => sum + pssKiB(pid), 0);
    node = Math.max(node, self);
    children = Math.max(children, kids);
    total = Math.max(total, self + kids);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  try {
    const result = await fn();
    sample();
    const mib = (k: number) => Math.round(k / 1024);
    return { result, peak: { nodeMiB: mib(node), childrenMiB: mib(children), totalMiB: mib(total) } };
  } finally {
    clearInterval(timer);
  }
}
