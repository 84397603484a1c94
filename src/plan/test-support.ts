// Test helpers for the plan's unit tests: real configuration resolution from a command line.
import { resolveSubmission } from "../conf/resolve.js";
import type { Submission } from "../conf/submission.js";

/** The seed document's example (our example jar and class), options first so tests can add --conf. */
export function seedArgs(...extra: string[]): string[] {
  return [
    "--master",
    "armada://localhost:50051",
    "--deploy-mode",
    "cluster",
    "--name",
    "spark-pi",
    "--class",
    "io.armadaproject.spark.examples.SparkPi",
    "--conf",
    "spark.Executor.instances=4",
    "--conf",
    "spark.kubernetes.container.image=armada-spark",
    "--conf",
    "spark.armada.lookouturl=http://localhost:30000",
    "--conf",
    "spark.armada.clusterSelectors=armada-spark=true",
    ...extra,
    "local:///opt/spark/jars/armada-spark-examples.jar",
  ];
}

export function submissionOf(argv: readonly string[]): Submission {
  return resolveSubmission(argv, {}, () => undefined);
}

/** The seed example with extra `--conf k=v` settings. */
export function seedWith(confs: Record<string, string>, ...flags: string[]): Submission {
  return submissionOf(
    seedArgs(...flags, ...Object.entries(confs).flatMap(([k, v]) => ["--conf", `${k}=${v}`])),
  );
}
