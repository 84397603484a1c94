// `armada-spark watch <job set>`: follows an application from its first event to its end and exits
// with its outcome, like the submit command does after submitting.
import { emptyApplication } from "../track/application-state.js";
import { ExitCode } from "../exit-codes.js";
import { createPrinter, printerMode } from "./application-printer.js";
import { clientFor } from "./client-from-submission.js";
import { followAndReport } from "./follow-report.js";
import { commonOptionsHelp, durationFlag, parseOperationArgs, requireJobSet } from "./operation-args.js";
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
    const args = parseOperationArgs(argv, {
      timeout: { type: "string" },
      "deprecated-watch": { type: "boolean" },
    });
    if (args.help) {
      process.stdout.write(help);
      return ExitCode.ok;
    }
    const jobSetId = requireJobSet(args);
    const timeoutText = args.values.timeout as string | undefined;
    const watchTimeoutMs = timeoutText === undefined ? 0 : durationFlag("--timeout", timeoutText);
    const client = clientFor(args.master, undefined);
    const interrupt = new AbortController();
    const onSignal = () => interrupt.abort();
    process.once("SIGINT", onSignal);
    const printer = createPrinter(printerMode(args.output === "json", process.stdout), process.stdout, 0);
    try {
      return await followAndReport(client, printer, {
        initial: emptyApplication(args.queue, jobSetId),
        watchTimeoutMs,
        deprecatedWatch: args.values["deprecated-watch"] === true,
        interrupt: interrupt.signal,
      });
    } finally {
      printer.close();
      process.removeListener("SIGINT", onSignal);
    }
  });
}
