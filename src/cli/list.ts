// `armada-spark list`: the applications (job sets) of a queue with their states, through Lookout's
// REST API (Armada's gRPC API cannot list job sets).
import { UsageError } from "../conf/errors.js";
import { ExitCode } from "../exit-codes.js";
import {
  applicationRows,
  applicationTable,
  jobSetGroupsRequest,
  type JobSetGroup,
} from "../track/application-list.js";
import { commonOptionsHelp, parseOperationArgs } from "./operation-args.js";
import { runOperation, writeStructured } from "./run-operation.js";

const help = `Usage: armada-spark list [options]

Lists the queue's applications (job sets), newest first, with their states.
Reads Lookout's REST API: --lookout URL, else $ARMADA_LOOKOUT_URL, else http://localhost:30000
(armada-spark dev serves it there).

${commonOptionsHelp}
  --lookout URL     Lookout's base URL
  --limit N         at most N applications (default 50)
`;

export async function listCommand(argv: string[]): Promise<number> {
  return runOperation("list", async () => {
    const args = parseOperationArgs(argv, { lookout: { type: "string" }, limit: { type: "string" } });
    if (args.help) {
      process.stdout.write(help);
      return ExitCode.ok;
    }
    if (args.positionals.length > 0)
      throw new UsageError(`unexpected arguments: ${args.positionals.join(" ")}`);
    const lookout = (
      (args.values.lookout as string | undefined) ??
      process.env.ARMADA_LOOKOUT_URL ??
      "http://localhost:30000"
    ).replace(/\/+$/, "");
    const limitText = (args.values.limit as string | undefined) ?? "50";
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError(`--limit: "${limitText}" is invalid: expected a whole number >= 1`);
    let response: Response;
    try {
      response = await fetch(`${lookout}/api/v1/jobGroups`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(jobSetGroupsRequest(args.queue, limit)),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      process.stderr.write(
        `armada-spark list: cannot reach Lookout at ${lookout}: ${(err as Error).message}\n`,
      );
      return ExitCode.unavailable;
    }
    if (!response.ok) {
      process.stderr.write(
        `armada-spark list: Lookout at ${lookout} answered ${response.status}: ${(await response.text()).slice(0, 500)}\n`,
      );
      return ExitCode.unavailable;
    }
    const body = (await response.json()) as { groups?: JobSetGroup[] };
    const rows = applicationRows(body.groups ?? []);
    if (args.output === "text")
      process.stdout.write(
        rows.length === 0 ? `No applications in queue ${args.queue}.\n` : applicationTable(rows),
      );
    else await writeStructured(rows, args.output);
    return ExitCode.ok;
  });
}
