// `armada-spark dev` as its own process, as a user starts it: for the tests that restart it and
// the benchmarks that measure against it.
import { CliProcess, type CliResult } from "./cli.js";
import { waitFor } from "./app-processes.js";

export interface DevProcess {
  readonly cli: CliProcess;
  /** host:port of the Armada API, from the server's ready line. */
  readonly address: string;
}

/** Starts `armada-spark dev <options>` and waits for its ready line (a hang guard of `guardMs`). */
export async function startDevProcess(options: readonly string[], guardMs = 60_000): Promise<DevProcess> {
  const cli = new CliProcess("armada-spark", ["dev", ...options]);
  const address = await waitFor(
    "armada-spark dev's ready line",
    () => {
      if (cli.child.exitCode !== null) throw new Error(`armada-spark dev exited early\n${cli.stderr}`);
      return /Armada API on (\S+)/.exec(cli.stdout)?.[1];
    },
    guardMs,
    50,
  );
  return { cli, address };
}

/** SIGTERM (unless it already ended), then its exit; killed, and an error, past `guardMs`. */
export function stopDevProcess(dev: DevProcess, guardMs = 60_000): Promise<CliResult> {
  const { child } = dev.cli;
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  return dev.cli.exit(guardMs);
}
