// Runs the project's own commands (bin/armada-spark-submit, bin/armada-spark) as a user would: a
// child process, asynchronously, so an in-process embedded Armada keeps serving meanwhile.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../src/dev/spark-homes.js";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const root = projectRoot();

export function runCli(
  command: "armada-spark-submit" | "armada-spark",
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, "bin", command), args, {
      cwd: root,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} timed out\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.timeoutMs ?? 240_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Pids of live processes whose environment has NAME=VALUE (Linux /proc). */
export async function processesWithEnv(name: string, value: string): Promise<number[]> {
  const { readdir, readFile } = await import("node:fs/promises");
  const wanted = `${name}=${value}`;
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = await readFile(`/proc/${entry}/environ`, "latin1");
      if (environ.split("\0").includes(wanted)) pids.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return pids;
}
