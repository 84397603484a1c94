// How a followed application is shown: a live line on a terminal, plain lines otherwise, or JSON
// lines (`-o json`) for machines. Rendering itself is pure (src/track/progress.ts).
import type { ApplicationState } from "../track/application-state.js";
import type { JobEvent } from "../track/job-event.js";
import type { Outcome } from "../track/outcome.js";
import { eventLine, progressLine } from "../track/progress.js";

export type PrinterMode = "tty" | "plain" | "json";

export interface Printer {
  info(fields: Record<string, unknown>, text: string): void;
  event(state: ApplicationState, event: JobEvent): void;
  outcome(state: ApplicationState, outcome: Outcome): void;
  /** Stops the live line's timer. */
  close(): void;
}

export function printerMode(json: boolean, stream: NodeJS.WriteStream): PrinterMode {
  if (json) return "json";
  return stream.isTTY ? "tty" : "plain";
}

export function createPrinter(
  mode: PrinterMode,
  out: NodeJS.WritableStream,
  expectedExecutors: number,
  startedAt = Date.now(),
): Printer {
  let state: ApplicationState | undefined;
  let live = false;
  const clearLive = () => {
    if (live) out.write("\r\x1b[2K");
    live = false;
  };
  const drawLive = () => {
    if (mode !== "tty" || !state) return;
    out.write(`\r\x1b[2K${progressLine(state, expectedExecutors, Date.now() - startedAt)}`);
    live = true;
  };
  const timer = mode === "tty" ? setInterval(drawLive, 1000) : undefined;
  timer?.unref();
  const line = (text: string) => {
    clearLive();
    out.write(text + "\n");
    drawLive();
  };
  return {
    info(fields, text) {
      if (mode === "json") out.write(JSON.stringify(fields) + "\n");
      else line(text);
    },
    event(s, e) {
      state = s;
      if (mode === "json") {
        const job = s.jobs.get(e.jobId);
        out.write(
          JSON.stringify({
            type: "event",
            messageId: e.messageId,
            jobId: e.jobId,
            role: job?.role,
            executorId: job?.executorId,
            event: e.kind,
            created: e.created.toISOString(),
            ...(e.clusterId ? { clusterId: e.clusterId } : {}),
            ...(e.nodeName ? { nodeName: e.nodeName } : {}),
            ...(e.reason ? { reason: e.reason } : {}),
            ...(e.containers ? { containers: e.containers } : {}),
          }) + "\n",
        );
        return;
      }
      const text = eventLine(s, e);
      if (text !== undefined && (mode === "plain" || e.kind === "failed" || e.kind === "preempted"))
        line(text);
      else drawLive();
    },
    outcome(s, o) {
      state = s;
      // The live line ends here: the outcome is the last line.
      this.close();
      if (mode === "json")
        out.write(JSON.stringify({ type: "outcome", exitCode: o.exitCode, reason: o.reason }) + "\n");
      else out.write(`${o.exitCode === 0 ? "✓" : "✗"} ${o.reason} (exit code ${o.exitCode})\n`);
    },
    close() {
      if (timer) clearInterval(timer);
      clearLive();
    },
  };
}
