// What a person sees while an application runs: one live line on a terminal, one line per
// change otherwise. Pure text rendering; the caller decides where it goes.
import type { ApplicationState, JobView } from "./application-state.js";
import { driverOf, executorsOf, failedExitCode } from "./application-state.js";
import type { JobEvent } from "./job-event.js";

export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, "0");
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** `driver running on dev-node-0 | executors 2/2 running | 00:14` */
export function progressLine(state: ApplicationState, expectedExecutors: number, elapsedMs: number): string {
  const driver = driverOf(state);
  const driverText = driver
    ? `driver ${driver.phase}${driver.nodeName ? ` on ${driver.nodeName}` : ""}`
    : "driver submitting";
  const executors = executorsOf(state);
  const running = executors.filter((e) => e.phase === "running").length;
  // `watch` learns the executors from the events; `submit` knows how many it asked for.
  const expected = Math.max(expectedExecutors, executors.length);
  return `${driverText} | executors ${running}/${expected} running | ${formatElapsed(elapsedMs)}`;
}

function roleName(job: JobView | undefined, jobId: string): string {
  if (job?.role === "driver") return "driver";
  if (job?.role === "executor") return `executor ${job.executorId ?? jobId}`;
  return `job ${jobId}`;
}

/** One plain line for an event, or undefined for events not worth a line. */
export function eventLine(state: ApplicationState, event: JobEvent): string | undefined {
  const job = state.jobs.get(event.jobId);
  const who = `${roleName(job, event.jobId)} (${event.jobId})`;
  switch (event.kind) {
    case "submitted":
    case "queued":
    case "cancelling":
    case "cancelled":
      return `${who} ${event.kind}${event.reason ? `: ${event.reason}` : ""}`;
    case "leased":
      return `${who} leased on cluster ${event.clusterId ?? "?"}`;
    case "pending":
      return `${who} pending`;
    case "running":
      return `${who} running on ${event.nodeName ?? "?"}`;
    case "succeeded":
      return `${who} succeeded`;
    case "preempted":
      return `${who} preempted${event.reason ? `: ${event.reason}` : ""}`;
    case "leaseReturned":
      return `${who} lease returned${event.reason ? `: ${event.reason}` : ""}`;
    case "failed": {
      const code = job ? failedExitCode(job) : undefined;
      const exit = code === undefined ? "" : ` (exit code ${code})`;
      const reason = event.reason ? `: ${event.reason.trim().split("\n")[0]}` : "";
      return `${who} failed${exit}${reason}`;
    }
    default:
      return undefined;
  }
}
