// `armada-spark kill <job set>`: cancels the whole application, driver and executors, and waits
// until Armada reports every job ended.
import { ExitCode } from "../exit-codes.js";
import type { ApplicationState } from "../track/application-state.js";
import { applyEvent, isEnded } from "../track/application-state.js";
import { jobSetEvents } from "../track/job-set-events.js";
import { loadApplication } from "../track/load-application.js";
import { clientFor } from "./client-from-submission.js";
import { commonOptionsHelp, durationFlag, parseOperationArgs, requireJobSet } from "./operation-args.js";
import { runOperation } from "./run-operation.js";

const help = `Usage: armada-spark kill <job set id> [options]

Cancels the application's driver and all its executors, then waits (up to --wait, default 60s)
until Armada reports every job ended; exit code 8 if some are still active then.

${commonOptionsHelp}
  --reason TEXT     recorded with the cancellation (at most 50 bytes)
  --wait DURATION   how long to wait for the jobs to end (0: do not wait)
`;

export async function killCommand(argv: string[]): Promise<number> {
  return runOperation("kill", async () => {
    const args = parseOperationArgs(argv, { reason: { type: "string" }, wait: { type: "string" } });
    if (args.help) {
      process.stdout.write(help);
      return ExitCode.ok;
    }
    const jobSetId = requireJobSet(args);
    const waitMs = durationFlag("--wait", (args.values.wait as string | undefined) ?? "60");
    const client = clientFor(args.master, undefined);
    const before = await loadApplication(client, args.queue, jobSetId);
    const active = [...before.jobs.values()].filter((j) => !isEnded(j));
    if (active.length === 0) {
      process.stdout.write(`Nothing to kill: every job of ${jobSetId} has already ended.\n`);
      return ExitCode.ok;
    }
    const reason = ((args.values.reason as string | undefined) ?? "killed with armada-spark kill").slice(
      0,
      50,
    );
    await client.cancelJobSet({ queue: args.queue, jobSetId, reason });
    process.stdout.write(`Cancelling ${active.length} job(s) of ${jobSetId} in queue ${args.queue}\n`);
    if (waitMs === 0) return ExitCode.ok;
    const ended = await waitUntilEnded(client, before, waitMs);
    if (!ended) {
      process.stderr.write(
        `armada-spark kill: jobs still active after ${waitMs / 1000}s; check with 'armada-spark status ${jobSetId}'\n`,
      );
      return ExitCode.watchTimeout;
    }
    process.stdout.write(`Every job of ${jobSetId} has ended.\n`);
    return ExitCode.ok;
  });
}

async function waitUntilEnded(
  client: ReturnType<typeof clientFor>,
  start: ApplicationState,
  timeoutMs: number,
): Promise<boolean> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), timeoutMs);
  let state = start;
  const allEnded = () => [...state.jobs.values()].every(isEnded);
  try {
    for await (const event of jobSetEvents(client, {
      queue: start.queue,
      jobSetId: start.jobSetId,
      watch: true,
      ...(start.lastMessageId !== undefined ? { fromMessageId: start.lastMessageId } : {}),
      signal: stop.signal,
    })) {
      state = applyEvent(state, event);
      if (allEnded()) return true;
    }
    return allEnded();
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
}
