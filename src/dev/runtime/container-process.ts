import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { constants } from "node:os";
import { randomUUID } from "node:crypto";
import { CONTAINER_TAG_VARIABLE, killTagged, signalGroup, waitGroupGone } from "./process-group.js";

export interface ProcessSpec {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** stdout and stderr are appended here, interleaved as they arrive. */
  readonly logPath: string;
}

export interface ProcessExit {
  /** The exit code, or 128 + the signal's number when a signal ended the process. */
  readonly exitCode: number;
  readonly signal?: NodeJS.Signals;
  /** Set when the process could not be started at all (e.g. program not found). */
  readonly startError?: string;
  /** The last bytes the process wrote to stderr. */
  readonly stderrTail: string;
}

const TAIL_BYTES = 4096;
/** How long to wait for the rest of a group (SIGKILLed) and for the log pipes to drain. */
const TEARDOWN_MS = 5000;

/**
 * One container = one process in its own process group (detached), so signals reach the whole
 * tree it forks. When the main process exits, what is left of its group is killed (Kubernetes
 * ends a container when its PID 1 exits); `exit` resolves once the group is gone and the log
 * is flushed. Descendants that left the group are found by an environment tag (Linux) and
 * killed too.
 */
export class ContainerProcess {
  readonly exit: Promise<ProcessExit>;
  private readonly child: ChildProcess;
  private tail = Buffer.alloc(0);
  private readonly tag = randomUUID();

  constructor(spec: ProcessSpec) {
    const log = createWriteStream(spec.logPath, { flags: "a" });
    this.child = spawn(spec.file, [...spec.args], {
      cwd: spec.cwd,
      env: { ...spec.env, [CONTAINER_TAG_VARIABLE]: this.tag },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (chunk: Buffer) => log.write(chunk));
    this.child.stderr?.on("data", (chunk: Buffer) => {
      log.write(chunk);
      this.tail = Buffer.concat([this.tail, chunk]);
      if (this.tail.length > TAIL_BYTES) this.tail = this.tail.subarray(this.tail.length - TAIL_BYTES);
    });
    const closed = new Promise<void>((resolve) => this.child.once("close", () => resolve()));
    this.exit = new Promise<ProcessExit>((resolve) => {
      let settled = false;
      const finish = async (result: Omit<ProcessExit, "stderrTail">): Promise<void> => {
        if (settled) return;
        settled = true;
        const pid = this.child.pid;
        if (pid !== undefined) {
          signalGroup(pid, "SIGKILL");
          killTagged(this.tag); // those that left the group
          await waitGroupGone(pid, TEARDOWN_MS);
        }
        // A process that left the group may still hold the pipes: do not wait for it forever.
        const drained =
          pid !== undefined &&
          (await Promise.race([closed.then(() => true), sleep(TEARDOWN_MS).then(() => false)]));
        if (!drained) {
          this.child.stdout?.destroy();
          this.child.stderr?.destroy();
        }
        await new Promise<void>((done) => log.end(done));
        resolve({ ...result, stderrTail: this.tail.toString("utf8") });
      };
      this.child.once("error", (err: NodeJS.ErrnoException) => {
        if (this.child.pid !== undefined && err.code !== "ENOENT" && err.code !== "EACCES") return;
        const what = err.code === "ENOENT" ? `executable file not found: ${spec.file}` : err.message;
        void finish({ exitCode: err.code === "ENOENT" ? 127 : 126, startError: what });
      });
      this.child.once("exit", (code, signal) => {
        const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
        void finish(signal ? { exitCode, signal } : { exitCode });
      });
    });
  }

  /** Signals the whole process group (no-op once it is gone); SIGKILL also reaches the
   * container's processes that left the group. */
  signal(signal: NodeJS.Signals): void {
    if (this.child.pid !== undefined) signalGroup(this.child.pid, signal);
    if (signal === "SIGKILL") killTagged(this.tag);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
