// The flags every operation on an existing application shares: where Armada is, which queue, and
// the output format. A usage error names the flag and what is expected (exit code 2); runOperation
// prefixes it with the command.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../conf/errors.js";
import { parseArmadaMaster, type ArmadaMaster } from "../conf/master-url.js";
import { duration } from "../conf/value-types.js";

export type OperationOutput = "text" | "json" | "yaml";

export interface OperationArgs {
  /** Undefined: armadactl's current context (none: a usage error, exit code 2). */
  master?: ArmadaMaster;
  queue: string;
  output: OperationOutput;
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  help: boolean;
}

const common = {
  master: { type: "string" },
  queue: { type: "string", short: "q" },
  output: { type: "string", short: "o" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export const commonOptionsHelp = `  --master URL      Armada: armada://host:port or armada+tls://host:port
                    (default: $ARMADA_MASTER, else armadactl's current context; no default address)
  --queue, -q NAME  the application's queue (default: $ARMADA_QUEUE, else "default")
  -o, --output FMT  text (default), json or yaml
  --help, -h        this help`;

export function parseOperationArgs(
  argv: string[],
  extra: ParseArgsConfig["options"] = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): OperationArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...common, ...extra },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const masterText = (values.master as string | undefined) ?? env.ARMADA_MASTER;
  let master: ArmadaMaster | undefined;
  if (masterText !== undefined) {
    try {
      master = parseArmadaMaster(masterText);
    } catch (err) {
      const from = values.master !== undefined ? "--master" : "$ARMADA_MASTER";
      throw new UsageError(
        `${from}: "${masterText}" is invalid (${(err as Error).message}): expected armada://host:port or armada+tls://host:port`,
      );
    }
  }
  const output = (values.output as string | undefined) ?? "text";
  if (output !== "text" && output !== "json" && output !== "yaml") {
    throw new UsageError(`-o/--output: "${output}" is invalid: expected text, json or yaml`);
  }
  return {
    ...(master !== undefined ? { master } : {}),
    queue: (values.queue as string | undefined) ?? env.ARMADA_QUEUE ?? "default",
    output,
    positionals: parsed.positionals,
    values,
    help: values.help === true,
  };
}

/** The one positional an operation needs (the application's job set id). */
export function requireJobSet(args: OperationArgs): string {
  const [jobSetId, ...rest] = args.positionals;
  if (jobSetId === undefined) {
    throw new UsageError(`missing the application's job set id (printed at submission)`);
  }
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(" ")}`);
  return jobSetId;
}

/** A duration flag's value in milliseconds (a bare number is seconds); a usage error names the flag. */
export function durationFlag(flag: string, text: string): number {
  const type = duration({ defaultUnit: "s" });
  try {
    return type.parse(text);
  } catch (err) {
    throw new UsageError(
      `${flag}: "${text}" is invalid (${(err as Error).message}): expected ${type.expected}`,
    );
  }
}
