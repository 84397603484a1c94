// The armada-spark-submit command line of the Pi examples as the end-to-end tests and the submit
// benchmark run them: a driver and two executors on the stock Spark image, in a named job set.
import { join } from "node:path";
import { armadaSparkJars, projectRoot } from "../../src/dev/spark-homes.js";

export const piClass = "io.armadaproject.spark.examples.SparkPi";
export const examplesJar = armadaSparkJars().examples;
export const pythonPi = join(projectRoot(), "examples", "python", "pi.py");

export interface PiSubmit {
  readonly master: string;
  readonly jobSetId: string;
  /** spark.app.name (`--name`). */
  readonly name: string;
  /** Further `key=value` settings, each given as `--conf`. */
  readonly extraConf?: readonly string[];
  /** Other options of the command (e.g. `--no-wait`, `-o json`, `--dry-run`). */
  readonly options?: readonly string[];
  /** The Java example (class in the examples jar, the default) or the Python one (pi.py). */
  readonly example?: "java" | "python";
  /** The application's own arguments (after the resource). */
  readonly appArgs?: readonly string[];
}

/** armada-spark-submit arguments (without the command itself) for a Pi example. */
export function piSubmitArgs(p: PiSubmit): string[] {
  const resource = p.example === "python" ? [pythonPi] : ["--class", piClass, examplesJar];
  return [
    "--master",
    p.master,
    "--deploy-mode",
    "cluster",
    "--name",
    p.name,
    "--conf",
    "spark.executor.instances=2",
    "--conf",
    "spark.armada.container.image=apache/spark:4.1.1",
    "--conf",
    `spark.armada.jobSetId=${p.jobSetId}`,
    ...(p.extraConf ?? []).flatMap((c) => ["--conf", c]),
    ...(p.options ?? []),
    ...resource,
    ...(p.appArgs ?? []),
  ];
}
