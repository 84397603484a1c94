// Submits a resolved application to Armada and follows it to its end: health check, atomic
// submission of the planned jobs, job ids and the Lookout link, then the application's events
// until the driver ends, exiting with the application's outcome (src/exit-codes.ts).
import type { ArmadaClient } from "../armada/client.js";
import { ArmadaError } from "../armada/errors.js";
import {
  SubmissionFailed,
  submitApplication,
  type SubmittedApplication,
} from "../armada/submit-application.js";
import { keys } from "../conf/keys.js";
import type { Submission } from "../conf/submission.js";
import { ExitCode } from "../exit-codes.js";
import { buildPlan } from "../plan/plan.js";
import { randomPlanIds } from "../plan/plan-ids.js";
import { emptyApplication, withKnownRoles } from "../track/application-state.js";
import { lookoutJobSetUrl } from "../track/lookout-url.js";
import { exitCodeOfArmadaError } from "./armada-errors.js";
import { createPrinter, printerMode, type Printer } from "./application-printer.js";
import { clientFor } from "./client-from-submission.js";
import { followAndReport } from "./follow-report.js";
import { loadPlanTemplates } from "./plan-inputs.js";

export interface RunOptions {
  noWait: boolean;
  json: boolean;
}

export interface RunIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WritableStream;
  /** Aborted on Ctrl-C: stop following (the application keeps running). */
  signal?: AbortSignal;
}

export async function runApplication(
  submission: Submission,
  options: RunOptions,
  io: RunIo = { stdout: process.stdout, stderr: process.stderr },
  client: ArmadaClient = clientFor(submission.master, submission.conf),
): Promise<number> {
  const conf = submission.conf;
  const templates = await loadPlanTemplates(conf);
  const plan = buildPlan(submission, randomPlanIds(), templates);
  for (const w of plan.warnings) io.stderr.write(`warning: ${w}\n`);
  const expectedExecutors = conf.get(keys.executorInstances) ?? 2;
  const printer = createPrinter(printerMode(options.json, io.stdout), io.stdout, expectedExecutors);
  try {
    const healthTimeoutMs = conf.get(keys.healthCheckTimeout) ?? 5000;
    const healthStart = Date.now();
    await client.health(healthTimeoutMs);
    printer.info(
      { type: "health", armada: client.endpoint.url, status: "SERVING", ms: Date.now() - healthStart },
      `Armada at ${client.endpoint.url} is healthy`,
    );
    const app = await submitApplication(plan, client);
    announce(printer, submission, app, conf.get(keys.lookoutUrl) ?? "http://localhost:30000");
    const watch = !options.noWait && (conf.get(keys.driverWatchEnabled) ?? true);
    if (!watch) {
      printer.info(
        { type: "detached", queue: app.queue, jobSetId: app.jobSetId },
        `Not following (--no-wait). Follow with: armada-spark watch ${app.jobSetId} --queue ${app.queue}`,
      );
      return ExitCode.ok;
    }
    return await followAndReport(client, printer, {
      initial: withKnownRoles(emptyApplication(app.queue, app.jobSetId), app.driverJobId, app.executorJobIds),
      watchTimeoutMs: conf.get(keys.driverWatchTimeout) ?? 0,
      ...(io.signal !== undefined ? { interrupt: io.signal } : {}),
    });
  } catch (err) {
    return reportFailure(err, io.stderr);
  } finally {
    printer.close();
  }
}

function announce(
  printer: Printer,
  submission: Submission,
  app: SubmittedApplication,
  lookout: string,
): void {
  const url = lookoutJobSetUrl(lookout, app.queue, app.jobSetId);
  printer.info(
    {
      type: "submitted",
      appName: submission.appName,
      queue: app.queue,
      jobSetId: app.jobSetId,
      driverJobId: app.driverJobId,
      executorJobIds: app.executorJobIds,
      lookoutUrl: url,
    },
    [
      `Submitted ${submission.appName} to queue ${app.queue} as job set ${app.jobSetId}`,
      `  driver      ${app.driverJobId}`,
      ...app.executorJobIds.map((id, i) => `  executor ${String(i + 1).padEnd(3)}${id}`),
      `Lookout: ${url}`,
    ].join("\n"),
  );
}

function reportFailure(err: unknown, stderr: NodeJS.WritableStream): number {
  if (err instanceof SubmissionFailed) {
    stderr.write(`armada-spark-submit: submission failed: ${err.message}\n`);
    return err.cause instanceof ArmadaError ? exitCodeOfArmadaError(err.cause.kind) : ExitCode.rejected;
  }
  if (err instanceof ArmadaError) {
    stderr.write(`armada-spark-submit: ${err.message}\n`);
    return exitCodeOfArmadaError(err.kind);
  }
  if (err instanceof Error && err.name === "TemplateError") {
    stderr.write(`armada-spark-submit: error: ${err.message}\n`);
    return ExitCode.usage;
  }
  throw err;
}
