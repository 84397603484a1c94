// The random parts of a plan, chosen at the edge and injected, so the plan itself is deterministic.
import { randomBytes, randomUUID } from "node:crypto";

/** Stands for the driver's job id, which Armada assigns, until it is known (and in dry runs). */
export const driverJobIdPlaceholder = "<driver-job-id>";

export interface PlanIds {
  /** spark.app.id when the user did not set one; Spark's Kubernetes form `spark-<32 hex>`. */
  appId: string;
  /** armadaproject.io/gangId. */
  gangId: string;
  /** Prefix of every item's clientId, unique per submission (Armada deduplicates retries on clientId). */
  submissionId: string;
  /** Appended to spark.armada.driver.serviceNamePrefix to make the custom driver service name unique. */
  serviceNameSuffix: string;
}

export function randomPlanIds(): PlanIds {
  return {
    appId: `spark-${randomUUID().replaceAll("-", "")}`,
    gangId: randomUUID(),
    submissionId: randomUUID(),
    serviceNameSuffix: randomSuffix(8),
  };
}

/**
 * Fixed ids for reproducible output: tests and golden files (ARMADA_SPARK_FIXED_IDS=1). Not for
 * real submissions: Armada would deduplicate every item against the first submission.
 */
export function fixedPlanIds(): PlanIds {
  return {
    appId: "spark-00000000000000000000000000000001",
    gangId: "00000000-0000-0000-0000-000000000002",
    submissionId: "00000000-0000-0000-0000-000000000003",
    serviceNameSuffix: "00000004",
  };
}

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

function randomSuffix(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  // 256 % 36 != 0 gives a slight bias; irrelevant for uniqueness of a name suffix.
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
