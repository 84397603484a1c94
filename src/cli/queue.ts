// `armada-spark queue create|get <name>`: the queue an application needs before it can be submitted.
import { UsageError } from "../conf/errors.js";
import { ExitCode } from "../exit-codes.js";
import { clientFor } from "./client-from-submission.js";
import { commonOptionsHelp, parseOperationArgs } from "./operation-args.js";
import { runOperation, writeStructured } from "./run-operation.js";

const help = `Usage: armada-spark queue create <name> [--priority-factor N] [options]
       armada-spark queue get <name> [options]

${commonOptionsHelp}
  --priority-factor N   the queue's priority factor (>= 1, default 1)
`;

export async function queueCommand(argv: string[]): Promise<number> {
  return runOperation("queue", async () => {
    const args = parseOperationArgs(argv, { "priority-factor": { type: "string" } });
    if (args.help) {
      process.stdout.write(help);
      return ExitCode.ok;
    }
    const [verb, name, ...rest] = args.positionals;
    if ((verb !== "create" && verb !== "get") || name === undefined || rest.length > 0) {
      throw new UsageError(`expected 'queue create <name>' or 'queue get <name>'`);
    }
    const client = clientFor(args.master, undefined);
    if (verb === "create") {
      const text = (args.values["priority-factor"] as string | undefined) ?? "1";
      const priorityFactor = Number(text);
      if (!(priorityFactor >= 1)) {
        throw new UsageError(`--priority-factor: "${text}" is invalid: expected a number >= 1`);
      }
      const result = await client.ensureQueue(name, priorityFactor);
      process.stdout.write(
        result === "created" ? `Created queue ${name}\n` : `Queue ${name} already exists\n`,
      );
      return ExitCode.ok;
    }
    const queue = await client.getQueue(name);
    if (!queue) {
      process.stderr.write(`armada-spark queue: queue ${name} does not exist\n`);
      return ExitCode.notFound;
    }
    const view = { name: queue.name, priorityFactor: queue.priorityFactor, cordoned: queue.cordoned };
    if (args.output === "text") process.stdout.write(`${view.name}  priorityFactor=${view.priorityFactor}\n`);
    else await writeStructured(view, args.output);
    return ExitCode.ok;
  });
}
