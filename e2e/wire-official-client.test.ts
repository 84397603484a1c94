// Our client against a server built from the official armada-client package's own generated
// servicers (e2e/support/armada_wire_server.py): what the Python side decodes from our bytes
// must be exactly what we meant, and what it sends must decode on our side.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { ArmadaError, createArmadaClient } from "../src/armada/index.js";
import type { ArmadaClient } from "../src/armada/index.js";
import { JobState } from "../src/armada/gen/pkg/api/submit_pb.js";
import { Cause } from "../src/armada/gen/pkg/api/event_pb.js";
import { requireVenv, supportScript, venvPython } from "./support/wire-python.js";

interface Received {
  method: string;
  authorization: string | null;
  request: Record<string, unknown>;
}

const token = "wire-test-token-8c1f2e";
let server: ChildProcessWithoutNullStreams;
let port: number;
const received: Received[] = [];
const waiters: Array<() => void> = [];

/** The next request the server received for `method` that the test has not consumed yet. */
async function nextReceived(method: string): Promise<Received> {
  for (;;) {
    const i = received.findIndex((r) => r.method === method);
    if (i >= 0) return received.splice(i, 1)[0]!;
    await new Promise<void>((resolve) => waiters.push(resolve));
  }
}

before(async () => {
  requireVenv();
  server = spawn(venvPython, [supportScript("armada_wire_server.py")], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  server.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  port = await new Promise<number>((resolve, reject) => {
    server.once("exit", (code) => reject(new Error(`wire server exited (${code}): ${stderr}`)));
    const lines = createInterface({ input: server.stdout });
    lines.on("line", (line) => {
      const m = /^LISTENING (\d+)$/.exec(line);
      if (m) return resolve(Number(m[1]));
      received.push(JSON.parse(line) as Received);
      waiters.splice(0).forEach((w) => w());
    });
  });
});

after(async () => {
  server.stdin.end();
  if (server.exitCode === null) await new Promise((resolve) => server.once("exit", resolve));
});

function client(extra: Parameters<typeof createArmadaClient>[0] = {}): ArmadaClient {
  return createArmadaClient({
    master: { url: `armada://127.0.0.1:${port}`, host: "127.0.0.1", port, tls: false },
    env: { ARMADA_AUTH_TOKEN: token },
    useArmadactlConfig: false,
    ...extra,
  });
}

// A plan in contract B's shape (Kubernetes-style JSON: quantities as strings, inlined structs).
const plan = {
  queue: "spark",
  jobSetId: "app-1",
  jobRequestItems: [
    {
      priority: 2,
      namespace: "default",
      clientId: "driver-1",
      labels: { "spark-role": "driver" },
      annotations: { "armadaproject.io/gangId": "g1", "armadaproject.io/gangCardinality": "3" },
      services: [{ type: "Headless", ports: [7078, 7079] }],
      podSpecs: [
        {
          restartPolicy: "Never",
          terminationGracePeriodSeconds: 30,
          priorityClassName: "armada-default",
          nodeSelector: { "armadaproject.io/cluster": "c1" },
          tolerations: [{ key: "example.com/gpu", operator: "Exists", effect: "NoSchedule" }],
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  {
                    matchExpressions: [
                      { key: "topology.kubernetes.io/zone", operator: "In", values: ["a", "b"] },
                    ],
                  },
                ],
              },
            },
          },
          volumes: [
            { name: "spark-local", emptyDir: { sizeLimit: "10Gi" } },
            {
              name: "podinfo",
              downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] },
            },
          ],
          initContainers: [
            {
              name: "wait-for-driver",
              image: "apache/spark:3.5.7",
              args: ["bash", "-c", "exec java WaitForDriver", "wait-for-driver", "drv", "7078", "300"],
              resources: {
                limits: { cpu: "100m", memory: "128Mi" },
                requests: { cpu: "100m", memory: "128Mi" },
              },
            },
          ],
          containers: [
            {
              name: "driver",
              image: "apache/spark:3.5.7",
              args: ["driver", "--class", "Main"],
              env: [
                {
                  name: "SPARK_DRIVER_BIND_ADDRESS",
                  valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "status.podIP" } },
                },
                { name: "SPARK_APP_ID", value: "spark-abc" },
              ],
              ports: [{ name: "driver-rpc", containerPort: 7078, protocol: "TCP" }],
              resources: { limits: { cpu: "1", memory: "1408Mi" }, requests: { cpu: "1", memory: "1408Mi" } },
              volumeMounts: [{ name: "spark-local", mountPath: "/var/data" }],
              readinessProbe: { tcpSocket: { port: 7078 }, periodSeconds: 5 },
              securityContext: { runAsUser: 185 },
            },
          ],
        },
      ],
    },
    { namespace: "default", podSpecs: [{ containers: [{ name: "exec", image: "apache/spark:3.5.7" }] }] },
  ],
};

// What the official package must decode (its MessageToDict: protobuf JSON; written by hand).
const q = (s: string) => ({ string: s });
const expectedDriverItem = {
  priority: 2,
  namespace: "default",
  clientId: "driver-1",
  labels: { "spark-role": "driver" },
  annotations: { "armadaproject.io/gangId": "g1", "armadaproject.io/gangCardinality": "3" },
  services: [{ type: "Headless", ports: [7078, 7079] }],
  podSpecs: [
    {
      restartPolicy: "Never",
      terminationGracePeriodSeconds: "30",
      priorityClassName: "armada-default",
      nodeSelector: { "armadaproject.io/cluster": "c1" },
      tolerations: [{ key: "example.com/gpu", operator: "Exists", effect: "NoSchedule" }],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: "topology.kubernetes.io/zone", operator: "In", values: ["a", "b"] },
                ],
              },
            ],
          },
        },
      },
      volumes: [
        { name: "spark-local", volumeSource: { emptyDir: { sizeLimit: q("10Gi") } } },
        {
          name: "podinfo",
          volumeSource: {
            downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] },
          },
        },
      ],
      initContainers: [
        {
          name: "wait-for-driver",
          image: "apache/spark:3.5.7",
          args: ["bash", "-c", "exec java WaitForDriver", "wait-for-driver", "drv", "7078", "300"],
          resources: {
            limits: { cpu: q("100m"), memory: q("128Mi") },
            requests: { cpu: q("100m"), memory: q("128Mi") },
          },
        },
      ],
      containers: [
        {
          name: "driver",
          image: "apache/spark:3.5.7",
          args: ["driver", "--class", "Main"],
          env: [
            {
              name: "SPARK_DRIVER_BIND_ADDRESS",
              valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "status.podIP" } },
            },
            { name: "SPARK_APP_ID", value: "spark-abc" },
          ],
          ports: [{ name: "driver-rpc", containerPort: 7078, protocol: "TCP" }],
          resources: {
            limits: { cpu: q("1"), memory: q("1408Mi") },
            requests: { cpu: q("1"), memory: q("1408Mi") },
          },
          volumeMounts: [{ name: "spark-local", mountPath: "/var/data" }],
          readinessProbe: { handler: { tcpSocket: { port: { type: "0", intVal: 7078 } } }, periodSeconds: 5 },
          securityContext: { runAsUser: "185" },
        },
      ],
    },
  ],
};

describe("wire compatibility with the official armada-client package", () => {
  test("a submit with a rich pod spec decodes on the official side exactly as intended", async () => {
    const res = await client().submitJobsJson(plan);
    const got = await nextReceived("Submit.SubmitJobs");
    assert.equal(got.authorization, `Bearer ${token}`);
    assert.equal(got.request["queue"], "spark");
    assert.equal(got.request["jobSetId"], "app-1");
    const items = got.request["jobRequestItems"] as Record<string, unknown>[];
    assert.equal(items.length, 2);
    assert.deepEqual(items[0], expectedDriverItem);
    // The item without a client id got one (stable for retries) and the answer maps back to it.
    const generated = items[1]!["clientId"] as string;
    assert.match(generated, /^[0-9a-z]{26}$/);
    assert.deepEqual(res, [
      { clientId: "driver-1", jobId: "job-driver-1", error: "" },
      { clientId: generated, jobId: `job-${generated}`, error: "" },
    ]);
  });

  test("cancel of jobs and of a job set (with a state filter) decode as intended", async () => {
    const c = client();
    const cancelled = await c.cancelJobs({
      queue: "spark",
      jobSetId: "app-1",
      jobIds: ["j1", "j2"],
      reason: "user",
    });
    assert.deepEqual(cancelled, ["j1", "j2"]);
    assert.deepEqual((await nextReceived("Submit.CancelJobs")).request, {
      queue: "spark",
      jobSetId: "app-1",
      jobIds: ["j1", "j2"],
      reason: "user",
    });
    await c.cancelJobSet({ queue: "spark", jobSetId: "app-1", states: [JobState.QUEUED, JobState.RUNNING] });
    assert.deepEqual((await nextReceived("Submit.CancelJobSet")).request, {
      queue: "spark",
      jobSetId: "app-1",
      filter: { states: ["QUEUED", "RUNNING"] },
    });
  });

  test("ensureQueue looks the queue up, then creates it with priority factor 1", async () => {
    const c = client();
    assert.equal(await c.ensureQueue("team-a"), "created");
    assert.deepEqual((await nextReceived("QueueService.GetQueue")).request, { name: "team-a" });
    assert.deepEqual((await nextReceived("QueueService.CreateQueue")).request, {
      name: "team-a",
      priorityFactor: 1,
    });
    assert.equal(await c.ensureQueue("team-a"), "exists");
    assert.equal((await c.getQueue("team-a"))?.priorityFactor, 1);
  });

  test("job-set events sent by the official server decode into the right variants and fields", async () => {
    const events = [];
    for await (const e of client().events({ queue: "spark", jobSetId: "app-1", watch: false }))
      events.push(e);
    const req = await nextReceived("Event.GetJobSetEvents");
    assert.deepEqual(req.request, { id: "app-1", queue: "spark", errorIfMissing: true });
    assert.deepEqual(
      events.map((e) => [e.id, e.message.events.case]),
      [
        ["1", "submitted"],
        ["2", "queued"],
        ["3", "leased"],
        ["4", "running"],
        ["5", "failed"],
      ],
    );
    const submitted = events[0]!.message.events;
    assert.ok(submitted.case === "submitted");
    assert.equal(submitted.value.job?.clientId, "c-1");
    assert.equal(submitted.value.created?.seconds, 1700000000n);
    const failed = events[4]!.message.events;
    assert.ok(failed.case === "failed");
    assert.equal(failed.value.reason, "driver exited with code 3");
    assert.equal(failed.value.cause, Cause.OOM);
    assert.deepEqual(
      failed.value.containerStatuses.map((s) => [s.name, s.exitCode, s.reason]),
      [["driver", 3, "OOMKilled"]],
    );
  });

  test("a stream cut by UNAVAILABLE resumes from the last id without losing or repeating events", async () => {
    const ids: string[] = [];
    for await (const e of client({
      streamRetry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10, multiplier: 1 },
    }).events({ queue: "spark", jobSetId: "flaky", watch: true })) {
      ids.push(e.id);
    }
    assert.deepEqual(ids, ["1", "2", "3", "4", "5"]);
    assert.equal((await nextReceived("Event.GetJobSetEvents")).request["fromMessageId"], undefined);
    const second = await nextReceived("Event.GetJobSetEvents");
    assert.equal(second.request["fromMessageId"], "2");
    assert.equal(second.request["watch"], true);
  });

  test("the deprecated Watch rpc carries queue, job set and resume id", async () => {
    const ids: string[] = [];
    for await (const e of client().events({
      queue: "spark",
      jobSetId: "app-1",
      watch: true,
      deprecatedWatch: true,
      fromMessageId: "3",
    }))
      ids.push(e.id);
    assert.deepEqual(ids, ["4", "5"]);
    assert.deepEqual((await nextReceived("Event.Watch")).request, {
      queue: "spark",
      jobSetId: "app-1",
      fromId: "3",
    });
  });
});

describe("errors a user can act on, from a real gRPC server", () => {
  const expectKind =
    (kind: string, ...patterns: RegExp[]) =>
    (e: unknown) => {
      assert.ok(e instanceof ArmadaError, String(e));
      assert.equal(e.kind, kind, e.message);
      for (const p of patterns) assert.match(e.message, p);
      assert.ok(!e.message.includes(token) && !String(e.stack).includes(token), "token leaked");
      return true;
    };

  test("missing queue says how to create it", async () => {
    await assert.rejects(
      client().submitJobsJson({ ...plan, queue: "missing" }),
      expectKind("queue-missing", /queue "missing" does not exist/, /armadactl create queue missing/),
    );
  });

  test("INVALID_ARGUMENT carries Armada's message", async () => {
    await assert.rejects(
      client().submitJobsJson({ ...plan, jobSetId: "invalid" }),
      expectKind("invalid-argument", /container driver has no memory request/),
    );
  });

  test("UNAUTHENTICATED names the credential source and redacts the credential the server echoed", async () => {
    const wrong = "wrong-token-5b7d9a";
    await assert.rejects(client({ env: { ARMADA_AUTH_TOKEN: wrong } }).health(5_000), (e: unknown) => {
      expectKind("unauthenticated", /ARMADA_AUTH_TOKEN/)(e);
      assert.ok(!(e as Error).message.includes(wrong), (e as Error).message);
      return true;
    });
  });

  test("a call past its deadline is reported as such", async () => {
    await assert.rejects(
      client({ callTimeoutMs: 300 }).jobStatus(["j1"]),
      expectKind("deadline-exceeded", /GetJobStatus/),
    );
  });

  test("an unreachable host names the address tried", async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const c = createArmadaClient({
      master: { url: `armada://127.0.0.1:${closed}`, host: "127.0.0.1", port: closed, tls: false },
      env: { ARMADA_AUTH_TOKEN: token },
      useArmadactlConfig: false,
      retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 10, multiplier: 1 },
    });
    await assert.rejects(
      c.health(2_000),
      expectKind("unreachable", new RegExp(`armada://127\\.0\\.0\\.1:${closed}`)),
    );
  });
});
