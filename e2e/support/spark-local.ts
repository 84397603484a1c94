// Helpers for end-to-end tests that run real Spark JVMs from the pinned local installations
// (.spark/homes.json) through image/entrypoint-local.sh, the stand-in for the Spark image.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import {
  armadaSparkJars,
  armadaSparkJarsPath,
  projectRoot,
  readSparkHomes,
  sparkInstall,
} from "../../src/dev/spark-homes.js";
import type { SparkInstall } from "../../src/dev/spark-homes.js";
import { renderHostsFile } from "../../src/dev/runtime/hosts-file.js";

export const root = projectRoot();
export const entrypoint = join(root, "image", "entrypoint-local.sh");
export const jars = armadaSparkJars(root);

/** Installs Spark (if needed) and builds the jars (if sources changed): both are cached. */
export function prepareSparkAndJars(): void {
  for (const script of ["setup-spark.sh", "build-jvm.sh"]) {
    const r = spawnSync("bash", [join(root, "scripts", script)], { stdio: ["ignore", "ignore", "inherit"] });
    if (r.status !== 0) throw new Error(`scripts/${script} failed with exit code ${r.status}`);
  }
}

export function spark(version: string): SparkInstall {
  return sparkInstall(readSparkHomes(root), version);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** The embedded Armada's hosts file (localhost, this machine) with the given name -> address pairs. */
export function writeHostsFile(dir: string, names: Record<string, string>): string {
  const entries = Object.entries(names).map(([name, address]) => ({ address, names: [name] }));
  const file = join(dir, "hosts");
  writeFileSync(file, renderHostsFile(hostname(), entries));
  return file;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `armada-spark-${prefix}-`));
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A process started through the entrypoint; output is kept for assertions and failure reports. */
export class Container {
  readonly name: string;
  readonly exited: Promise<Exit>;
  private out = "";
  private err = "";
  private readonly child;

  constructor(
    name: string,
    install: SparkInstall,
    args: readonly string[],
    env: Record<string, string>,
    cwd: string,
  ) {
    this.name = name;
    this.child = spawn(entrypoint, args, {
      cwd,
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: process.env.HOME ?? cwd,
        SPARK_HOME: install.sparkHome,
        ARMADA_SPARK_JARS: armadaSparkJarsPath(jars),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // own process group: kill() reaches spark-submit's JVM and Python workers
    });
    this.child.stdout.setEncoding("utf8").on("data", (d: string) => (this.out += d));
    this.child.stderr.setEncoding("utf8").on("data", (d: string) => (this.err += d));
    this.exited = new Promise((resolve) =>
      this.child.on("close", (code, signal) => resolve({ code, signal })),
    );
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  /** The last lines of both streams, for assertion messages. */
  tail(lines = 40): string {
    const last = (s: string): string => s.split("\n").slice(-lines).join("\n");
    return `--- ${this.name} stdout ---\n${last(this.out)}\n--- ${this.name} stderr ---\n${last(this.err)}`;
  }

  kill(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null || this.child.pid === undefined)
      return;
    try {
      process.kill(-this.child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }

  /** Waits for the exit; past `guardMs` (a hang guard, not a timing assertion) kills and fails. */
  async exit(guardMs: number): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), guardMs)));
    const result = await Promise.race([this.exited, guard]);
    clearTimeout(timer);
    if (result === "hung") {
      this.kill();
      throw new Error(`${this.name} did not exit within ${guardMs}ms\n${this.tail()}`);
    }
    return result;
  }
}

/** Environment of an executor container as the plan sets it (spark-contract.md §3). */
export function executorEnv(opts: {
  driverHost: string;
  driverPort: number;
  executorId: number;
  appId: string;
  podIp: string;
  hostsFile: string;
}): Record<string, string> {
  return {
    SPARK_DRIVER_URL: `spark://CoarseGrainedScheduler@${opts.driverHost}:${opts.driverPort}`,
    SPARK_EXECUTOR_ID: String(opts.executorId),
    SPARK_EXECUTOR_CORES: "1",
    SPARK_EXECUTOR_MEMORY: "512m",
    SPARK_APPLICATION_ID: opts.appId,
    SPARK_EXECUTOR_POD_IP: opts.podIp,
    SPARK_EXECUTOR_POD_NAME: `${opts.appId}-exec-${opts.executorId}`,
    SPARK_RESOURCE_PROFILE_ID: "0",
    SPARK_JAVA_OPT_0: "-XX:+IgnoreUnrecognizedVMOptions",
    ARMADA_DEV_HOSTS_FILE: opts.hostsFile,
  };
}

/** The wait-for-driver init container's args, exactly as contract D has the plan write them. */
export function waitForDriverArgs(host: string, port: number, timeoutSeconds: number): string[] {
  return [
    "bash",
    "-c",
    'exec java -Xmx32m -cp "${SPARK_HOME:-/opt/spark}/jars/*:${ARMADA_SPARK_JARS:-}" io.armadaproject.spark.WaitForDriver "$@"',
    "wait-for-driver",
    host,
    String(port),
    String(timeoutSeconds),
  ];
}
