// Rapport's dates are plain calendar dates: the schedule must be the same whatever the machine's time zone. The
// time zone has to be set before a process starts (chinese-days builds its tables when it is loaded, and Node
// reads TZ once), so each zone runs in a child process of its own.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ZONES = ["Asia/Shanghai", "America/Los_Angeles", "Pacific/Kiritimati", "UTC"];

/** Runs `node --import tsx ARGS` with TZ set: its output, whatever its exit code, and the code. */
async function inZone(zone: string, args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", ...args], {
      env: { ...process.env, TZ: zone, RAPPORT_TODAY: "2026-11-20" },
      maxBuffer: 64 << 20,
    });
    return { stdout, code: 0 };
  } catch (e) {
    const failed = e as { stdout?: string; code?: number };
    return { stdout: failed.stdout ?? "", code: failed.code ?? -1 };
  }
}

describe("the working calendar in other time zones", () => {
  it("gives the same working days, lunar dates and calls in every zone", async () => {
    const outputs = (await Promise.all(ZONES.map((zone) => inZone(zone, ["test/core/schedule/tz-probe.ts"])))).map(
      (o) => o.stdout,
    );
    const [shanghai, ...others] = outputs.map(
      (o) => JSON.parse(o) as { zone: string; makeUp: boolean[]; lunar: string[]; schedule: string[] },
    );
    expect(outputs.map((o, i) => (JSON.parse(o) as { zone: string }).zone === ZONES[i])).toEqual(ZONES.map(() => true));
    // Make-up working days (调休) are worked, in Shanghai as in Los Angeles.
    expect(shanghai.makeUp).toEqual([true, true, true, true, true]);
    expect(shanghai.lunar).toEqual(["2026-02-17", "2026-09-25", "2027-02-05", "2025-06-25"]);
    expect(shanghai.schedule).toContain("2026-01-04 install 2026-01-02..2026-01-04");
    expect(shanghai.schedule).toContain("2026-02-09 holiday 2026-02-08..2026-02-14");
    for (const other of others) expect({ ...other, zone: "" }).toEqual({ ...shanghai, zone: "" });
  });

  it("rapport schedule --json prints the same bytes in Los Angeles as in Shanghai", async () => {
    const args = [
      "bin/rapport.mjs",
      "schedule",
      "examples/customers.xlsx",
      "--from",
      "2026-01-01",
      "--to",
      "2026-12-31",
      "--json",
    ];
    const [shanghai, losAngeles] = await Promise.all(
      ["Asia/Shanghai", "America/Los_Angeles"].map((zone) => inZone(zone, args)),
    );
    expect(shanghai.code).toBe(0);
    expect(shanghai.stdout.length).toBeGreaterThan(100_000);
    expect(losAngeles.code).toBe(shanghai.code);
    // Compared as text, not parsed: byte for byte (and a diff of a 1.5 MB string would be unreadable).
    expect(losAngeles.stdout === shanghai.stdout).toBe(true);
  });
});
