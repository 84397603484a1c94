// `armada-spark logs <job set>`: the driver's log (or an executor's) through Armada's Binoculars;
// `-f` follows it until the job ends.
import type { ArmadaClient } from "../armada/client.js";
import { UsageError } from "../conf/errors.js";
import { ExitCode } from "../exit-codes.js";
import type { JobView } from "../track/application-state.js";
import { driverOf, executorsOf, isEnded } from "../track/application-state.js";
import { loadApplication } from "../track/load-application.js";
import { clientFor } from "./client-from-submission.js";
import { commonOptionsHelp, parseOperationArgs, requireJobSet } from "./operation-args.js";
import { runOperation } from "./run-operation.js";

const help = `Usage: armada-spark logs <job set id> [options]

Prints the driver's log, or an executor's with --executor N.

${commonOptionsHelp}
  --executor N        executor N's log (1-based, as in 'status')
  --follow, -f        keep printing new lines until the job ends
  --timestamps        prefix each line with its timestamp
`;

const pollIntervalMs = 1000;

export async function logsCommand(argv: string[]): Promise<number> {
  return runOperation("logs", async () => {
    const args = parseOperationArgs(argv, {
      executor: { type: "string" },
      follow: { type: "boolean", short: "f" },
      timestamps: { type: "boolean" },
    });
    if (args.help) {
      process.stdout.write(help);
      return ExitCode.ok;
    }
    const jobSetId = requireJobSet(args);
    const client = clientFor(args.master, undefined);
    const state = await loadApplication(client, args.queue, jobSetId);
    const job = pickJob(args.values.executor as string | undefined, driverOf(state), executorsOf(state));
    if (!job) {
      process.stderr.write(`armada-spark logs: job set ${jobSetId} in queue ${args.queue} has no such job\n`);
      return ExitCode.notFound;
    }
    const follow = args.values.follow === true;
    const stamps = args.values.timestamps === true;
    await printLogs(client, args.queue, jobSetId, job, follow, stamps);
    return ExitCode.ok;
  });
}

function pickJob(
  executor: string | undefined,
  driver: JobView | undefined,
  executors: JobView[],
): JobView | undefined {
  if (executor === undefined) return driver;
  const n = Number(executor);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(`--executor: "${executor}" is invalid: expected an executor number (1, 2, ...)`);
  }
  return executors.find((e) => e.executorId === n);
}

async function printLogs(
  client: ArmadaClient,
  queue: string,
  jobSetId: string,
  job: JobView,
  follow: boolean,
  stamps: boolean,
): Promise<void> {
  // Binoculars' since_time is inclusive and coarse: remember what was printed at the last time.
  let since = "";
  let printedAtSince = new Set<string>();
  for (;;) {
    const lines = await client.logs({
      jobId: job.jobId,
      podNumber: 0,
      podNamespace: job.namespace ?? "",
      sinceTime: since,
    });
    for (const l of lines) {
      const key = `${l.timestamp} ${l.line}`;
      if (l.timestamp === since && printedAtSince.has(key)) continue;
      process.stdout.write(stamps ? `${l.timestamp} ${l.line}\n` : `${l.line}\n`);
      if (l.timestamp !== since) {
        since = l.timestamp;
        printedAtSince = new Set();
      }
      printedAtSince.add(key);
    }
    if (!follow) return;
    const now = await loadApplication(client, queue, jobSetId);
    const current = now.jobs.get(job.jobId);
    if (current && isEnded(current)) {
      // One last read for lines written just before the end.
      if (lines.length === 0) return;
      follow = false;
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}
