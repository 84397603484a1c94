// Following an application until it ends, shared by `submit` and `watch`: events from Armada's
// stream are folded, printed, and turned into the exit code; a failed driver's log is read through
// Binoculars to explain the failure.
import type { ArmadaClient } from "../armada/client.js";
import { ExitCode } from "../exit-codes.js";
import type { ApplicationState } from "../track/application-state.js";
import { driverOf } from "../track/application-state.js";
import { followApplication } from "../track/follow.js";
import { jobSetEvents } from "../track/job-set-events.js";
import { explainDriverFailure, type Outcome } from "../track/outcome.js";
import type { Printer } from "./application-printer.js";

export interface FollowRequest {
  initial: ApplicationState;
  watchTimeoutMs: number;
  deprecatedWatch?: boolean;
  /** Ctrl-C: stop following; the application keeps running. */
  interrupt?: AbortSignal;
}

/** The driver's log lines, or none when Binoculars cannot give them (it is optional in Armada). */
async function driverLog(client: ArmadaClient, state: ApplicationState): Promise<string[]> {
  const driver = driverOf(state);
  if (!driver) return [];
  try {
    const lines = await client.logs({
      jobId: driver.jobId,
      podNumber: 0,
      podNamespace: driver.namespace ?? "",
    });
    return lines.map((l) => l.line);
  } catch {
    return [];
  }
}

/** Follows to the end and prints it; returns the exit code (130 when interrupted). */
export async function followAndReport(
  client: ArmadaClient,
  printer: Printer,
  request: FollowRequest,
): Promise<number> {
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  request.interrupt?.addEventListener("abort", onInterrupt);
  const { queue, jobSetId } = request.initial;
  try {
    const result = await followApplication(
      jobSetEvents(client, {
        queue,
        jobSetId,
        watch: true,
        deprecatedWatch: request.deprecatedWatch ?? false,
        signal: stop.signal,
      }),
      request.initial,
      { watchTimeoutMs: request.watchTimeoutMs, onEvent: (state, event) => printer.event(state, event) },
    );
    if (request.interrupt?.aborted) {
      printer.info(
        { type: "detached", queue, jobSetId },
        `Stopped following; the application keeps running. Kill it with: armada-spark kill ${jobSetId} --queue ${queue}`,
      );
      return ExitCode.interrupted;
    }
    let outcome: Outcome = result.outcome;
    if (outcome.exitCode === ExitCode.driverFailed) {
      const explained = explainDriverFailure(outcome, await driverLog(client, result.state));
      outcome = explained.outcome;
      if (explained.logTail.length > 0) {
        printer.info(
          { type: "driver-log", lines: explained.logTail },
          ["Last lines of the driver's log:", ...explained.logTail.map((l) => `  | ${l}`)].join("\n"),
        );
      }
    }
    printer.outcome(result.state, outcome);
    return outcome.exitCode;
  } finally {
    stop.abort();
    request.interrupt?.removeEventListener("abort", onInterrupt);
  }
}
