// `armada-spark submit` / `armada-spark-submit`: spark-submit's command line, resolved and validated
// locally; `--dry-run` prints the planned Armada requests. Heavy modules (the plan's YAML output, the
// gRPC client) are imported lazily so `--dry-run` starts fast.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../dev/spark-homes.js";
import { describeSubmission } from "../conf/describe.js";
import { ConfError, UsageError } from "../conf/errors.js";
import { resolveSubmitCommand, type Env, type ReadTextFile } from "../conf/resolve.js";

export const supportedSparkVersions = "3.5.x and 4.x (tested with 3.5.7 and 4.1.1)";

export const submitUsage = `Usage: armada-spark-submit [options] <app jar | python file> [app arguments]
       armada-spark-submit --list-keys [-o json]
       armada-spark-submit --version

Options:
  --master MASTER_URL         armada://host:port (plaintext gRPC) or armada+tls://host:port (TLS);
                              the port defaults to 50051. Also spark.master, env MASTER.
  --deploy-mode DEPLOY_MODE   cluster (the default here; client mode is not supported yet).
  --class CLASS_NAME          Your application's main class (for Java / Scala apps).
  --name NAME                 A name of your application.
  --jars JARS                 Comma-separated list of jars for the driver and executor classpaths.
  --packages                  Comma-separated Maven coordinates of jars to include.
  --exclude-packages          Comma-separated groupId:artifactId to exclude with --packages.
  --repositories              Comma-separated additional remote repositories for --packages.
  --py-files PY_FILES         Comma-separated .zip, .egg, or .py files for the PYTHONPATH.
  --files FILES               Comma-separated files placed in the working directory of each executor.
  --archives ARCHIVES         Comma-separated archives extracted into each executor's working directory.
  --conf, -c PROP=VALUE       Arbitrary Spark configuration property (repeatable).
  --properties-file FILE      Path to a file from which to load extra properties. Without
                              --load-spark-defaults it replaces conf/spark-defaults.conf.
  --load-spark-defaults       Also load conf/spark-defaults.conf when --properties-file is given.
  --driver-memory MEM         Memory for driver (e.g. 1000M, 2G) (Default: 1024M).
  --driver-java-options       Extra Java options to pass to the driver.
  --driver-library-path       Extra library path entries to pass to the driver.
  --driver-class-path         Extra class path entries to pass to the driver.
  --driver-cores NUM          Number of cores used by the driver (Default: 1).
  --executor-memory MEM       Memory per executor (e.g. 1000M, 2G) (Default: 1G).
  --executor-cores NUM        Number of cores per executor (Default: 1).
  --num-executors NUM         Number of executors to launch (Default: 2).
  --total-executor-cores NUM  Total cores for all executors (spark.cores.max).
  --queue QUEUE_NAME          The Armada queue to submit to (spark.armada.queue).
  --supervise, --principal, --keytab, --proxy-user, --remote
                              Accepted for compatibility; not supported yet.
  --kill SUBMISSION_ID        Kill the application: SUBMISSION_ID is <queue>:<job set id>, or a
                              job set id in queue "default" (as 'armada-spark kill').
  --status SUBMISSION_ID      Show the application's status (as 'armada-spark status').
  --verbose, -v               Print the resolved configuration and where each value came from.
  --help, -h                  Show this help message and exit.
  --version                   Print the version and the supported Spark versions.

armada-spark additions:
  --dry-run                   Print the Armada requests that would be submitted, and exit.
  -o, --output yaml|json      Output format of --dry-run and --list-keys (default yaml / text).
  --no-wait                   Exit once submitted instead of following the driver
                              (spark.armada.driver.watchEnabled=false).
  --list-keys                 List every configuration key armada-spark knows, and exit.

Configuration is read from spark-defaults.conf ($SPARK_CONF_DIR, else $SPARK_HOME/conf), then
--properties-file, then --conf, then the flags above (later wins). Auth tokens come from the
ARMADA_AUTH_TOKEN environment variable or spark.armada.auth.script.path, never from --conf.
`;

/** Reads a file as text; undefined if it does not exist. */
export const readTextFile: ReadTextFile = (path) => {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
};

export async function submitCommand(args: string[], env: Env = process.env): Promise<number> {
  try {
    const command = resolveSubmitCommand(args, env, readTextFile);
    switch (command.action) {
      case "help":
        process.stdout.write(submitUsage);
        return 0;
      case "version":
        process.stdout.write(`armada-spark ${ownVersion()}\nSpark versions: ${supportedSparkVersions}\n`);
        return 0;
      case "list-keys": {
        const { listKeys, renderKeys } = await import("./keys.js");
        process.stdout.write(renderKeys(listKeys(), command.output === "json" ? "json" : "text"));
        return 0;
      }
      case "kill":
      case "status":
        return await forwardSubmissionOperation(command.action, command.target, args, env);
      case "submit":
        break;
    }
    const { submission, options } = command;
    for (const w of submission.warnings) process.stderr.write(`warning: ${w}\n`);
    if (options.verbose) process.stderr.write(describeSubmission(submission));
    if (options.dryRun) {
      const [{ renderDryRun }, { loadPlanTemplates, planIds }] = await Promise.all([
        import("../plan/dry-run.js"),
        import("./plan-inputs.js"),
      ]);
      const out = await renderDryRun(
        submission,
        options.output ?? "yaml",
        planIds(env),
        await loadPlanTemplates(submission.conf),
      );
      for (const w of out.warnings) process.stderr.write(`warning: ${w}\n`);
      process.stdout.write(out.text);
      return 0;
    }
    const { runApplication } = await import("./run-application.js");
    return await runApplication(
      submission,
      { noWait: options.noWait, json: options.output === "json" },
      {
        stdout: process.stdout,
        stderr: process.stderr,
        signal: interruptSignal(),
      },
    );
  } catch (e) {
    if (
      e instanceof ConfError ||
      e instanceof UsageError ||
      (e instanceof Error && e.name === "TemplateError")
    ) {
      process.stderr.write(`armada-spark-submit: error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/**
 * spark-submit's `--kill ID` / `--status ID`: ID is `<queue>:<job set id>` (as Kubernetes'
 * `<namespace>:<driver pod>`) or a job set id in the default queue; --master as for submission.
 */
async function forwardSubmissionOperation(
  action: "kill" | "status",
  target: string,
  args: string[],
  env: Env,
): Promise<number> {
  const colon = target.indexOf(":");
  const [queue, jobSetId] =
    colon > 0 ? [target.slice(0, colon), target.slice(colon + 1)] : [undefined, target];
  const masterIndex = args.findIndex((a) => a === "--master" || a.startsWith("--master="));
  const master =
    masterIndex < 0
      ? env["MASTER"]
      : args[masterIndex]!.startsWith("--master=")
        ? args[masterIndex]!.slice("--master=".length)
        : args[masterIndex + 1];
  const argv = [jobSetId, ...(master ? ["--master", master] : []), ...(queue ? ["--queue", queue] : [])];
  if (action === "kill") return (await import("./kill.js")).killCommand(argv);
  return (await import("./status.js")).statusCommand(argv);
}

/** Aborted on the first Ctrl-C / SIGTERM, so following stops cleanly (the application keeps running). */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return controller.signal;
}

function ownVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}
