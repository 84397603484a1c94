// Test helpers for the plan's unit tests, the dry-run end-to-end test and the dry-run benchmark:
// the seed document's example command line, and real configuration resolution from one.
import { resolveSubmission } from "../conf/resolve.js";
import type { Submission } from "../conf/submission.js";

export interface SeedOptions {
  /** `spark.executor.instances`; without it, the seed's own deprecated `spark.Executor.instances=4`. */
  readonly executors?: number;
  /** Options placed after the seed's and before the application resource (e.g. `--conf k=v`). */
  readonly extra?: readonly string[];
  /** Starts the command line with `--dry-run`. */
  readonly dryRun?: boolean;
}

/** The seed document's example (our example jar and class), as armada-spark-submit arguments. */
export function seedArgs(options: SeedOptions = {}): string[] {
  const executors =
    options.executors === undefined
      ? "spark.Executor.instances=4"
      : `spark.executor.instances=${options.executors}`;
  return [
    ...(options.dryRun ? ["--dry-run"] : []),
    "--master",
    "armada://localhost:50051",
    "--deploy-mode",
    "cluster",
    "--name",
    "spark-pi",
    "--class",
    "io.armadaproject.spark.examples.SparkPi",
    "--conf",
    executors,
    "--conf",
    "spark.kubernetes.container.image=armada-spark",
    "--conf",
    "spark.armada.lookouturl=http://localhost:30000",
    "--conf",
    "spark.armada.clusterSelectors=armada-spark=true",
    ...(options.extra ?? []),
    "local:///opt/spark/jars/armada-spark-examples.jar",
  ];
}

export function submissionOf(argv: readonly string[]): Submission {
  return resolveSubmission(argv, {}, () => undefined);
}

/** The seed example with extra `--conf k=v` settings. */
export function seedWith(confs: Record<string, string>, ...flags: string[]): Submission {
  return submissionOf(
    seedArgs({ extra: [...flags, ...Object.entries(confs).flatMap(([k, v]) => ["--conf", `${k}=${v}`])] }),
  );
}
