// `armada-spark watch <job set>`: follows an application from its first event to its end and exits
// with its outcome, like the submit command does after submitting.
import { emptyApplication } from "../track/application-state.js";
import { jobEventFromMessage } from "../track/event-message.js";
import { followApplication } from "../track/follow.js";
import type { JobEvent } from "../track/job-event.js";
import { UsageError } from "../conf/errors.js";
import { duration } from "../conf/value-types.js";
import { ExitCode } from "../exit-codes.js";
import { createPrinter, printerMode } from "./application-printer.js";
import { clientFor } from "./client-from-submission.js";
import { commonOptionsHelp, parseOperationArgs, requireJobSet } from "./operation-args.js";
import { runOperation } from "./run-operation.js";

const help = `Usage: armada-spark watch <job set id> [options]

Follows the application's events until the driver ends; exits with the application's exit code
(see the README). Reconnects and resumes if the connection to Armada drops.

${commonOptionsHelp}
  --timeout DURATION   stop watching after this many seconds (exit code 8)
  --deprecated-watch   use Armada's deprecated Event.Watch call instead of GetJobSetEvents
`;

export async function watchCommand(argv: string[]): Promise<number> {
  return runOperation("watch", async () => {
    const args = parseOperationArgs("watch", argv, {
      timeout: { type: "string" },
      "deprecated-watch": { type: "boolean" },
    });
    if (args.help) {
      process.stdout.write(help);
      return ExitCode.ok;
    }
    const jobSetId = requireJobSet("watch", args);
    const timeoutText = args.values.timeout as string | undefined;
    const watchTimeoutMs = timeoutText === undefined ? 0 : parseSeconds(timeoutText);
    const client = clientFor(args.master, undefined);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once("SIGINT", onSignal);
    async function* events(): AsyncGenerator<JobEvent> {
      for await (const e of client.events({
        queue: args.queue,
        jobSetId,
        watch: true,
        deprecatedWatch: args.values["deprecated-watch"] === true,
        signal: stop.signal,
      })) {
        const event = jobEventFromMessage(e);
        if (event) yield event;
      }
    }
    const printer = createPrinter(printerMode(args.output === "json", process.stdout), process.stdout, 0);
    try {
      const result = await followApplication(events(), emptyApplication(args.queue, jobSetId), {
        watchTimeoutMs,
        onEvent: (state, event) => printer.event(state, event),
      });
      if (stop.signal.aborted) return 130;
      printer.outcome(result.state, result.outcome);
      return result.outcome.exitCode;
    } finally {
      printer.close();
      stop.abort();
      process.removeListener("SIGINT", onSignal);
    }
  });
}

function parseSeconds(text: string): number {
  const type = duration({ defaultUnit: "s" });
  try {
    return type.parse(text);
  } catch (err) {
    throw new UsageError(
      `--timeout: "${text}" is invalid (${(err as Error).message}): expected ${type.expected}`,
    );
  }
}
