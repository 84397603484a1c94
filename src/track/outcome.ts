// When is a Spark application over, and what does that mean for the exit code? The driver's end
// is the application's end; executors come and go (Spark reschedules their tasks).
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";
import type { ApplicationState, JobView } from "./application-state.js";
import { driverOf, executorsOf, failedExitCode } from "./application-state.js";

export interface Outcome {
  exitCode: ExitCodeValue;
  /** One line for a person. */
  reason: string;
}

/**
 * The driver prints this when fewer executors than required registered in time (jvm/ backend);
 * it reaches us through the driver container's termination message.
 */
export const executorsNotRegisteredMarker = "executors registered within";

function executorGangRejection(state: ApplicationState): JobView | undefined {
  return executorsOf(state).find((e) => e.phase === "failed" && e.cause === "Rejected");
}

function describeFailure(driver: JobView): string {
  const code = failedExitCode(driver);
  const detail = driver.reason ? `: ${firstLine(driver.reason)}` : "";
  return code === undefined ? `driver failed${detail}` : `driver failed with exit code ${code}${detail}`;
}

function firstLine(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 200 ? line.slice(0, 197) + "..." : line;
}

/** The tracker timeout's outcome if one of the driver's lines reports it (from "Armada:" on). */
function notRegisteredOutcome(lines: readonly string[]): Outcome | undefined {
  const line = lines.find((l) => l.includes(executorsNotRegisteredMarker));
  if (line === undefined) return undefined;
  const from = line.indexOf("Armada:");
  return {
    exitCode: ExitCode.executorsNotRegistered,
    reason: firstLine(from >= 0 ? line.slice(from) : line),
  };
}

export function applicationOutcome(state: ApplicationState): Outcome | undefined {
  const driver = driverOf(state);
  if (!driver) return undefined;
  switch (driver.phase) {
    case "succeeded":
      return { exitCode: ExitCode.ok, reason: "application succeeded" };
    case "cancelled":
      return { exitCode: ExitCode.cancelled, reason: "application cancelled" };
    case "failed": {
      if (driver.preempted) {
        const why = driver.reason ? `: ${firstLine(driver.reason)}` : "";
        return { exitCode: ExitCode.preempted, reason: `application preempted${why}` };
      }
      if (driver.cause === "Rejected") {
        return {
          exitCode: ExitCode.rejected,
          reason: `Armada rejected the driver: ${firstLine(driver.reason ?? "")}`,
        };
      }
      const messages = [...(driver.containers ?? []).map((c) => c.message), driver.reason ?? ""];
      const notRegistered = notRegisteredOutcome(messages.join("\n").split("\n"));
      if (notRegistered) return notRegistered;
      return { exitCode: ExitCode.driverFailed, reason: describeFailure(driver) };
    }
    default: {
      // The gang is placed all or nothing: a rejected executor means the driver never runs.
      const rejected = executorGangRejection(state);
      if (rejected && driver.phase !== "running") {
        return {
          exitCode: ExitCode.rejected,
          reason: `Armada rejected executor ${rejected.executorId ?? rejected.jobId}: ${firstLine(rejected.reason ?? "")}`,
        };
      }
      return undefined;
    }
  }
}

export interface DriverFailureDetail {
  outcome: Outcome;
  /** The last lines of the driver's log, to show with the failure (none when it was explained). */
  logTail: string[];
}

/**
 * A failed driver's log says more than its exit code: the tracker timeout has its own exit code,
 * and otherwise the last lines show the error. Pure: the caller fetches the log.
 */
export function explainDriverFailure(
  outcome: Outcome,
  driverLog: readonly string[],
  tailLines = 20,
): DriverFailureDetail {
  if (outcome.exitCode !== ExitCode.driverFailed) return { outcome, logTail: [] };
  const notRegistered = notRegisteredOutcome(driverLog);
  if (notRegistered) return { outcome: notRegistered, logTail: [] };
  return { outcome, logTail: driverLog.slice(-tailLines) };
}
