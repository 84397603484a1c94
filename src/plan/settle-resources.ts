// Pod resources for a role from Spark's own settings, with Spark-on-Kubernetes formulas (sizing.ts),
// then the spark.armada.{driver,executor}.{request,limit}.{cores,memory} overrides. Requests equal
// limits unless the user explicitly asks otherwise; then the values pass through unchanged with a
// warning, because Armada's default validation rejects them (some installations allow it).
import { keys } from "../conf/keys.js";
import type { ResolvedConf } from "../conf/resolved-conf.js";
import type { AppLanguage } from "../conf/submission.js";
import type { ResourceRequirements, Role } from "./model.js";
import { sameQuantity } from "../conf/quantity.js";
import { toMiB } from "../conf/value-types.js";
import { memoryOverheadMiB, overheadFactor, podMemoryMiB } from "./sizing.js";

export interface SettledResources {
  resources: ResourceRequirements;
  /** The JVM heap in MiB (SPARK_EXECUTOR_MEMORY for executors). */
  heapMiB: number;
  /** Cores Spark itself uses (spark.{driver,executor}.cores). */
  sparkCores: number;
  warnings: string[];
}

const roleKeys = {
  driver: {
    memory: keys.driverMemory,
    cores: keys.driverCores,
    overhead: keys.driverMemoryOverhead,
    factor: keys.driverMemoryOverheadFactor,
    minOverhead: keys.driverMinMemoryOverhead,
    k8sRequestCores: keys.kubernetesDriverRequestCores,
    k8sLimitCores: keys.kubernetesDriverLimitCores,
    requestCores: keys.driverRequestCores,
    limitCores: keys.driverLimitCores,
    requestMemory: keys.driverRequestMemory,
    limitMemory: keys.driverLimitMemory,
  },
  executor: {
    memory: keys.executorMemory,
    cores: keys.executorCores,
    overhead: keys.executorMemoryOverhead,
    factor: keys.executorMemoryOverheadFactor,
    minOverhead: keys.executorMinMemoryOverhead,
    k8sRequestCores: keys.kubernetesExecutorRequestCores,
    k8sLimitCores: keys.kubernetesExecutorLimitCores,
    requestCores: keys.executorRequestCores,
    limitCores: keys.executorLimitCores,
    requestMemory: keys.executorRequestMemory,
    limitMemory: keys.executorLimitMemory,
  },
} as const;

export function settleResources(role: Role, conf: ResolvedConf, language: AppLanguage): SettledResources {
  const k = roleKeys[role];
  const heapMiB = toMiB(conf.get(k.memory) ?? 1024 * 2 ** 20);
  const factor = overheadFactor({
    roleFactor: conf.get(k.factor),
    kubernetesFactor: conf.get(keys.kubernetesMemoryOverheadFactor),
    nonJvm: language !== "java",
  });
  const explicitOverhead = conf.get(k.overhead);
  const minOverhead = conf.get(k.minOverhead);
  const overheadMiB = memoryOverheadMiB(
    heapMiB,
    factor,
    explicitOverhead === undefined ? undefined : toMiB(explicitOverhead),
    minOverhead === undefined ? undefined : toMiB(minOverhead),
  );
  let offHeapMiB = 0;
  let pysparkMiB = 0;
  if (role === "executor") {
    if (conf.get(keys.offHeapEnabled)) offHeapMiB = toMiB(conf.get(keys.offHeapSize) ?? 0);
    const pyspark = conf.get(keys.executorPysparkMemory);
    if (language === "python" && pyspark !== undefined) pysparkMiB = toMiB(pyspark);
  }
  const memory = `${podMemoryMiB({ heapMiB, overheadMiB, offHeapMiB, pysparkMiB })}Mi`;
  const sparkCores = conf.get(k.cores) ?? 1;
  const k8sCpuRequest = conf.get(k.k8sRequestCores) ?? String(sparkCores);

  const warnings: string[] = [];
  const cpu = pair(
    role,
    "cpu",
    { name: k.requestCores.name, value: conf.get(k.requestCores) },
    { name: k.limitCores.name, value: conf.get(k.limitCores) },
    // Spark's own request/limit keys come next, then the computed default.
    { name: k.k8sRequestCores.name, value: k8sCpuRequest },
    { name: k.k8sLimitCores.name, value: conf.get(k.k8sLimitCores) },
    warnings,
  );
  const mem = pair(
    role,
    "memory",
    { name: k.requestMemory.name, value: conf.get(k.requestMemory) },
    { name: k.limitMemory.name, value: conf.get(k.limitMemory) },
    { name: "Spark's memory settings", value: memory },
    { name: "Spark's memory settings", value: undefined },
    warnings,
  );
  return {
    resources: {
      requests: { cpu: cpu.request, memory: mem.request },
      limits: { cpu: cpu.limit, memory: mem.limit },
    },
    heapMiB,
    sparkCores,
    warnings,
  };
}

interface Named {
  name: string;
  value: string | undefined;
}

/**
 * request = the override request, else the override limit, else the computed value; the limit
 * likewise the other way round. A mismatch only arises from two explicit settings.
 */
function pair(
  role: Role,
  resource: "cpu" | "memory",
  request: Named,
  limit: Named,
  fallbackRequest: Named & { value: string },
  fallbackLimit: Named,
  warnings: string[],
): { request: string; limit: string } {
  const overridden = request.value !== undefined || limit.value !== undefined;
  const req: Named = overridden ? (request.value !== undefined ? request : limit) : fallbackRequest;
  const lim: Named = overridden
    ? limit.value !== undefined
      ? limit
      : request
    : fallbackLimit.value !== undefined
      ? fallbackLimit
      : fallbackRequest;
  const r = req.value!;
  const l = lim.value!;
  if (!sameQuantity(r, l)) {
    warnings.push(
      `${role} ${resource}: request ${r} (${req.name}) differs from limit ${l} (${lim.name}); ` +
        `passed through as asked, but Armada's default configuration requires requests to equal ` +
        `limits and rejects the job unless the server allows oversubscription`,
    );
  }
  return { request: r, limit: l };
}
