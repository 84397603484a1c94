// The local processes of an application on the embedded Armada, found the way an operator would
// find them: by the ARMADA_* and SPARK_* variables every pod process carries (/proc/<pid>/environ,
// Linux only).
import { readdirSync, readFileSync } from "node:fs";

export interface AppProcess {
  readonly pid: number;
  /** Process group id (each container runs in its own group). */
  readonly pgid: number;
  readonly cmdline: string;
  readonly env: ReadonlyMap<string, string>;
}

function readProcess(pid: number): AppProcess | undefined {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, "utf8");
    const env = new Map<string, string>();
    for (const entry of environ.split("\0")) {
      const eq = entry.indexOf("=");
      if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
    }
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return undefined; // dead, awaiting its reaper
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    return { pid, pgid: Number(fields[2]), cmdline, env };
  } catch {
    return undefined; // gone meanwhile, or not readable
  }
}

/** Live processes whose environment has ARMADA_JOB_SET_ID=<jobSetId> (and every `extra` pair). */
export function applicationProcesses(
  jobSetId: string,
  extra: Readonly<Record<string, string>> = {},
): AppProcess[] {
  const found: AppProcess[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const p = readProcess(Number(entry));
    if (!p || p.env.get("ARMADA_JOB_SET_ID") !== jobSetId) continue;
    if (Object.entries(extra).every(([k, v]) => p.env.get(k) === v)) found.push(p);
  }
  return found;
}

/** The JVM of Spark executor `executorId` of the application, once it runs. */
export function executorJvm(jobSetId: string, executorId: number): AppProcess | undefined {
  return applicationProcesses(jobSetId, { SPARK_EXECUTOR_ID: String(executorId) }).find((p) =>
    /ExecutorBackend/.test(p.cmdline),
  );
}

/** SIGKILLs the process and its whole process group (the container, as an OOM kill would). */
export function killHard(p: AppProcess): void {
  for (const target of [-p.pgid, p.pid]) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Polls `probe` every `everyMs` until it returns a value; throws after `guardMs` (a hang guard). */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  guardMs: number,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + guardMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${guardMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
