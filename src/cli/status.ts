// `armada-spark status <job set>`: the driver and executors of an application, with state, node,
// exit code and reason.
import { ExitCode } from "../exit-codes.js";
import { summarizeApplication, summaryTable } from "../track/application-summary.js";
import { loadApplication } from "../track/load-application.js";
import { clientFor } from "./client-from-submission.js";
import { commonOptionsHelp, parseOperationArgs, requireJobSet } from "./operation-args.js";
import { runOperation, writeStructured } from "./run-operation.js";

const help = `Usage: armada-spark status <job set id> [options]

Shows the application's driver and executors: state, node, exit code, reason.
Exit code 0 when found (whatever its state), 10 when the job set does not exist.

${commonOptionsHelp}
`;

export async function statusCommand(argv: string[]): Promise<number> {
  return runOperation("status", async () => {
    const args = parseOperationArgs(argv);
    if (args.help) {
      process.stdout.write(help);
      return ExitCode.ok;
    }
    const jobSetId = requireJobSet(args);
    const state = await loadApplication(clientFor(args.master, undefined), args.queue, jobSetId);
    const summary = summarizeApplication(state);
    if (args.output === "text") process.stdout.write(summaryTable(summary));
    else await writeStructured(summary, args.output);
    return ExitCode.ok;
  });
}
