// Shared error handling for the operations: usage errors exit 2, Armada errors map to their exit
// codes, each as one line naming what went wrong.
import { ArmadaError } from "../armada/errors.js";
import { ConfError, UsageError } from "../conf/errors.js";
import { ExitCode } from "../exit-codes.js";
import { exitCodeOfArmadaError } from "./armada-errors.js";

export async function runOperation(command: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfError) {
      process.stderr.write(`armada-spark ${command}: ${err.message}\n`);
      return ExitCode.usage;
    }
    if (err instanceof ArmadaError) {
      process.stderr.write(`armada-spark ${command}: ${err.message}\n`);
      return exitCodeOfArmadaError(err.kind);
    }
    throw err;
  }
}

/** Writes a value as JSON or YAML (the yaml module loads only when asked for). */
export async function writeStructured(value: unknown, format: "json" | "yaml"): Promise<void> {
  if (format === "json") {
    process.stdout.write(JSON.stringify(value, null, 2) + "\n");
    return;
  }
  const { stringify } = await import("yaml");
  process.stdout.write(stringify(value));
}
