// An application's state as a plain object: what `status -o json|yaml` prints and what the text
// table is drawn from.
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";
import type { ApplicationState, JobView } from "./application-state.js";
import { driverOf, executorsOf, failedExitCode } from "./application-state.js";
import { applicationOutcome } from "./outcome.js";

export interface JobSummary {
  role: string;
  jobId: string;
  state: string;
  cluster?: string;
  node?: string;
  exitCode?: number;
  reason?: string;
  submitted?: string;
  started?: string;
  ended?: string;
}

export interface ApplicationSummary {
  queue: string;
  jobSetId: string;
  appName?: string;
  /** running | succeeded | failed | cancelled | preempted | rejected | ... (from the outcome). */
  state: string;
  reason?: string;
  exitCode?: number;
  driver?: JobSummary;
  executors: JobSummary[];
}

function jobSummary(job: JobView): JobSummary {
  const role = job.role === "executor" ? `executor ${job.executorId ?? "?"}` : (job.role ?? "job");
  const exitCode = failedExitCode(job);
  return {
    role,
    jobId: job.jobId,
    state: job.preempted && job.phase === "failed" ? "preempted" : job.phase,
    ...(job.clusterId ? { cluster: job.clusterId } : {}),
    ...(job.nodeName ? { node: job.nodeName } : {}),
    ...(exitCode !== undefined ? { exitCode } : {}),
    ...(job.reason ? { reason: job.reason.trim().split("\n")[0] } : {}),
    ...(job.submittedAt ? { submitted: job.submittedAt.toISOString() } : {}),
    ...(job.startedAt ? { started: job.startedAt.toISOString() } : {}),
    ...(job.endedAt ? { ended: job.endedAt.toISOString() } : {}),
  };
}

const stateOfExit: Partial<Record<ExitCodeValue, string>> = {
  [ExitCode.ok]: "succeeded",
  [ExitCode.rejected]: "rejected",
  [ExitCode.cancelled]: "cancelled",
  [ExitCode.preempted]: "preempted",
};

export function summarizeApplication(state: ApplicationState): ApplicationSummary {
  const driver = driverOf(state);
  const outcome = applicationOutcome(state);
  const appName = driver?.labels?.["spark-app-name"];
  return {
    queue: state.queue,
    jobSetId: state.jobSetId,
    ...(appName ? { appName } : {}),
    state: outcome ? (stateOfExit[outcome.exitCode] ?? "failed") : (driver?.phase ?? "unknown"),
    ...(outcome ? { reason: outcome.reason, exitCode: outcome.exitCode } : {}),
    ...(driver ? { driver: jobSummary(driver) } : {}),
    executors: executorsOf(state).map(jobSummary),
  };
}

/** A fixed-width table of the driver and executors. */
export function summaryTable(summary: ApplicationSummary): string {
  const rows = [summary.driver, ...summary.executors].filter((j): j is JobSummary => j !== undefined);
  const header = ["ROLE", "JOB ID", "STATE", "NODE", "EXIT", "REASON"];
  const cells = rows.map((j) => [
    j.role,
    j.jobId,
    j.state,
    j.node ?? "",
    j.exitCode === undefined ? "" : String(j.exitCode),
    j.reason ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const title =
    `${summary.appName ?? "application"} (job set ${summary.jobSetId}, queue ${summary.queue}): ${summary.state}` +
    (summary.reason ? ` - ${summary.reason}` : "");
  return [title, line(header), ...cells.map(line)].join("\n") + "\n";
}
