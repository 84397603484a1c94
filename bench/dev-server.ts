// `armada-spark dev` (ephemeral state, free ports) as its own process, for the benchmarks that
// measure against a real embedded Armada.
import { spawn, type ChildProcess } from "node:child_process";
import { binPath } from "../e2e/support/cli.js";
import { projectRoot } from "../src/dev/spark-homes.js";

export interface DevServer {
  readonly child: ChildProcess;
  /** host:port of the Armada API, from the server's ready line. */
  readonly address: string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

export async function startDevServer(): Promise<DevServer> {
  const child = spawn(
    process.execPath,
    [binPath("armada-spark"), "dev", "--ephemeral", "--port", "0", "--lookout-port", "0"],
    { cwd: projectRoot(), stdio: ["ignore", "pipe", "inherit"] },
  );
  const address = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /Armada API on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`armada-spark dev exited with ${code}: ${out}`)));
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  return { child, address, stop };
}
