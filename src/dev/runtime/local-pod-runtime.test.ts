import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { createPodRuntime } from "./local-pod-runtime.js";
import type {
  PodLaunch,
  PodLifecycleEvent,
  PodRuntime,
  PodSpecView,
  PodRuntimeOptions,
} from "./pod-runtime.js";

// Real processes (sh, sleep, cat) in a temporary state directory.

const runtimes: PodRuntime[] = [];
const scratchDirs: string[] = [];
after(async () => {
  await Promise.all(runtimes.map((r) => r.shutdown(0)));
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function newRuntime(options: Partial<PodRuntimeOptions> = {}): { runtime: PodRuntime; stateDir: string } {
  const stateDir = mkdtempSync(join(tmpdir(), "pod-runtime-"));
  scratchDirs.push(stateDir);
  const runtime = createPodRuntime({ stateDir, ...options });
  runtimes.push(runtime);
  return { runtime, stateDir };
}

let jobCounter = 0;
function launch(podSpec: PodSpecView, overrides: Partial<PodLaunch> = {}): PodLaunch {
  const jobId = `01test${++jobCounter}`;
  return {
    jobId,
    runId: `run-${jobCounter}`,
    queue: "q",
    jobSetId: "set",
    namespace: "default",
    podNumber: 0,
    podName: `armada-${jobId}-0`,
    clusterId: "cluster-1",
    nodeName: "node-1",
    podSpec,
    labels: { armada_job_id: jobId, role: "driver" },
    annotations: { armada_jobset_id: "set" },
    extraEnv: { ARMADA_JOB_ID: jobId, ARMADA_QUEUE: "q" },
    services: [],
    ...overrides,
  };
}

/** Runs a pod to its end; returns its events. */
async function runPod(runtime: PodRuntime, pod: PodLaunch): Promise<PodLifecycleEvent[]> {
  const events: PodLifecycleEvent[] = [];
  const handle = runtime.start(pod, (e) => events.push(e));
  await handle.done;
  return events;
}

function logOf(runtime: PodRuntime, pod: PodLaunch, container: string): string {
  const path = runtime.logPath(pod.jobId, container);
  assert.ok(path, `no log for ${container}`);
  return readFileSync(path, "utf8");
}

/** Waits for a condition the test itself causes (not a timing assertion). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie is dead, whoever has to reap it.
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

const sh = (name: string, script: string, extra: object = {}): object => ({
  name,
  image: "busybox",
  command: ["sh", "-c", script],
  ...extra,
});

test("a pod runs its container and reports pending, running, succeeded with its own loopback address", async () => {
  const { runtime } = newRuntime();
  const events: PodLifecycleEvent[] = [];
  const handle = runtime.start(launch({ containers: [sh("main", "echo hello")] }), (e) => events.push(e));
  assert.equal(events.length, 0, "no event before start() returns");
  assert.match(handle.podIp, /^127\.\d+\.\d+\.\d+$/);
  assert.notEqual(handle.podIp, "127.0.0.1");
  await handle.done;
  assert.deepEqual(events, [
    { kind: "pending", podIp: handle.podIp },
    { kind: "running", podIp: handle.podIp },
    { kind: "succeeded" },
  ]);
});

test("the container env holds its values, downward-API fieldRefs, Armada's env and $(VAR)-expanded args", async () => {
  const { runtime, stateDir } = newRuntime({ hostEnv: { PATH: process.env.PATH, SECRET_TOKEN: "s3cr3t" } });
  const pod = launch({
    containers: [
      {
        name: "main",
        image: "busybox",
        command: ["sh", "-c"],
        args: ['echo "ip=$POD_IP name=$POD_NAME ns=$NS node=$NODE role=$ROLE set=$SET" "arg=$(URL)"; env'],
        env: [
          { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
          { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
          { name: "NS", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
          { name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
          { name: "ROLE", valueFrom: { fieldRef: { fieldPath: "metadata.labels['role']" } } },
          { name: "SET", valueFrom: { fieldRef: { fieldPath: "metadata.annotations['armada_jobset_id']" } } },
          { name: "URL", value: "spark://$(POD_IP):7078" },
          { name: "ARMADA_QUEUE", value: "pod-defined" },
        ],
      },
    ],
  });
  const events: PodLifecycleEvent[] = [];
  const handle = runtime.start(pod, (e) => events.push(e));
  await handle.done;
  assert.deepEqual(events.at(-1), { kind: "succeeded" });
  const log = logOf(runtime, pod, "main");
  const ip = handle.podIp;
  assert.ok(
    log.includes(
      `ip=${ip} name=${pod.podName} ns=default node=node-1 role=driver set=set arg=spark://${ip}:7078`,
    ),
    log,
  );
  assert.match(log, new RegExp(`^ARMADA_JOB_ID=${pod.jobId}$`, "m"));
  assert.match(log, /^ARMADA_QUEUE=pod-defined$/m);
  assert.match(log, new RegExp(`^ARMADA_DEV_HOSTS_FILE=${join(stateDir, "hosts")}$`, "m"));
  assert.match(log, new RegExp(`^HOSTNAME=${pod.podName}$`, "m"));
  assert.doesNotMatch(log, /SECRET_TOKEN/, "host variables outside the allowlist are not inherited");
});

test("init containers run one after another before the containers, sharing an emptyDir", async () => {
  const { runtime } = newRuntime();
  const mount = { volumeMounts: [{ name: "work", mountPath: "/work-dir" }] };
  const pod = launch({
    volumes: [{ name: "work", volumeSource: { emptyDir: {} } }],
    initContainers: [
      sh("first", "sleep 0.2; echo first >> /work-dir/order", mount),
      sh("second", "echo second >> /work-dir/order", mount),
    ],
    containers: [sh("main", "echo main >> /work-dir/order; cat /work-dir/order", mount)],
  });
  const events = await runPod(runtime, pod);
  assert.deepEqual(events.at(-1), { kind: "succeeded" });
  assert.equal(logOf(runtime, pod, "main"), "first\nsecond\nmain\n");
});

test("a failing init container fails the pod with its status; later containers never start", async () => {
  const { runtime } = newRuntime();
  const pod = launch({
    initContainers: [sh("wait-for-driver", "echo driver not reachable >&2; exit 3"), sh("never", "echo ran")],
    containers: [sh("main", "echo ran")],
  });
  const events = await runPod(runtime, pod);
  assert.deepEqual(
    events.map((e) => e.kind),
    ["pending", "failed"],
  );
  const failed = events.at(-1);
  assert.ok(failed?.kind === "failed");
  assert.deepEqual(failed.containerStatuses, [
    { name: "wait-for-driver", exitCode: 3, reason: "Error", message: "driver not reachable" },
  ]);
  assert.match(failed.reason, /wait-for-driver failed with exit code 3/);
  for (const notRun of ["never", "main"]) {
    const path = runtime.logPath(pod.jobId, notRun);
    assert.ok(path !== undefined && !existsSync(path), `${notRun} has no log file`);
  }
});

test("exit codes become statuses: 0 Completed, non-zero Error with stderr's tail, signals 128+n", async () => {
  const { runtime } = newRuntime();
  const pod = launch({
    terminationGracePeriodSeconds: 1n,
    containers: [
      sh("ok", "exit 0"),
      // "bad" fails only once "killed" ignores SIGTERM, so killed's 137 is its own doing.
      sh(
        "bad",
        "until [ -f ../killed/ready ]; do sleep 0.02; done; " +
          "i=0; while [ $i -lt 100 ]; do echo line-$i >&2; i=$((i+1)); done; exit 42",
      ),
      sh("killed", "trap '' TERM; touch ready; sleep 0.3; kill -9 $$$$"),
    ],
  });
  const events = await runPod(runtime, pod);
  const failed = events.at(-1);
  assert.ok(failed?.kind === "failed", JSON.stringify(events));
  const [ok, bad, killed] = failed.containerStatuses;
  assert.deepEqual(ok, { name: "ok", exitCode: 0, reason: "Completed", message: "" });
  assert.equal(bad?.exitCode, 42);
  assert.equal(bad?.reason, "Error");
  assert.ok(bad?.message.endsWith("line-98\nline-99"), bad?.message);
  assert.ok(bad !== undefined && bad.message.length <= 400 && !bad.message.includes("line-0\n"));
  assert.deepEqual(killed, { name: "killed", exitCode: 137, reason: "Error", message: "" });
  assert.match(failed.reason, /^container bad failed with exit code 42 because Error: line-99$/);
});

test("a termination message file, as Kubernetes' terminationMessagePath, becomes the status message", async () => {
  const { runtime } = newRuntime();
  const pod = launch({
    containers: [
      sh(
        "driver",
        'echo noise >&2; printf "only 1 of 2 executors registered" > "$ARMADA_SPARK_TERMINATION_MESSAGE_PATH"; exit 1',
      ),
    ],
  });
  const failed = (await runPod(runtime, pod)).at(-1);
  assert.ok(failed?.kind === "failed");
  assert.deepEqual(failed.containerStatuses, [
    { name: "driver", exitCode: 1, reason: "Error", message: "only 1 of 2 executors registered" },
  ]);
});

test("the termination message file exists, empty, when the container starts (as the kubelet creates it)", async () => {
  const { runtime } = newRuntime();
  const pod = launch({
    containers: [
      sh(
        "driver",
        'test -f "$ARMADA_SPARK_TERMINATION_MESSAGE_PATH" && test ! -s "$ARMADA_SPARK_TERMINATION_MESSAGE_PATH"',
      ),
    ],
  });
  assert.deepEqual((await runPod(runtime, pod)).at(-1), { kind: "succeeded" });
});

test("a program that does not exist fails the pod with StartError and exit code 127", async () => {
  const { runtime } = newRuntime();
  const events = await runPod(
    runtime,
    launch({ containers: [{ name: "main", image: "busybox", command: ["no-such-program-xyz"] }] }),
  );
  const failed = events.at(-1);
  assert.ok(failed?.kind === "failed");
  assert.equal(failed.containerStatuses[0]?.exitCode, 127);
  assert.equal(failed.containerStatuses[0]?.reason, "StartError");
  assert.match(failed.containerStatuses[0]?.message ?? "", /no-such-program-xyz/);
});

test("when one container fails the others get SIGTERM, then SIGKILL after the grace period", async () => {
  const { runtime } = newRuntime();
  const pod = launch({
    terminationGracePeriodSeconds: 1n,
    containers: [
      sh("stubborn", "trap 'echo got TERM' TERM; touch ready; while :; do sleep 0.05; done"),
      sh("polite", "touch ready; exec sleep 100"),
      sh("failing", "until [ -f ../stubborn/ready ] && [ -f ../polite/ready ]; do sleep 0.02; done; exit 1"),
    ],
  });
  const events = await runPod(runtime, pod);
  const failed = events.at(-1);
  assert.ok(failed?.kind === "failed");
  const byName = Object.fromEntries(failed.containerStatuses.map((s) => [s.name, s.exitCode]));
  assert.deepEqual(byName, { stubborn: 137, polite: 143, failing: 1 });
  assert.match(logOf(runtime, pod, "stubborn"), /got TERM/);
});

test("a container's leftover processes die with it when its main process exits", async () => {
  const { runtime, stateDir } = newRuntime();
  const pod = launch({ containers: [sh("main", "sleep 100 & echo $! > child.pid; exit 0")] });
  const events = await runPod(runtime, pod);
  assert.deepEqual(events.at(-1), { kind: "succeeded" });
  const pid = Number(
    readFileSync(join(stateDir, "pods", pod.podName, "containers", "main", "child.pid"), "utf8"),
  );
  assert.equal(alive(pid), false);
});

test("processes that leave the container's process group (setsid) are killed with the container", async () => {
  const { runtime, stateDir } = newRuntime();
  const pod = launch({
    containers: [sh("main", "setsid sleep 100 & echo $! > child.pid; sleep 0.2; exit 0")],
  });
  const events = await runPod(runtime, pod);
  assert.deepEqual(events.at(-1), { kind: "succeeded" });
  const pid = Number(
    readFileSync(join(stateDir, "pods", pod.podName, "containers", "main", "child.pid"), "utf8"),
  );
  assert.ok(pid > 0);
  assert.equal(alive(pid), false);
});

test("cancel kills the whole process tree, including children that ignore SIGTERM, and reports nothing", async () => {
  const { runtime, stateDir } = newRuntime();
  const pod = launch({
    containers: [sh("main", "sh -c 'trap \"\" TERM; echo $$$$ > child.pid; exec sleep 100' & wait")],
  });
  const events: PodLifecycleEvent[] = [];
  const handle = runtime.start(pod, (e) => events.push(e));
  const pidFile = join(stateDir, "pods", pod.podName, "containers", "main", "child.pid");
  await until(() => existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() !== "");
  const pid = Number(readFileSync(pidFile, "utf8"));
  assert.equal(alive(pid), true);
  await handle.cancel(1);
  assert.equal(alive(pid), false);
  assert.deepEqual(
    events.map((e) => e.kind),
    ["pending", "running"],
  );
});

test("the pod's grace period applies to cancel: a process trapping SIGTERM is SIGKILLed after it", async () => {
  const { runtime, stateDir } = newRuntime();
  const pod = launch({
    terminationGracePeriodSeconds: 1n,
    containers: [sh("main", "trap 'echo got TERM' TERM; echo ready; while :; do sleep 0.05; done")],
  });
  const handle = runtime.start(pod, () => {});
  const log = join(stateDir, "pods", pod.podName, "logs", "main.log");
  await until(() => existsSync(log) && readFileSync(log, "utf8").includes("ready"));
  await handle.cancel();
  assert.match(logOf(runtime, pod, "main"), /got TERM/);
});

test("service names resolve through the hosts file while the pod lives, and vanish after", async () => {
  const { runtime, stateDir } = newRuntime();
  assert.equal(runtime.hostsFilePath, join(stateDir, "hosts"));
  const pod = launch(
    { containers: [sh("main", 'cat "$ARMADA_DEV_HOSTS_FILE"')] },
    {
      services: [
        { name: "armada-x-0-service-0", ports: [7078] },
        { name: "my-driver", ports: [7078, 7079] },
      ],
    },
  );
  const events: PodLifecycleEvent[] = [];
  const handle = runtime.start(pod, (e) => events.push(e));
  await handle.done;
  assert.deepEqual(events.at(-1), { kind: "succeeded" });
  const seen = logOf(runtime, pod, "main");
  assert.match(seen, /^127\.0\.0\.1 localhost/m);
  assert.ok(seen.includes(`\n${handle.podIp} armada-x-0-service-0 my-driver\n`), seen);
  const afterwards = readFileSync(runtime.hostsFilePath, "utf8");
  assert.doesNotMatch(afterwards, /my-driver/);
  assert.match(afterwards, /^127\.0\.0\.1 localhost/m);
});

test("downwardAPI volumes hold label, annotation and field files at the mounted path", async () => {
  const { runtime } = newRuntime();
  const pod = launch({
    volumes: [
      {
        name: "podinfo",
        volumeSource: {
          downwardAPI: {
            items: [
              { path: "labels", fieldRef: { fieldPath: "metadata.labels" } },
              { path: "annotations", fieldRef: { fieldPath: "metadata.annotations" } },
              { path: "meta/name", fieldRef: { fieldPath: "metadata.name" } },
            ],
          },
        },
      },
    ],
    containers: [
      sh(
        "main",
        "cat /etc/podinfo/labels; echo; cat /etc/podinfo/annotations; echo; cat /etc/podinfo/meta/name",
        {
          volumeMounts: [{ name: "podinfo", mountPath: "/etc/podinfo" }],
        },
      ),
    ],
  });
  const events = await runPod(runtime, pod);
  assert.deepEqual(events.at(-1), { kind: "succeeded" });
  assert.equal(
    logOf(runtime, pod, "main"),
    `armada_job_id="${pod.jobId}"\nrole="driver"\narmada_jobset_id="set"\n${pod.podName}`,
  );
});

test("unsupported volume kinds fail the pod with a message naming the volume", async () => {
  const { runtime } = newRuntime();
  const events = await runPod(
    runtime,
    launch({
      volumes: [{ name: "conf", volumeSource: { configMap: { name: "spark-conf" } } }],
      containers: [sh("main", "true")],
    }),
  );
  const failed = events.at(-1);
  assert.ok(failed?.kind === "failed");
  assert.match(failed.reason, /volume conf: .*configMap/);
});

test("a container or volume named '..' fails the pod instead of reaching outside its directory", async () => {
  const { runtime } = newRuntime();
  const container = await runPod(runtime, launch({ containers: [sh("..", "true")] }));
  const containerFailed = container.at(-1);
  assert.ok(containerFailed?.kind === "failed");
  assert.match(containerFailed.reason, /CreateContainerConfigError: invalid container name "\.\."/);
  const volume = await runPod(
    runtime,
    launch({ volumes: [{ name: "..", volumeSource: { emptyDir: {} } }], containers: [sh("main", "true")] }),
  );
  const volumeFailed = volume.at(-1);
  assert.ok(volumeFailed?.kind === "failed");
  assert.match(volumeFailed.reason, /invalid volume name "\.\."/);
});

test("each container keeps its own log of stdout and stderr", async () => {
  const { runtime, stateDir } = newRuntime();
  const pod = launch({
    containers: [sh("driver", "echo out-d; echo err-d >&2"), sh("sidecar", "echo out-s")],
  });
  const handle = runtime.start(pod, () => {});
  const driverLog = runtime.logPath(pod.jobId, "driver");
  assert.equal(
    driverLog,
    join(stateDir, "pods", pod.podName, "logs", "driver.log"),
    "known as soon as start returns",
  );
  await handle.done;
  assert.equal(logOf(runtime, pod, "driver"), "out-d\nerr-d\n");
  assert.equal(logOf(runtime, pod, "sidecar"), "out-s\n");
  assert.equal(runtime.logPath(pod.jobId, "nope"), undefined);
  assert.equal(runtime.logPath("unknown-job", "driver"), undefined);
  const restarted = createPodRuntime({ stateDir });
  runtimes.push(restarted);
  assert.equal(
    restarted.logPath(pod.jobId, "sidecar"),
    runtime.logPath(pod.jobId, "sidecar"),
    "found on disk later",
  );
});

test("a Spark image runs the local entrypoint with SPARK_HOME, the project's jars and the hosts file", async () => {
  const project = mkdtempSync(join(tmpdir(), "pod-runtime-project-"));
  scratchDirs.push(project);
  mkdirSync(join(project, ".spark"));
  mkdirSync(join(project, "image"));
  mkdirSync(join(project, "jvm", "cluster-manager", "target"), { recursive: true });
  writeFileSync(join(project, "jvm", "cluster-manager", "target", "armada-spark-cluster-manager.jar"), "");
  writeFileSync(
    join(project, ".spark", "homes.json"),
    JSON.stringify({
      default: "4.1.1",
      versions: {
        "3.5.7": { sparkHome: "/s/357", scala: "2.12" },
        "4.1.1": { sparkHome: "/s/411", scala: "2.13" },
      },
    }),
  );
  const entrypoint = join(project, "image", "entrypoint-local.sh");
  writeFileSync(
    entrypoint,
    'echo "args=$*"; echo "home=$SPARK_HOME"; echo "jars=$ARMADA_SPARK_JARS"; echo "hosts=$ARMADA_DEV_HOSTS_FILE"\n',
  );
  chmodSync(entrypoint, 0o644);
  const { runtime } = newRuntime({ projectRoot: project });
  const pod = launch({
    containers: [
      {
        name: "driver",
        image: "apache/spark:3.5.3",
        args: ["driver", "--class", "Pi", "$(APP)"],
        env: [
          { name: "APP", value: "local:///opt/app.jar" },
          { name: "SPARK_HOME", value: "/opt/spark" },
        ],
      },
      { name: "custom", image: "apache/spark:4.1.1", command: ["sh", "-c", 'echo "home=$SPARK_HOME"'] },
    ],
  });
  const events = await runPod(runtime, pod);
  assert.deepEqual(events.at(-1), { kind: "succeeded" });
  assert.equal(
    logOf(runtime, pod, "driver"),
    `args=driver --class Pi local:///opt/app.jar\nhome=/s/357\n` +
      `jars=${join(project, "jvm", "cluster-manager", "target", "armada-spark-cluster-manager.jar")}\n` +
      `hosts=${runtime.hostsFilePath}\n`,
  );
  assert.equal(logOf(runtime, pod, "custom"), "home=/s/411\n");
});

test("shutdown stops every running pod and leaves no process behind", async () => {
  const { runtime, stateDir } = newRuntime();
  const pods = [1, 2].map(() =>
    launch({ containers: [sh("main", "sleep 100 & echo $! > child.pid; wait")] }),
  );
  const handles = pods.map((pod) => runtime.start(pod, () => {}));
  const pidFiles = pods.map((pod) => join(stateDir, "pods", pod.podName, "containers", "main", "child.pid"));
  await until(() => pidFiles.every((f) => existsSync(f) && readFileSync(f, "utf8").trim() !== ""));
  const pids = pidFiles.map((f) => Number(readFileSync(f, "utf8")));
  await runtime.shutdown();
  await Promise.all(handles.map((h) => h.done));
  assert.deepEqual(
    pids.map((pid) => alive(pid)),
    [false, false],
  );
  assert.throws(() => runtime.start(launch({ containers: [sh("main", "true")] }), () => {}), /shutting down/);
});
