// Runs the project's own commands (bin/armada-spark-submit, bin/armada-spark) as a user would: a
// child process, asynchronously (an in-process embedded Armada keeps serving meanwhile), its
// output collected, in an environment without the shell's Spark/Armada settings.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../src/dev/spark-homes.js";
import type { ApplicationSummary } from "../../src/track/application-summary.js";

export type Command = "armada-spark" | "armada-spark-submit";

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const root = projectRoot();

/** The path of a bin/ command. */
export function binPath(command: Command): string {
  return join(root, "bin", command);
}

/** This process's environment without what would change the CLI's configuration
 * (spark-defaults.conf of a SPARK_HOME, an Armada token, master or queue from the shell). */
export function cliEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  const settings = [
    "SPARK_HOME",
    "SPARK_CONF_DIR",
    "MASTER",
    "ARMADA_MASTER",
    "ARMADA_QUEUE",
    "ARMADA_AUTH_TOKEN",
  ];
  for (const name of settings) delete env[name];
  return env;
}

/** A bin/ command running in a subprocess, its output collected. */
export class CliProcess {
  readonly child: ChildProcess;
  readonly done: Promise<CliResult>;
  private out = "";
  private err = "";

  constructor(command: Command, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
    this.child = spawn(process.execPath, [binPath(command), ...args], {
      cwd: root,
      env: { ...cliEnv(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout!.setEncoding("utf8").on("data", (d: string) => (this.out += d));
    this.child.stderr!.setEncoding("utf8").on("data", (d: string) => (this.err += d));
    this.done = new Promise((resolve, reject) => {
      this.child.once("error", reject);
      this.child.once("close", (code, signal) =>
        resolve({ code, signal, stdout: this.out, stderr: this.err }),
      );
    });
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
    try {
      const result = await Promise.race([this.done, guard]);
      if (result !== "hung") return result;
    } finally {
      clearTimeout(timer);
    }
    this.child.kill("SIGKILL");
    throw new Error(
      `${this.child.spawnargs.slice(1).join(" ")} did not exit within ${guardMs} ms\n` +
        `--- stdout ---\n${this.out}\n--- stderr ---\n${this.err}`,
    );
  }
}

/** Runs a bin/ command to its end (killed, and an error, past the `guardMs` hang guard). */
export function runCli(
  command: Command,
  args: readonly string[],
  guardMs: number,
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  return new CliProcess(command, args, env).exit(guardMs);
}

/** A result's exit and output, for assertion messages. */
export function describeResult(r: CliResult): string {
  return `exit ${r.code ?? r.signal}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

/** `armada-spark status <jobSetId> -o json` against `master`; an error unless it exits 0. */
export async function applicationStatus(
  master: string,
  jobSetId: string,
  guardMs: number,
): Promise<ApplicationSummary> {
  const r = await runCli("armada-spark", ["status", jobSetId, "--master", master, "-o", "json"], guardMs);
  if (r.code !== 0) throw new Error(`armada-spark status ${jobSetId}: ${describeResult(r)}`);
  return JSON.parse(r.stdout) as ApplicationSummary;
}
