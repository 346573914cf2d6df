import { SingleBar } from "cli-progress";

export interface Progress {
  update(value: number): void;
  stop(): void;
}

const QUIET: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on the terminal (stderr, so `--json` output stays clean); nothing at all when stderr is not a
 * terminal, as in scripts and CI. With `total` 0 (not known in advance) it counts instead of filling a bar.
 */
export function progressBar(label: string, total: number, unit: string): Progress {
  if (!process.stderr.isTTY) return QUIET;
  const bar = new SingleBar({
    format: total > 0 ? `${label} [{bar}] {percentage}% {value}/{total} ${unit}` : `${label} {value} ${unit}`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(total, 0);
  return {
    update: (value) => bar.update(value),
    stop: () => bar.stop(),
  };
}
