/** What process a container becomes, given the local runtime its image maps to. Pure. */

export type LocalRuntime =
  | { readonly kind: "host" }
  | {
      readonly kind: "spark";
      readonly sparkHome: string;
      /** image/entrypoint-local.sh: the local stand-in for the Spark image's entrypoint. */
      readonly entrypoint: string;
      /** Jars the image would have in /opt/spark/jars (only those that exist). */
      readonly jars: readonly string[];
    };

export interface ProcessPlan {
  readonly file: string;
  readonly args: readonly string[];
  /** The "image's" environment: the container's own env overrides it. */
  readonly imageEnv: Readonly<Record<string, string>>;
  /** Facts of this machine the container's env cannot override. */
  readonly forcedEnv: Readonly<Record<string, string>>;
}

export type ProcessPlanResult =
  ({ readonly ok: true } & ProcessPlan) | { readonly ok: false; readonly error: string };

/**
 * Kubernetes semantics: `command` replaces the image's entrypoint and `args` are its arguments;
 * without `command`, `args` go to the entrypoint. A Spark image's entrypoint is
 * `bash image/entrypoint-local.sh`; a host "image" has no entrypoint, so its first arg is the
 * program (found on PATH).
 */
export function planProcess(
  image: string,
  command: readonly string[],
  args: readonly string[],
  runtime: LocalRuntime,
): ProcessPlanResult {
  const imageEnv: Record<string, string> = {};
  const forcedEnv: Record<string, string> = {};
  if (runtime.kind === "spark") {
    imageEnv.SPARK_HOME = runtime.sparkHome;
    imageEnv.ARMADA_SPARK_JARS = runtime.jars.join(":");
    forcedEnv.SPARK_HOME = runtime.sparkHome;
  }
  const [first, ...rest] = command;
  if (first !== undefined) return { ok: true, file: first, args: [...rest, ...args], imageEnv, forcedEnv };
  if (runtime.kind === "spark") {
    return { ok: true, file: "bash", args: [runtime.entrypoint, ...args], imageEnv, forcedEnv };
  }
  const [program, ...programArgs] = args;
  if (program === undefined) {
    return {
      ok: false,
      error: `image "${image}" runs on the host, which has no entrypoint: give the container a command or args`,
    };
  }
  return { ok: true, file: program, args: programArgs, imageEnv, forcedEnv };
}
