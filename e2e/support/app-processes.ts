// The local processes of an application on the embedded Armada, found the way an operator would
// find them: by the ARMADA_* and SPARK_* variables every pod process carries (/proc/<pid>/environ,
// Linux only). Plus a small runner for the CLI as a user runs it (bin/ scripts in subprocesses).
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./spark-local.js";

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

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A bin/ command running in a subprocess, its output collected. */
export class CliProcess {
  readonly child: ChildProcess;
  readonly done: Promise<CliResult>;
  private out = "";
  private err = "";

  constructor(
    bin: "armada-spark" | "armada-spark-submit",
    args: readonly string[],
    env: NodeJS.ProcessEnv = {},
  ) {
    this.child = spawn(process.execPath, [join(root, "bin", bin), ...args], {
      cwd: root,
      env: { ...cleanEnv(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout!.setEncoding("utf8").on("data", (d: string) => (this.out += d));
    this.child.stderr!.setEncoding("utf8").on("data", (d: string) => (this.err += d));
    this.done = new Promise((resolve) =>
      this.child.on("close", (code, signal) => resolve({ code, signal, stdout: this.out, stderr: this.err })),
    );
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  /** Waits for the exit; past `guardMs` (a hang guard, not a timing assertion) kills and throws. */
  async exit(guardMs: number): Promise<CliResult> {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), guardMs)));
    const result = await Promise.race([this.done, guard]);
    clearTimeout(timer);
    if (result === "hung") {
      this.child.kill("SIGKILL");
      throw new Error(
        `${this.child.spawnargs.slice(1).join(" ")} did not exit within ${guardMs} ms\n` +
          `--- stdout ---\n${this.out}\n--- stderr ---\n${this.err}`,
      );
    }
    return result;
  }
}

/** Runs a bin/ command to its end. */
export function runCli(
  bin: "armada-spark" | "armada-spark-submit",
  args: readonly string[],
  guardMs: number,
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  return new CliProcess(bin, args, env).exit(guardMs);
}

/** The test's environment without what would change the CLI's configuration (spark-defaults.conf
 * of a SPARK_HOME, an Armada token or master from the shell). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ["SPARK_HOME", "SPARK_CONF_DIR", "MASTER", "ARMADA_AUTH_TOKEN"]) delete env[name];
  return env;
}

/** One line per result, for assertion messages. */
export function describeResult(r: CliResult): string {
  return `exit ${r.code ?? r.signal}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}
