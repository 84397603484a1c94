// Spark-on-Kubernetes pod sizing (BasicDriverFeatureStep / BasicExecutorFeatureStep), as pure
// functions over numbers in MiB, so the formulas can be read and tested apart from configuration.

/** Spark's floor for the memory overhead (ResourceProfile.MEMORY_OVERHEAD_MIN_MIB; 4.x: spark.*.minMemoryOverhead). */
export const DEFAULT_MIN_OVERHEAD_MIB = 384;
/** Default overhead factor for JVM applications. */
export const JVM_OVERHEAD_FACTOR = 0.1;
/** Default overhead factor when the driver runs Python or R (non-JVM memory: the Python workers). */
export const NON_JVM_OVERHEAD_FACTOR = 0.4;

export interface OverheadFactorInputs {
  /** spark.driver.memoryOverheadFactor / spark.executor.memoryOverheadFactor, if set. */
  roleFactor?: number;
  /** spark.kubernetes.memoryOverheadFactor, if set. */
  kubernetesFactor?: number;
  /** A Python or R application. */
  nonJvm: boolean;
}

/**
 * The overhead factor. Spark picks the role's own factor, else the Kubernetes one, else 0.1; for a
 * non-JVM application without an explicit factor the driver uses 0.4 and passes it on to the
 * executors (through spark.kubernetes.memoryOverheadFactor), so both roles get 0.4.
 */
export function overheadFactor(i: OverheadFactorInputs): number {
  if (i.roleFactor !== undefined) return i.roleFactor;
  if (i.kubernetesFactor !== undefined) return i.kubernetesFactor;
  return i.nonJvm ? NON_JVM_OVERHEAD_FACTOR : JVM_OVERHEAD_FACTOR;
}

/** overhead = explicit spark.*.memoryOverhead, else max(floor(factor x memory), minimum). */
export function memoryOverheadMiB(
  memoryMiB: number,
  factor: number,
  explicitMiB?: number,
  minMiB?: number,
): number {
  if (explicitMiB !== undefined) return explicitMiB;
  return Math.max(Math.floor(factor * memoryMiB), minMiB ?? DEFAULT_MIN_OVERHEAD_MIB);
}

export interface PodMemoryInputs {
  /** spark.driver.memory / spark.executor.memory (the JVM heap). */
  heapMiB: number;
  overheadMiB: number;
  /** Executors only: spark.memory.offHeap.size when spark.memory.offHeap.enabled. */
  offHeapMiB?: number;
  /** Executors of Python applications only: spark.executor.pyspark.memory. */
  pysparkMiB?: number;
}

/** The container memory: heap + overhead (+ off-heap + PySpark worker memory on executors). */
export function podMemoryMiB(i: PodMemoryInputs): number {
  return i.heapMiB + i.overheadMiB + (i.offHeapMiB ?? 0) + (i.pysparkMiB ?? 0);
}
