import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import {
  JobSubmitRequestSchema,
  JobState,
  type JobSubmitRequest,
} from "../../armada/gen/pkg/api/submit_pb.js";
import { resolveConfig, type DevConfig } from "./config.js";
import { EmbeddedArmada, restartedReason } from "./embedded-armada.js";
import { FakeRuntime } from "./test-support.js";
import { parseMessageId, startOfStream, isAfter } from "./message-id.js";
import { Store } from "./store.js";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
async function settle() {
  for (let i = 0; i < 5; i++) await tick();
}

function request(
  overrides: Partial<{ queue: string; jobSetId: string }> = {},
  items: object[] = [{}],
): JobSubmitRequest {
  return create(JobSubmitRequestSchema, {
    queue: "q",
    jobSetId: "set",
    ...overrides,
    jobRequestItems: items.map((extra) => ({
      namespace: "default",
      podSpecs: [
        {
          containers: [
            {
              name: "main",
              image: "busybox",
              command: ["sh", "-c", "echo hi"],
              resources: {
                requests: { cpu: { string: "1" }, memory: { string: "1Gi" } },
                limits: { cpu: { string: "1" }, memory: { string: "1Gi" } },
              },
              env: [{ name: "ARMADA_QUEUE", value: "mine" }],
              ports: [{ containerPort: 7078 }],
            },
          ],
        },
      ],
      services: [{ type: 1, ports: [7078], name: "my-driver" }],
      ...extra,
    })),
  });
}

function setup(config: Partial<DevConfig> = {}, store = new Store(":memory:")) {
  const runtime = new FakeRuntime();
  const base = resolveConfig({ queues: ["q", "other"] }, "test");
  const armada = new EmbeddedArmada({ store, config: { ...base, ...config }, runtime });
  return { armada, runtime, store };
}

function kinds(armada: EmbeddedArmada, queue = "q", set = "set", jobId?: string): string[] {
  return armada.events
    .read(queue, set, startOfStream, 1000)
    .filter((m) => !jobId || (m.message?.events.value as { jobId: string }).jobId === jobId)
    .map((m) => m.message!.events.case!);
}

function codeOf(fn: () => unknown): Code | undefined {
  try {
    fn();
  } catch (e) {
    return ConnectError.from(e).code;
  }
  return undefined;
}

test("submit returns lowercase ULIDs and records submitted (with the job) and queued before replying", () => {
  const { armada } = setup();
  const [id] = armada.submit(request(), "alice");
  assert.match(id!, /^[0-9a-hjkmnp-tv-z]{26}$/);
  const events = armada.events.read("q", "set", startOfStream, 10);
  assert.deepEqual(
    events.map((e) => e.message!.events.case),
    ["submitted", "queued"],
  );
  const submitted = events[0]!.message!.events;
  assert.equal(submitted.case === "submitted" && submitted.value.job?.id, id);
  assert.equal(submitted.case === "submitted" && submitted.value.job?.owner, "alice");
});

test("a job runs through leased, pending, running, succeeded with Armada's pod metadata", async () => {
  const { armada, runtime } = setup();
  const [id] = armada.submit(request(), "alice");
  await settle();
  const pod = runtime.pod(id!);
  assert.equal(pod.launch.podName, `armada-${id}-0`);
  assert.equal(pod.launch.labels["armada_job_id"], id);
  assert.equal(pod.launch.labels["armada_queue_id"], "q");
  assert.equal(pod.launch.labels["armada_pod_number"], "0");
  assert.equal(pod.launch.labels["armada_job_run_id"], pod.launch.runId);
  assert.equal(pod.launch.annotations["armada_jobset_id"], "set");
  assert.equal(pod.launch.annotations["armada_owner"], "alice");
  assert.equal((pod.launch.podSpec as { restartPolicy: string }).restartPolicy, "Never");
  assert.deepEqual(pod.launch.extraEnv, { ARMADA_JOB_ID: id, ARMADA_QUEUE: "q", ARMADA_JOB_SET_ID: "set" });
  assert.ok(pod.launch.services.some((s) => s.name === "my-driver" && s.ports.includes(7078)));
  pod.emit({ kind: "pending", podIp: "127.1.0.1" });
  pod.emit({ kind: "running", podIp: "127.1.0.1" });
  pod.emit({ kind: "succeeded" });
  assert.deepEqual(kinds(armada), ["submitted", "queued", "leased", "pending", "running", "succeeded"]);
  assert.equal(armada.jobRow(id!)!.state, "succeeded");
});

test("created times never go backwards within a job set", async () => {
  const { armada, runtime } = setup();
  const [id] = armada.submit(request(), "u");
  await settle();
  runtime.pod(id!).emit({ kind: "running", podIp: "x" });
  runtime.pod(id!).emit({ kind: "succeeded" });
  const ids = armada.events.read("q", "set", startOfStream, 100).map((e) => parseMessageId(e.id));
  for (let i = 1; i < ids.length; i++) assert.ok(isAfter(ids[i]!, ids[i - 1]!));
});

test("without custom service names the auto name armada-<jobId>-0-service-<n> is used", async () => {
  const { armada, runtime } = setup({ allowCustomServiceNames: false });
  const [id] = armada.submit(request(), "u");
  await settle();
  const names = runtime.pod(id!).launch.services.map((s) => s.name);
  assert.ok(names.includes(`armada-${id}-0-service-0`));
  assert.ok(!names.includes("my-driver"));
});

test("a failing pod gives a failed event with its container exit codes", async () => {
  const { armada, runtime } = setup();
  const [id] = armada.submit(request(), "u");
  await settle();
  runtime.pod(id!).emit({ kind: "running", podIp: "x" });
  runtime.pod(id!).emit({
    kind: "failed",
    reason: "container main exited with 3",
    containerStatuses: [{ name: "main", exitCode: 3, reason: "Error", message: "boom" }],
  });
  const last = armada.events.read("q", "set", startOfStream, 100).at(-1)!.message!.events;
  assert.equal(last.case, "failed");
  assert.equal(last.case === "failed" && last.value.containerStatuses[0]!.exitCode, 3);
  assert.equal(last.case === "failed" && last.value.podName, `armada-${id}-0`);
  assert.equal(armada.jobRow(id!)!.error, "container main exited with 3");
});

test("a client id seen before in the queue returns the original job id; other queues are separate", () => {
  const { armada } = setup();
  const [first] = armada.submit(request({}, [{ clientId: "c1" }]), "u");
  const [again] = armada.submit(request({}, [{ clientId: "c1" }]), "u");
  const [elsewhere] = armada.submit(request({ queue: "other" }, [{ clientId: "c1" }]), "u");
  assert.equal(again, first);
  assert.notEqual(elsewhere, first);
  assert.equal(kinds(armada).filter((k) => k === "submitted").length, 1);
});

test("a missing queue is PERMISSION_DENIED and an invalid request INVALID_ARGUMENT", () => {
  const { armada } = setup();
  assert.equal(
    codeOf(() => armada.submit(request({ queue: "nope" }), "u")),
    Code.PermissionDenied,
  );
  try {
    armada.submit(request({ queue: "nope" }), "u");
  } catch (e) {
    assert.equal(ConnectError.from(e).rawMessage, 'could not find queue "nope"');
  }
  assert.equal(
    codeOf(() => armada.submit(request({}, [{ namespace: "" }]), "u")),
    Code.InvalidArgument,
  );
});

test("cancelling a running job reports cancelling, stops the pod, then reports cancelled", async () => {
  const { armada, runtime } = setup();
  const [id] = armada.submit(request(), "u");
  await settle();
  runtime.pod(id!).emit({ kind: "running", podIp: "x" });
  armada.cancelJobs("q", "set", [id!], "enough", "bob");
  assert.equal(runtime.pod(id!).cancelled, true);
  await settle();
  assert.deepEqual(kinds(armada).slice(-2), ["cancelling", "cancelled"]);
  const row = armada.jobRow(id!)!;
  assert.equal(row.state, "cancelled");
  assert.equal(row.cancelReason, "enough");
  assert.equal(row.cancelUser, "bob");
});

test("cancelling a job set with a state filter only cancels jobs in those states", async () => {
  const { armada, runtime } = setup({
    clusters: resolveConfig(
      { clusters: [{ name: "dev", nodes: [{ resources: { cpu: "1", memory: "8Gi" } }] }] },
      "t",
    ).clusters,
  });
  const [running, queued] = armada.submit(request({}, [{}, {}]), "u");
  await settle();
  runtime.pod(running!).emit({ kind: "running", podIp: "x" });
  armada.cancelJobSet("q", "set", [JobState.QUEUED], "", "u");
  await settle();
  assert.equal(armada.jobRow(queued!)!.state, "cancelled");
  assert.equal(armada.jobRow(running!)!.state, "running");
});

test("preempting a running job reports preempting, preempted, then failed", async () => {
  const { armada, runtime } = setup();
  const [id] = armada.submit(request(), "u");
  await settle();
  runtime.pod(id!).emit({ kind: "running", podIp: "x" });
  armada.preemptJobs("q", "set", [id!], "make room", "admin");
  await settle();
  assert.deepEqual(kinds(armada).slice(-3), ["preempting", "preempted", "failed"]);
  assert.equal(armada.jobRow(id!)!.state, "preempted");
});

test("a gang's members get the gang and uniformity environment", async () => {
  const { armada, runtime } = setup();
  const gang = {
    annotations: {
      "armadaproject.io/gangId": "g1",
      "armadaproject.io/gangCardinality": "2",
      "armadaproject.io/gangNodeUniformityLabel": "armada-spark/cluster",
    },
  };
  const [a] = armada.submit(request({}, [gang]), "u");
  await settle();
  assert.equal(runtime.pods.length, 0, "half a gang must wait");
  armada.submit(request({}, [gang]), "u");
  await settle();
  assert.equal(runtime.pods.length, 2);
  const env = runtime.pod(a!).launch.extraEnv;
  assert.equal(env["ARMADA_GANG_ID"], "g1");
  assert.equal(env["ARMADA_GANG_CARDINALITY"], "2");
  assert.equal(env["ARMADA_GANG_NODE_UNIFORMITY_LABEL_NAME"], "armada-spark/cluster");
  assert.equal(env["ARMADA_GANG_NODE_UNIFORMITY_LABEL_VALUE"], "dev");
});

test("a job too big for every node is rejected with cause Rejected", async () => {
  const { armada } = setup();
  const [id] = armada.submit(
    request({}, [
      {
        podSpecs: [
          {
            containers: [
              {
                name: "m",
                resources: { requests: { cpu: { string: "10000" } }, limits: { cpu: { string: "10000" } } },
              },
            ],
          },
        ],
      },
    ]),
    "u",
  );
  await settle();
  const last = armada.events.read("q", "set", startOfStream, 100).at(-1)!.message!.events;
  assert.equal(last.case, "failed");
  assert.equal(last.case === "failed" && last.value.cause, 4 /* Rejected */);
  assert.equal(armada.jobRow(id!)!.state, "rejected");
});

test("after a restart, jobs whose pods were running are failed as lost, queued jobs run, ids keep increasing", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "armada-restart-"));
  try {
    const file = path.join(dir, "armada.db");
    const small = resolveConfig(
      { clusters: [{ name: "dev", nodes: [{ resources: { cpu: "1", memory: "8Gi" } }] }], queues: ["q"] },
      "t",
    );
    const first = setup(small, new Store(file));
    const [running, queued] = first.armada.submit(request({}, [{}, {}]), "u");
    await settle();
    first.runtime.pod(running!).emit({ kind: "running", podIp: "x" });
    const lastBefore = parseMessageId(first.armada.events.read("q", "set", startOfStream, 100).at(-1)!.id);
    await first.armada.close();

    const second = setup(small, new Store(file));
    const all = second.armada.events.read("q", "set", startOfStream, 100);
    const lost = all.find((e) => e.message!.events.case === "failed")!.message!.events;
    assert.equal(lost.case === "failed" && lost.value.reason, restartedReason);
    assert.equal(second.armada.jobRow(running!)!.state, "failed");
    await settle();
    assert.equal(second.runtime.pods.length, 1, "the queued job is scheduled by the new server");
    assert.equal(second.runtime.pods[0]!.launch.jobId, queued);
    for (const e of second.armada.events.read("q", "set", lastBefore, 100))
      assert.ok(isAfter(parseMessageId(e.id), lastBefore));
    await second.armada.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
