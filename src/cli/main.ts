// Command dispatch. Each subcommand lives in its own file under src/cli/ and is loaded lazily,
// so `--dry-run` never pays for the gRPC stack and `dev` never pays for the submit path.

export type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  submit: async () => (await import("./submit.js")).submitCommand,
  keys: async () => (await import("./keys.js")).keysCommand,
  dev: async () => (await import("./dev.js")).devCommand,
  status: async () => (await import("./status.js")).statusCommand,
  watch: async () => (await import("./watch.js")).watchCommand,
  logs: async () => (await import("./logs.js")).logsCommand,
  kill: async () => (await import("./kill.js")).killCommand,
  queue: async () => (await import("./queue.js")).queueCommand,
  list: async () => (await import("./list.js")).listCommand,
};

const usage = `Usage: armada-spark <command> [options]

Commands:
  submit    submit a Spark application (same options as spark-submit)
  keys      list the configuration keys armada-spark knows
  dev       run a local Armada (gRPC API, simulated clusters, pods as local processes)
  status    an application's driver and executors: state, node, exit code, reason
  watch     follow an application to its end; exits with its outcome
  logs      the driver's (or an executor's) log; -f follows it
  kill      cancel an application: driver and all executors
  queue     create or show a queue
  list      the applications of a queue with their states (via Lookout)

Run 'armada-spark <command> --help' for a command's options.`;

/** A closed pipe (`... | head -1`) ends the command quietly, as it does for Unix tools. */
function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(0);
      throw err;
    });
  }
}

export async function runMain(argv: string[]): Promise<number> {
  exitQuietlyOnClosedPipe();
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
