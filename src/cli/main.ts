// Command dispatch. Each subcommand lives in its own file under src/cli/ and is loaded lazily,
// so `--dry-run` never pays for the gRPC stack and `dev` never pays for the submit path.

export type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  submit: async () => (await import("./submit.js")).submitCommand,
  keys: async () => (await import("./keys.js")).keysCommand,
  dev: async () => (await import("./dev.js")).devCommand,
};

const usage = `Usage: armada-spark <command> [options]

Commands:
  submit    submit a Spark application (same options as spark-submit)
  keys      list the configuration keys armada-spark knows
  dev       run a local Armada (gRPC API, simulated clusters, pods as local processes)

Run 'armada-spark <command> --help' for a command's options.`;

export async function runMain(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage + "\n");
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`armada-spark: unknown command '${name}'\n\n${usage}\n`);
    return 2;
  }
  return (await load())(rest);
}

export async function runSubmitCommand(argv: string[]): Promise<number> {
  return runMain(["submit", ...argv]);
}
