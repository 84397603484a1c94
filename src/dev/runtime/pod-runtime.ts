/**
 * The pod runtime of `armada-spark dev`: the interface the embedded server calls to run a
 * scheduled pod, and the model behind it.
 *
 * Model
 * -----
 * A pod is a set of local processes, not a container. For each pod the runtime:
 * - allocates its own loopback address 127.x.y.z (never 127.0.0.1, never 127.0.0.0/16 where
 *   distributions put the host's own names); released when the pod ends;
 * - creates a pod directory `<stateDir>/pods/<podName>/` (emptied if a previous run left one):
 *   `containers/<name>/` is each container's working directory ("its filesystem"),
 *   `volumes/<volume>/` holds emptyDir and downwardAPI volumes, `logs/<container>.log` holds
 *   the container's stdout and stderr interleaved (what `kubectl logs` would show), and
 *   `termination/<container>` is its termination message file (created empty, as the kubelet
 *   does; given as `ARMADA_SPARK_TERMINATION_MESSAGE_PATH`);
 * - registers the pod's service names (auto `armada-<jobId>-0-service-<n>` and custom names) in
 *   ONE hosts file `<stateDir>/hosts` (atomically rewritten), which every container gets as
 *   `ARMADA_DEV_HOSTS_FILE`; JVMs read it through `-Djdk.net.hosts.file`, which replaces name
 *   resolution entirely, so it also lists `localhost` and the machine's host name;
 * - runs the init containers one after another (each must exit 0), then all containers at once.
 *   The pod succeeds when every container exits 0 and fails as soon as one exits non-zero (the
 *   others then get SIGTERM, and SIGKILL after the grace period).
 *
 * Each container is one process started in its own process group (detached), so a signal to
 * the group reaches the whole tree it forks. When a container's main process exits, what is
 * left of its group is killed, as Kubernetes tears a container down when its PID 1 exits.
 * There are no cgroups here; a process that leaves its group (setsid, setpgid — PySpark's
 * worker daemon does) is still found through the environment variable `ARMADA_DEV_CONTAINER_ID`
 * every process of the container inherits (Linux /proc), and killed with the container.
 *
 * Environment (lowest to highest precedence): a few host variables (PATH, HOME, JAVA_HOME, ...:
 * the "image" of a local process), the image runtime's variables (SPARK_HOME ... for Spark
 * images), the container's `env` (values and downward-API `fieldRef`s, `$(VAR)` expanded as
 * Kubernetes does), then `PodLaunch.extraEnv` for names the container does not define.
 * `ARMADA_DEV_HOSTS_FILE`, `ARMADA_SPARK_TERMINATION_MESSAGE_PATH` and, for Spark images,
 * `SPARK_HOME` are always the runtime's; `HOSTNAME` is the pod name unless the container sets it.
 *
 * Volume mounts cannot be bind-mounted (no chroot), so a mount path is rewritten: wherever the
 * mount path appears at a path boundary in `command`, `args`, env values or `workingDir`, it is
 * replaced by the volume's real directory (longest mount path first). A mount of `/` is refused.
 *
 * Images map to local runtimes by configuration (see `ImageRule`): "spark" runs
 * `image/entrypoint-local.sh <args>` (or `command` + `args` when the container has a command,
 * as Kubernetes does) with Spark's environment; "host" runs `command` + `args` (or `args` alone)
 * with the host's own tools, found on PATH. Images whose name contains `spark` map to Spark by
 * default; everything else maps to the host.
 *
 * Events: `pending` once the address is assigned and the pod is being set up, `running` when
 * the main containers start, then exactly one of `succeeded` / `failed`. After `cancel()` or
 * `shutdown()` the runtime reports nothing more for that pod (the caller decided its outcome);
 * `done` resolves once none of its processes is left.
 */

/** The parts of a Kubernetes PodSpec the runtime reads. The generated protobuf-es `PodSpec`
 * (src/armada/gen/k8s.io/api/core/v1/generated_pb.ts) is assignable to it, and so is a plain
 * object in the proto JSON shape with quantities as `{ string: "1Gi" }` or plain strings. */
export interface PodSpecView {
  readonly containers?: readonly ContainerView[];
  readonly initContainers?: readonly ContainerView[];
  readonly volumes?: readonly VolumeView[];
  /** int64 in the proto (bigint in protobuf-es); unset or 0 means the default, 30 s. */
  readonly terminationGracePeriodSeconds?: bigint | number | string;
  readonly serviceAccountName?: string;
}

export interface ContainerView {
  readonly name?: string;
  readonly image?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly workingDir?: string;
  readonly env?: readonly EnvVarView[];
  readonly envFrom?: readonly unknown[];
  readonly volumeMounts?: readonly VolumeMountView[];
  readonly resources?: {
    readonly limits?: Readonly<Record<string, QuantityView>>;
    readonly requests?: Readonly<Record<string, QuantityView>>;
  };
}

export type QuantityView = string | { readonly string?: string };

export interface EnvVarView {
  readonly name?: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly fieldRef?: { readonly fieldPath?: string };
    readonly resourceFieldRef?: ResourceFieldRefView;
    readonly configMapKeyRef?: { readonly name?: string; readonly key?: string; readonly optional?: boolean };
    readonly secretKeyRef?: { readonly name?: string; readonly key?: string; readonly optional?: boolean };
  };
}

export interface ResourceFieldRefView {
  readonly containerName?: string;
  readonly resource?: string;
  readonly divisor?: QuantityView;
}

export interface VolumeMountView {
  readonly name?: string;
  readonly mountPath?: string;
  readonly subPath?: string;
  readonly readOnly?: boolean;
}

export interface VolumeView {
  readonly name?: string;
  readonly volumeSource?: {
    readonly emptyDir?: object;
    readonly downwardAPI?: {
      readonly items?: readonly {
        readonly path?: string;
        readonly fieldRef?: { readonly fieldPath?: string };
        readonly resourceFieldRef?: ResourceFieldRefView;
      }[];
    };
    readonly hostPath?: { readonly path?: string };
  } & Record<string, unknown>;
}

/** One scheduled pod, as the server hands it to the runtime. */
export interface PodLaunch {
  readonly jobId: string;
  readonly runId: string;
  readonly queue: string;
  readonly jobSetId: string;
  readonly namespace: string;
  readonly podNumber: number;
  /** `armada-<jobId>-<podNumber>` */
  readonly podName: string;
  readonly clusterId: string;
  readonly nodeName: string;
  readonly podSpec: PodSpecView;
  /** Armada's pod labels/annotations already added by the server. */
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** ARMADA_* and gang variables; a name the container defines itself is not overridden. */
  readonly extraEnv: Readonly<Record<string, string>>;
  /** Service names that must resolve to this pod's address. */
  readonly services: readonly { readonly name: string; readonly ports: readonly number[] }[];
}

export interface ContainerStatus {
  readonly name: string;
  /** The process's exit code, or 128 + signal number when a signal ended it. */
  readonly exitCode: number;
  /** `Completed`, `Error`, `StartError`, `CreateContainerConfigError`, ... */
  readonly reason: string;
  /** What the container wrote to its termination message file; else, when it failed, the last
   * few hundred bytes of its stderr; or why it could not start. */
  readonly message: string;
}

export type PodLifecycleEvent =
  | { readonly kind: "pending"; readonly podIp: string }
  | { readonly kind: "running"; readonly podIp: string }
  | { readonly kind: "succeeded" }
  | {
      readonly kind: "failed";
      readonly reason: string;
      readonly containerStatuses: readonly ContainerStatus[];
    };

export interface PodHandle {
  readonly podName: string;
  readonly podIp: string;
  /** Stops the pod: SIGTERM to every process group, SIGKILL after the grace period (default:
   * the pod's terminationGracePeriodSeconds, else 30 s). No further events are reported.
   * Resolves when no process of the pod is left (same as `done`). */
  cancel(gracePeriodSeconds?: number): Promise<void>;
  /** Resolves when the pod has ended (any outcome) and none of its processes is left. */
  readonly done: Promise<void>;
}

export interface PodRuntime {
  /** The hosts file every container gets as ARMADA_DEV_HOSTS_FILE (print it for users). */
  readonly hostsFilePath: string;
  /** Starts the pod; events arrive asynchronously (never before `start` returns). */
  start(launch: PodLaunch, onEvent: (event: PodLifecycleEvent) => void): PodHandle;
  /** The container's log file (stdout + stderr) of the job's latest pod: known as soon as
   * `start` returns (the file appears when the container starts; an init container that never
   * ran has none), or found on disk for pods of an earlier run; else undefined. */
  logPath(jobId: string, container: string, podNumber?: number): string | undefined;
  /** Stops every pod (SIGTERM, then SIGKILL after at most `gracePeriodSeconds`, default 5)
   * and resolves when no pod process is left. Used on SIGINT/SIGTERM of the server. */
  shutdown(gracePeriodSeconds?: number): Promise<void>;
}

/** How container images map to local runtimes. The first matching rule wins; then the
 * defaults (an image whose name contains "spark" -> spark); anything else runs on the host.
 * `match` is a glob over the whole image reference (`*` any characters, `?` one character),
 * or a regular expression written as `/.../flags`. */
export type ImageRule =
  | {
      readonly match: string;
      readonly runtime: "spark";
      /** A version listed in .spark/homes.json; default: the image tag's version when that
       * version (or its major.minor) is installed, else homes.json's default. */
      readonly sparkVersion?: string;
    }
  | { readonly match: string; readonly runtime: "host" };

export interface RuntimeConfig {
  readonly images?: readonly ImageRule[];
  /** Host environment variables passed to every container, in addition to the defaults
   * (PATH, HOME, USER, LOGNAME, LANG, LC_ALL, TZ, TMPDIR, JAVA_HOME, PYSPARK_PYTHON, ...). */
  readonly inheritEnv?: readonly string[];
}

export interface PodRuntimeOptions {
  /** Root of the runtime's files: `<stateDir>/hosts`, `<stateDir>/pods/<podName>/`. */
  readonly stateDir: string;
  readonly config?: RuntimeConfig;
  /** Where `image/entrypoint-local.sh`, `.spark/homes.json` and `jvm/**` live; default: the
   * project this module is installed in. */
  readonly projectRoot?: string;
  /** The host environment the inherited variables come from; default `process.env`. */
  readonly hostEnv?: Readonly<Record<string, string | undefined>>;
  /**
   * The first pod address (127.a.b.c). Default: a random 127.a.0.1, so two embedded Armadas on
   * one machine (tests, or a user's two state directories) do not hand out the same addresses.
   */
  readonly firstPodAddress?: string;
}

export { createPodRuntime } from "./local-pod-runtime.js";
