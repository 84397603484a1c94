// spark-submit's command line (launcher SparkSubmitOptionParser + SparkSubmitArguments): options
// as `--opt value` or `--opt=value`, switches, then the primary resource; everything after the
// resource belongs to the application, even if it looks like an option. Plus our additions:
// --dry-run, -o/--output, --no-wait, --list-keys.
import { ConfError, UsageError } from "./errors.js";
import { nearest } from "./near-miss.js";

export type OutputFormat = "yaml" | "json";

/** A value given by a flag that maps to a Spark key (`--executor-memory 2g` -> spark.executor.memory). */
export interface FlagValue {
  readonly key: string;
  readonly value: string;
  readonly flag: string;
}

export interface SubmitArgs {
  readonly action: "submit" | "help" | "version" | "list-keys" | "kill" | "status";
  /** Last value per key from flags that map to keys. */
  readonly flagValues: ReadonlyMap<string, FlagValue>;
  /** `--conf k=v` / `-c k=v` in command-line order. */
  readonly confs: ReadonlyArray<{ key: string; value: string }>;
  readonly mainClass?: string;
  readonly propertiesFile?: string;
  readonly loadSparkDefaults: boolean;
  readonly primaryResource?: string;
  readonly appArgs: readonly string[];
  readonly verbose: boolean;
  readonly dryRun: boolean;
  readonly output?: OutputFormat;
  readonly noWait: boolean;
  /** The submission id for --kill / --status. */
  readonly target?: string;
}

type OptionSpec =
  | { kind: "key"; key: string } // value goes to a Spark key
  | { kind: "value"; field: "class" | "conf" | "properties-file" | "output" | "kill" | "status" }
  | { kind: "switch"; field: Switch }
  | { kind: "unsupported"; reason: string };

type Switch =
  | "help"
  | "version"
  | "verbose"
  | "supervise"
  | "load-spark-defaults"
  | "dry-run"
  | "no-wait"
  | "list-keys"
  | "usage-error";

const options: Readonly<Record<string, OptionSpec>> = {
  "--master": { kind: "key", key: "spark.master" },
  "--remote": { kind: "key", key: "spark.remote" },
  "--deploy-mode": { kind: "key", key: "spark.submit.deployMode" },
  "--class": { kind: "value", field: "class" },
  "--name": { kind: "key", key: "spark.app.name" },
  "--jars": { kind: "key", key: "spark.jars" },
  "--packages": { kind: "key", key: "spark.jars.packages" },
  "--exclude-packages": { kind: "key", key: "spark.jars.excludes" },
  "--repositories": { kind: "key", key: "spark.jars.repositories" },
  "--py-files": { kind: "key", key: "spark.submit.pyFiles" },
  "--files": { kind: "key", key: "spark.files" },
  "--archives": { kind: "key", key: "spark.archives" },
  "--conf": { kind: "value", field: "conf" },
  "-c": { kind: "value", field: "conf" },
  "--properties-file": { kind: "value", field: "properties-file" },
  "--driver-memory": { kind: "key", key: "spark.driver.memory" },
  "--driver-java-options": { kind: "key", key: "spark.driver.extraJavaOptions" },
  "--driver-library-path": { kind: "key", key: "spark.driver.extraLibraryPath" },
  "--driver-class-path": { kind: "key", key: "spark.driver.extraClassPath" },
  "--driver-cores": { kind: "key", key: "spark.driver.cores" },
  "--executor-memory": { kind: "key", key: "spark.executor.memory" },
  "--executor-cores": { kind: "key", key: "spark.executor.cores" },
  "--num-executors": { kind: "key", key: "spark.executor.instances" },
  "--total-executor-cores": { kind: "key", key: "spark.cores.max" },
  "--principal": { kind: "key", key: "spark.kerberos.principal" },
  "--keytab": { kind: "key", key: "spark.kerberos.keytab" },
  // YARN's --queue; on Armada the queue is spark.armada.queue.
  "--queue": { kind: "key", key: "spark.armada.queue" },
  "--proxy-user": { kind: "unsupported", reason: "--proxy-user (impersonation) is not supported yet" },
  "--kill": { kind: "value", field: "kill" },
  "--status": { kind: "value", field: "status" },
  "--supervise": { kind: "switch", field: "supervise" },
  "--verbose": { kind: "switch", field: "verbose" },
  "-v": { kind: "switch", field: "verbose" },
  "--help": { kind: "switch", field: "help" },
  "-h": { kind: "switch", field: "help" },
  "--version": { kind: "switch", field: "version" },
  "--usage-error": { kind: "switch", field: "usage-error" },
  "--load-spark-defaults": { kind: "switch", field: "load-spark-defaults" },
  // Ours.
  "--dry-run": { kind: "switch", field: "dry-run" },
  "-o": { kind: "value", field: "output" },
  "--output": { kind: "value", field: "output" },
  "--no-wait": { kind: "switch", field: "no-wait" },
  "--list-keys": { kind: "switch", field: "list-keys" },
};

export const knownFlags: readonly string[] = Object.keys(options);

/** Parses `armada-spark-submit` arguments. Throws UsageError or ConfError (both exit code 2). */
export function parseSubmitArgs(argv: readonly string[]): SubmitArgs {
  const flagValues = new Map<string, FlagValue>();
  const confs: Array<{ key: string; value: string }> = [];
  let mainClass: string | undefined;
  let propertiesFile: string | undefined;
  let output: OutputFormat | undefined;
  let target: string | undefined;
  let action: SubmitArgs["action"] = "submit";
  const on = new Set<Switch>();
  let i = 0;
  for (; i < argv.length; i++) {
    let arg = argv[i]!;
    let inlineValue: string | undefined;
    const eq = /^(--[^=]+)=(.*)$/s.exec(arg);
    if (eq) {
      arg = eq[1]!;
      inlineValue = eq[2]!;
    }
    const spec = options[arg];
    if (spec === undefined) {
      if (arg.startsWith("-") && arg !== "-") {
        const guess = nearest(arg, knownFlags);
        throw new UsageError(`unrecognized option '${arg}'` + (guess ? `; did you mean ${guess}?` : ""));
      }
      break; // the primary resource
    }
    if (spec.kind === "switch") {
      if (inlineValue !== undefined) throw new UsageError(`${arg} takes no value (got '${argv[i]}')`);
      if (spec.field === "help") return emptyArgs("help");
      if (spec.field === "version") return emptyArgs("version");
      if (spec.field === "usage-error") throw new UsageError("usage error (--usage-error)");
      on.add(spec.field);
      continue;
    }
    let value = inlineValue;
    if (value === undefined) {
      if (i === argv.length - 1) throw new UsageError(`missing argument for option '${arg}'`);
      value = argv[++i]!;
    }
    switch (spec.kind) {
      case "unsupported":
        throw new UsageError(spec.reason);
      case "key":
        flagValues.set(spec.key, { key: spec.key, value, flag: arg });
        break;
      case "value":
        switch (spec.field) {
          case "class":
            mainClass = value;
            break;
          case "properties-file":
            propertiesFile = value;
            break;
          case "conf": {
            const at = value.indexOf("=");
            if (at <= 0)
              throw new ConfError({
                subject: arg,
                value,
                source: { kind: "flag", flag: arg },
                expected: "key=value, e.g. --conf spark.executor.instances=4",
              });
            confs.push({ key: value.slice(0, at), value: value.slice(at + 1) });
            break;
          }
          case "output":
            if (value !== "yaml" && value !== "json")
              throw new ConfError({
                subject: arg,
                value,
                source: { kind: "flag", flag: arg },
                expected: "yaml or json",
              });
            output = value;
            break;
          case "kill":
          case "status":
            action = spec.field;
            target = value;
            break;
        }
    }
  }
  if (on.has("supervise"))
    flagValues.set("spark.driver.supervise", {
      key: "spark.driver.supervise",
      value: "true",
      flag: "--supervise",
    });
  if (on.has("list-keys")) action = "list-keys";
  const primaryResource = argv[i];
  const args: SubmitArgs = {
    action,
    flagValues,
    confs,
    loadSparkDefaults: on.has("load-spark-defaults"),
    appArgs: argv.slice(i + 1),
    verbose: on.has("verbose"),
    dryRun: on.has("dry-run"),
    noWait: on.has("no-wait"),
    ...(mainClass !== undefined && { mainClass }),
    ...(propertiesFile !== undefined && { propertiesFile }),
    ...(primaryResource !== undefined && { primaryResource }),
    ...(output !== undefined && { output }),
    ...(target !== undefined && { target }),
  };
  return args;
}

function emptyArgs(action: SubmitArgs["action"]): SubmitArgs {
  return {
    action,
    flagValues: new Map(),
    confs: [],
    loadSparkDefaults: false,
    appArgs: [],
    verbose: false,
    dryRun: false,
    noWait: false,
  };
}
