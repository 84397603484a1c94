import { existsSync, statSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, hostname, totalmem } from "node:os";
import { dirname, isAbsolute, join, normalize, resolve } from "node:path";
import { ContainerProcess, type ProcessExit, type ProcessSpec } from "./container-process.js";
import { containerEnv } from "./container-env.js";
import { resolveFieldPath, resolveResourceField, type NodeCapacity, type PodFacts } from "./downward-api.js";
import { HostsRegistry } from "./hosts-registry.js";
import { armadaSparkJars, projectRoot, readSparkHomes } from "../spark-homes.js";
import { chooseSpark, mapImage } from "./image-mapping.js";
import { LoopbackAllocator } from "./loopback-allocator.js";
import { normalizeMountPath, rewritePaths, type PathMapping } from "./mount-paths.js";
import type {
  ContainerStatus,
  ContainerView,
  PodHandle,
  PodLaunch,
  PodLifecycleEvent,
  PodRuntime,
  PodRuntimeOptions,
  RuntimeConfig,
} from "./pod-runtime.js";
import { planProcess, type LocalRuntime } from "./process-plan.js";
import { expandVars } from "./var-expansion.js";

/** Host variables every container inherits: what an image would provide (tools, Java, locale). */
export const defaultInheritedEnv: readonly string[] = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "LC_ALL",
  "LC_CTYPE",
  "TZ",
  "TMPDIR",
  "JAVA_HOME",
  "PYSPARK_PYTHON",
  "PYSPARK_DRIVER_PYTHON",
];

const DEFAULT_GRACE_SECONDS = 30;
const DEFAULT_SHUTDOWN_GRACE_SECONDS = 5;
/** How much of a failed container's stderr becomes its status message. */
const MESSAGE_CHARS = 400;

/** Creates the local-process pod runtime (see pod-runtime.ts for the model). */
export function createPodRuntime(options: PodRuntimeOptions): PodRuntime {
  return new LocalPodRuntime(options);
}

/** Last resort if the server exits without shutdown(): SIGKILL every pod process group. */
const liveRuntimes = new Set<LocalPodRuntime>();
function killAllNow(): void {
  for (const runtime of liveRuntimes) runtime.killNow();
}

/** What every pod of one runtime shares. */
interface RuntimeContext {
  readonly stateDir: string;
  readonly projectRoot: string;
  readonly config: RuntimeConfig;
  readonly hostsFilePath: string;
  readonly inheritedEnv: Readonly<Record<string, string>>;
  readonly node: NodeCapacity;
}

class LocalPodRuntime implements PodRuntime {
  readonly hostsFilePath: string;
  private readonly context: RuntimeContext;
  private readonly hosts: HostsRegistry;
  private readonly allocator: LoopbackAllocator;
  private readonly pods = new Set<LocalPod>();
  /** `<jobId>/<podNumber>` -> the containers of the latest pod started for it. */
  private readonly started = new Map<string, ReadonlySet<string>>();
  private shuttingDown = false;

  constructor(options: PodRuntimeOptions) {
    const stateDir = resolve(options.stateDir);
    this.hostsFilePath = join(stateDir, "hosts");
    this.hosts = new HostsRegistry(this.hostsFilePath, hostname());
    this.allocator = new LoopbackAllocator(options.firstPodAddress ?? randomFirstPodAddress());
    const config = options.config ?? {};
    const hostEnv = options.hostEnv ?? process.env;
    const inheritedEnv: Record<string, string> = {};
    for (const name of [...defaultInheritedEnv, ...(config.inheritEnv ?? [])]) {
      const value = hostEnv[name];
      if (value !== undefined) inheritedEnv[name] = value;
    }
    this.context = {
      stateDir,
      projectRoot: options.projectRoot ?? projectRoot(),
      config,
      hostsFilePath: this.hostsFilePath,
      inheritedEnv,
      node: { cpu: cpus().length, memory: totalmem(), "ephemeral-storage": 0 },
    };
    liveRuntimes.add(this);
    if (liveRuntimes.size === 1) process.on("exit", killAllNow);
  }

  start(launch: PodLaunch, onEvent: (event: PodLifecycleEvent) => void): PodHandle {
    if (this.shuttingDown) throw new Error(`pod runtime is shutting down: cannot start ${launch.podName}`);
    const podIp = this.allocator.allocate();
    const hostsKey = `${launch.podName}/${launch.runId}`;
    const registerServices = (): void =>
      this.hosts.set(
        hostsKey,
        podIp,
        launch.services.map((s) => s.name),
      );
    const pod = new LocalPod(this.context, launch, podIp, onEvent, registerServices);
    const spec = launch.podSpec;
    this.started.set(
      `${launch.jobId}/${launch.podNumber}`,
      new Set([...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => c.name ?? "")),
    );
    this.pods.add(pod);
    void pod.done.finally(() => {
      this.pods.delete(pod);
      this.hosts.remove(hostsKey);
      this.allocator.release(podIp);
    });
    return {
      podName: launch.podName,
      podIp,
      cancel: (gracePeriodSeconds?: number) => pod.cancel(gracePeriodSeconds),
      done: pod.done,
    };
  }

  logPath(jobId: string, container: string, podNumber = 0): string | undefined {
    if (!isPathSegment(jobId) || !isPathSegment(container)) return undefined;
    const path = join(podDir(this.context, `armada-${jobId}-${podNumber}`), "logs", `${container}.log`);
    // A pod started by this runtime: its containers' paths, even before they write anything.
    if (this.started.get(`${jobId}/${podNumber}`)?.has(container)) return path;
    return existsSync(path) ? path : undefined; // e.g. a pod of an earlier server run
  }

  async shutdown(gracePeriodSeconds = DEFAULT_SHUTDOWN_GRACE_SECONDS): Promise<void> {
    this.shuttingDown = true;
    await Promise.all(
      [...this.pods].map((pod) => pod.cancel(Math.min(gracePeriodSeconds, pod.gracePeriodSeconds))),
    );
    liveRuntimes.delete(this);
    if (liveRuntimes.size === 0) process.off("exit", killAllNow);
  }

  /** Synchronous SIGKILL of every pod process group. */
  killNow(): void {
    for (const pod of this.pods) pod.killNow();
  }
}

type Prepared =
  | { readonly ok: true; readonly spec: ProcessSpec }
  | { readonly ok: false; readonly status: ContainerStatus };

/** One pod: sets up its directory, volumes and names, runs its containers, reports events. */
class LocalPod {
  readonly done: Promise<void>;
  readonly gracePeriodSeconds: number;
  private readonly dir: string;
  private readonly facts: PodFacts;
  private readonly volumeDirs = new Map<string, string>();
  private readonly running = new Set<ContainerProcess>();
  /** Set by cancel/shutdown: start nothing more, report nothing more. */
  private stopped = false;
  private finished = false;
  /** succeeded/failed is reported at most once. */
  private reportedEnd = false;
  private killAt: number | undefined;
  private killTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly context: RuntimeContext,
    private readonly launch: PodLaunch,
    readonly podIp: string,
    private readonly onEvent: (event: PodLifecycleEvent) => void,
    private readonly registerServices: () => void,
  ) {
    this.dir = podDir(context, launch.podName);
    const grace = Number(launch.podSpec.terminationGracePeriodSeconds ?? 0);
    this.gracePeriodSeconds = Number.isFinite(grace) && grace > 0 ? grace : DEFAULT_GRACE_SECONDS;
    this.facts = {
      podName: launch.podName,
      namespace: launch.namespace,
      uid: launch.runId,
      podIp,
      hostIp: "127.0.0.1",
      nodeName: launch.nodeName,
      serviceAccountName: launch.podSpec.serviceAccountName || "default",
      labels: launch.labels,
      annotations: launch.annotations,
    };
    this.done = this.run()
      .catch((err: unknown) => {
        this.emit({
          kind: "failed",
          reason: `armada-spark dev could not run the pod: ${err instanceof Error ? err.message : String(err)}`,
          containerStatuses: [],
        });
      })
      .finally(() => {
        this.finished = true;
        clearTimeout(this.killTimer);
      });
  }

  cancel(gracePeriodSeconds?: number): Promise<void> {
    this.stopped = true;
    this.terminate(gracePeriodSeconds ?? this.gracePeriodSeconds);
    return this.done;
  }

  /** Synchronous SIGKILL of everything (process exit hook). */
  killNow(): void {
    this.stopped = true;
    for (const proc of this.running) proc.signal("SIGKILL");
  }

  private emit(event: PodLifecycleEvent): void {
    if (this.stopped || this.reportedEnd) return;
    if (event.kind === "succeeded" || event.kind === "failed") this.reportedEnd = true;
    try {
      this.onEvent(event);
    } catch (err) {
      // The caller's bug must not turn into a second outcome for the pod.
      console.error(`armada-spark dev: pod event handler failed for ${this.launch.podName}:`, err);
    }
  }

  /** SIGTERM now, SIGKILL after the grace period; a later call may only shorten the deadline. */
  private terminate(gracePeriodSeconds: number): void {
    if (this.finished) return;
    const killAt = Date.now() + Math.max(0, gracePeriodSeconds) * 1000;
    if (this.killAt !== undefined && this.killAt <= killAt) return;
    this.killAt = killAt;
    for (const proc of this.running) proc.signal("SIGTERM");
    clearTimeout(this.killTimer);
    this.killTimer = setTimeout(() => {
      for (const proc of this.running) proc.signal("SIGKILL");
    }, killAt - Date.now());
  }

  private async run(): Promise<void> {
    await Promise.resolve(); // events never arrive before start() has returned
    this.emit({ kind: "pending", podIp: this.podIp });
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(join(this.dir, "logs"), { recursive: true });
    await mkdir(join(this.dir, "termination"), { recursive: true });
    const volumesError = await this.setUpVolumes();
    if (volumesError !== undefined) {
      this.emit({ kind: "failed", reason: volumesError, containerStatuses: [] });
      return;
    }
    this.registerServices();

    for (const container of this.launch.podSpec.initContainers ?? []) {
      if (this.stopped) return;
      const [status] = await this.runContainers([container]);
      if (status && status.exitCode !== 0) {
        this.emit({
          kind: "failed",
          reason: failureReason("init container", status),
          containerStatuses: [status],
        });
        return;
      }
    }
    if (this.stopped) return;
    const containers = this.launch.podSpec.containers ?? [];
    if (containers.length === 0) {
      this.emit({ kind: "failed", reason: "the pod spec has no containers", containerStatuses: [] });
      return;
    }
    this.emit({ kind: "running", podIp: this.podIp });
    const statuses = await this.runContainers(containers);
    if (this.stopped) return;
    const failed = statuses.find((s) => s.exitCode !== 0);
    if (failed) {
      this.emit({ kind: "failed", reason: failureReason("container", failed), containerStatuses: statuses });
    } else {
      this.emit({ kind: "succeeded" });
    }
  }

  /** Starts the containers together; the first non-zero exit stops the others (SIGTERM, then
   * SIGKILL after the grace period). Resolves with every container's status, in spec order. */
  private async runContainers(containers: readonly ContainerView[]): Promise<ContainerStatus[]> {
    const specs: ProcessSpec[] = [];
    for (const container of containers) {
      const prepared = await this.prepare(container);
      if (!prepared.ok) return [prepared.status]; // none of the pod's containers starts
      specs.push(prepared.spec);
    }
    if (this.stopped) return [];
    return Promise.all(
      specs.map(async (spec, index): Promise<ContainerStatus> => {
        const name = containers[index]?.name ?? "";
        const proc = new ContainerProcess(spec);
        this.running.add(proc);
        if (this.killAt !== undefined) proc.signal("SIGTERM"); // cancelled while starting
        const exit = await proc.exit;
        this.running.delete(proc);
        const status = containerStatus(
          name,
          exit,
          await readTerminationMessage(this.terminationMessagePath(name)),
        );
        if (status.exitCode !== 0 && !this.stopped) this.terminate(this.gracePeriodSeconds);
        return status;
      }),
    );
  }

  private terminationMessagePath(container: string): string {
    return join(this.dir, "termination", container);
  }

  private async prepare(container: ContainerView): Promise<Prepared> {
    const name = container.name ?? "";
    const configError = (message: string): Prepared => ({
      ok: false,
      status: { name, exitCode: 126, reason: "CreateContainerConfigError", message },
    });
    if (!isPathSegment(name)) return configError(`invalid container name "${name}"`);
    const containerDir = join(this.dir, "containers", name);
    await mkdir(containerDir, { recursive: true });
    // The kubelet creates the termination message file; the JVM's TerminationMessage only
    // writes to a file that exists (outside a pod there is none).
    await writeFile(this.terminationMessagePath(name), "");

    const mappings: PathMapping[] = [];
    for (const mount of container.volumeMounts ?? []) {
      const volumeDir = this.volumeDirs.get(mount.name ?? "");
      if (volumeDir === undefined)
        return configError(`volumeMount ${mount.name ?? ""}: no such volume in the pod`);
      const from = normalizeMountPath(mount.mountPath ?? "");
      if (from === undefined) {
        return configError(
          `volumeMount ${mount.name ?? ""}: mountPath "${mount.mountPath ?? ""}" is not supported`,
        );
      }
      const sub = mount.subPath ? normalize(mount.subPath) : "";
      if (isAbsolute(sub) || sub.startsWith(".."))
        return configError(`volumeMount ${mount.name}: bad subPath "${sub}"`);
      const to = sub ? join(volumeDir, sub) : volumeDir;
      await mkdir(to, { recursive: true });
      mappings.push({ from, to });
    }

    const env = containerEnv(container, this.facts, this.launch.extraEnv, this.context.node);
    if (!env.ok) return configError(env.error);
    // Expand first, then rewrite each final string once (a rewritten path is never rewritten again).
    const lookup = (v: string): string | undefined => env.env.get(v);
    const command = (container.command ?? []).map((s) => rewritePaths(expandVars(s, lookup), mappings));
    const args = (container.args ?? []).map((s) => rewritePaths(expandVars(s, lookup), mappings));
    const podEnv: Record<string, string> = {};
    for (const [k, v] of env.env) podEnv[k] = rewritePaths(v, mappings);

    const image = container.image ?? "";
    const runtime = this.localRuntime(image);
    if ("error" in runtime)
      return { ok: false, status: { name, exitCode: 127, reason: "StartError", message: runtime.error } };
    const plan = planProcess(image, command, args, runtime);
    if (!plan.ok)
      return { ok: false, status: { name, exitCode: 127, reason: "StartError", message: plan.error } };

    let cwd = containerDir;
    if (container.workingDir) {
      const wanted = rewritePaths(container.workingDir, mappings);
      if (wanted !== container.workingDir) {
        await mkdir(wanted, { recursive: true });
        cwd = wanted;
      } else if (isDirectory(wanted)) {
        cwd = wanted;
      }
    }
    return {
      ok: true,
      spec: {
        file: plan.file,
        args: plan.args,
        env: {
          ...this.context.inheritedEnv,
          ...plan.imageEnv,
          HOSTNAME: this.launch.podName,
          ...podEnv,
          ...plan.forcedEnv,
          ARMADA_DEV_HOSTS_FILE: this.context.hostsFilePath,
          // Kubernetes' terminationMessagePath, which a local process cannot have at /dev/termination-log.
          ARMADA_SPARK_TERMINATION_MESSAGE_PATH: this.terminationMessagePath(name),
        },
        cwd,
        logPath: join(this.dir, "logs", `${name}.log`),
      },
    };
  }

  private localRuntime(image: string): LocalRuntime | { error: string } {
    const mapping = mapImage(image, this.context.config.images);
    if (mapping.runtime === "host") return { kind: "host" };
    const root = this.context.projectRoot;
    let homes;
    try {
      homes = readSparkHomes(root); // read per pod: setup-spark.sh may run while the server does
    } catch (e) {
      return { error: (e as Error).message };
    }
    const spark = chooseSpark(image, mapping.sparkVersion, homes);
    if (!spark.ok) return { error: spark.error };
    const { clusterManager, examples } = armadaSparkJars(root);
    const jars = [clusterManager, examples].filter((jar) => existsSync(jar));
    return {
      kind: "spark",
      sparkHome: spark.sparkHome,
      entrypoint: join(root, "image", "entrypoint-local.sh"),
      jars,
    };
  }

  /** Creates emptyDir and downwardAPI volumes under the pod directory; hostPath volumes are the
   * host's own directories. Returns why the pod cannot run, if it cannot. */
  private async setUpVolumes(): Promise<string | undefined> {
    const spec = this.launch.podSpec;
    for (const volume of spec.volumes ?? []) {
      const name = volume.name ?? "";
      if (!isPathSegment(name)) return `invalid volume name "${name}"`;
      const source = volume.volumeSource ?? {};
      const dir = join(this.dir, "volumes", name);
      if (source.emptyDir) {
        await mkdir(dir, { recursive: true });
      } else if (source.downwardAPI) {
        await mkdir(dir, { recursive: true });
        for (const item of source.downwardAPI.items ?? []) {
          const path = normalize(item.path ?? "");
          if (path === "." || isAbsolute(path) || path.startsWith("..")) {
            return `volume ${name}: invalid downwardAPI item path "${item.path ?? ""}"`;
          }
          let resolved;
          if (item.fieldRef) {
            resolved = resolveFieldPath(item.fieldRef.fieldPath ?? "", this.facts, true);
          } else if (item.resourceFieldRef) {
            const containerName = item.resourceFieldRef.containerName ?? "";
            const container = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find(
              (c) => c.name === containerName,
            );
            resolved = container
              ? resolveResourceField(item.resourceFieldRef, container, this.context.node)
              : { ok: false as const, error: `resourceFieldRef: no container "${containerName}"` };
          } else {
            resolved = { ok: false as const, error: "item has neither fieldRef nor resourceFieldRef" };
          }
          if (!resolved.ok) return `volume ${name}: ${item.path ?? ""}: ${resolved.error}`;
          await mkdir(dirname(join(dir, path)), { recursive: true });
          await writeFile(join(dir, path), resolved.value);
        }
      } else if (source.hostPath?.path) {
        this.volumeDirs.set(name, source.hostPath.path);
        continue;
      } else {
        const kinds = Object.keys(source).filter((k) => k !== "$typeName" && source[k] !== undefined);
        return `volume ${name}: only emptyDir, downwardAPI and hostPath volumes are supported by armada-spark dev (got ${kinds.join(", ") || "none"})`;
      }
      this.volumeDirs.set(name, dir);
    }
    return undefined;
  }
}

/** 127.a.0.1 with a random `a` in 1..254: one block of 65 024 addresses per runtime. */
function randomFirstPodAddress(): string {
  return `127.${1 + Math.floor(Math.random() * 254)}.0.1`;
}

function podDir(context: RuntimeContext, podName: string): string {
  return join(context.stateDir, "pods", podName);
}

/** Kubernetes caps a termination message at 4096 bytes. */
const TERMINATION_MESSAGE_BYTES = 4096;

async function readTerminationMessage(path: string): Promise<string> {
  try {
    const text = await readFile(path, "utf8");
    return text.length > TERMINATION_MESSAGE_BYTES ? text.slice(0, TERMINATION_MESSAGE_BYTES) : text;
  } catch {
    return "";
  }
}

/**
 * As Kubernetes with terminationMessagePolicy FallbackToLogsOnError: the message the container
 * wrote to its termination message file, else (on failure) the end of its log.
 */
function containerStatus(name: string, exit: ProcessExit, terminationMessage: string): ContainerStatus {
  if (exit.startError !== undefined) {
    return { name, exitCode: exit.exitCode, reason: "StartError", message: exit.startError };
  }
  const fallback = exit.exitCode === 0 ? "" : lastChars(exit.stderrTail, MESSAGE_CHARS);
  return {
    name,
    exitCode: exit.exitCode,
    reason: exit.exitCode === 0 ? "Completed" : "Error",
    message: terminationMessage.trim() !== "" ? terminationMessage.trim() : fallback,
  };
}

/** The end of `text`, starting at a line boundary when there is one. */
function lastChars(text: string, max: number): string {
  const trimmed = text.trimEnd();
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.slice(trimmed.length - max);
  const newline = cut.indexOf("\n");
  return newline >= 0 && newline < cut.length - 1 ? cut.slice(newline + 1) : cut;
}

function failureReason(what: string, status: ContainerStatus): string {
  const lastLine =
    status.message
      .split("\n")
      .filter((l) => l.trim() !== "")
      .pop() ?? "";
  const detail = lastLine ? `: ${lastLine.slice(0, 200)}` : "";
  return `${what} ${status.name} failed with exit code ${status.exitCode} because ${status.reason}${detail}`;
}

/** A name that can be one segment of a path under the pod directory: no `/`, not `.` or `..`. */
function isPathSegment(name: string): boolean {
  return /^[A-Za-z0-9._-]+$/.test(name) && name !== "." && name !== "..";
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
