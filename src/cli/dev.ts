// `armada-spark dev`: runs the embedded local Armada until SIGINT/SIGTERM.

import { parseArgs } from "node:util";
import { UsageError } from "../conf/errors.js";
import { loadConfig, defaultConfig } from "../dev/server/config.js";
import {
  defaultGrpcPort,
  defaultLookoutPort,
  defaultStateDir,
  startDevArmada,
} from "../dev/server/server.js";

const help = `Usage: armada-spark dev [options]

Runs a local Armada (Armada's gRPC API, simulated clusters, pods as local processes).

Options:
  --port <n>            gRPC port (default ${defaultGrpcPort}; 0 = any free port)
  --lookout-port <n>    Lookout web port (default ${defaultLookoutPort}; 0 = any free port)
  --host <address>      address to listen on (default 127.0.0.1)
  --config <file>       YAML: clusters, nodes, queues, auth, images (see docs/dev.md)
  --state-dir <dir>     where jobs, events and logs are kept (default ./${defaultStateDir})
  --ephemeral           keep state in a temporary directory, removed at exit
  -h, --help            show this help`;

function port(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new UsageError(`${flag}: "${value}" is invalid: expected a port number 0-65535`);
  return n;
}

export async function devCommand(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        port: { type: "string" },
        "lookout-port": { type: "string" },
        host: { type: "string" },
        config: { type: "string" },
        "state-dir": { type: "string" },
        ephemeral: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    process.stderr.write(`armada-spark dev: ${(e as Error).message}\n\n${help}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(help + "\n");
    return 0;
  }
  let options;
  try {
    options = {
      port: port("--port", values.port, defaultGrpcPort),
      lookoutPort: port("--lookout-port", values["lookout-port"], defaultLookoutPort),
      host: values.host ?? "127.0.0.1",
      config: values.config ? loadConfig(values.config) : defaultConfig(),
      ephemeral: values.ephemeral ?? false,
      ...(values["state-dir"] ? { stateDir: values["state-dir"] } : {}),
    };
  } catch (e) {
    process.stderr.write(`armada-spark dev: ${(e as Error).message}\n`);
    return 2;
  }

  let dev;
  try {
    dev = await startDevArmada(options);
  } catch (e) {
    process.stderr.write(`armada-spark dev: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    const { mountLookout } = await import("../dev/lookout/mount-lookout.js");
    mountLookout(dev);
  } catch (e) {
    process.stderr.write(`armada-spark dev: Lookout pages unavailable: ${(e as Error).message}\n`);
  }
  const queues = options.config.queues.map((q) => JSON.stringify(q.name)).join(", ");
  const state = options.ephemeral ? `${dev.stateDir} (ephemeral)` : dev.stateDir;
  process.stdout.write(
    `armada-spark dev: Armada API on ${dev.grpcAddress} (queue${options.config.queues.length === 1 ? "" : "s"} ${queues}), ` +
      `Lookout on ${dev.lookoutUrl}, state in ${state}\n`,
  );

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        process.stderr.write(`armada-spark dev: ${signal} again, exiting without waiting for pods\n`);
        process.exit(130);
      }
      stopping = true;
      process.stderr.write(`armada-spark dev: ${signal}: stopping every pod...\n`);
      dev.close().then(
        () => {
          process.stderr.write("armada-spark dev: stopped\n");
          resolve(0);
        },
        (e: unknown) => {
          process.stderr.write(`armada-spark dev: error while stopping: ${(e as Error).message}\n`);
          resolve(1);
        },
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
