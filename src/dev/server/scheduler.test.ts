import assert from "node:assert/strict";
import { test } from "node:test";
import { schedule, type QueuedJob, type RunningJob, type SchedNode, type SchedQueue } from "./scheduler.js";

const node = (
  name: string,
  cluster: string,
  cpu: number,
  labels: Record<string, string> = {},
): SchedNode => ({
  cluster,
  pool: "default",
  name,
  labels: { "armada-spark/cluster": cluster, ...labels },
  capacity: { cpu, memory: 64 * 2 ** 30 },
});

const queue = (name: string, priorityFactor = 1, cordoned = false): SchedQueue => ({
  name,
  priorityFactor,
  cordoned,
});

let order = 0;
const job = (id: string, cpu: number, extra: Partial<QueuedJob> = {}): QueuedJob => ({
  id,
  queue: "q",
  priority: 0,
  order: ++order,
  requests: { cpu, memory: 2 ** 30 },
  nodeSelector: {},
  ...extra,
});

const gangOf = (id: string, cardinality: number, nodeUniformityLabel = "") => ({
  gang: { id, cardinality, nodeUniformityLabel },
});

test("jobs are leased while capacity lasts; the rest stay queued", () => {
  const d = schedule({
    nodes: [node("n1", "c1", 2)],
    queues: [queue("q")],
    queued: [job("a", 1), job("b", 1), job("c", 1)],
    running: [],
  });
  assert.deepEqual(
    d.leases.map((l) => l.jobId),
    ["a", "b"],
  );
  assert.deepEqual(d.rejections, []);
});

test("resources held by running jobs are not handed out again, and are once released", () => {
  const running: RunningJob[] = [{ id: "r", queue: "q", node: "n1", requests: { cpu: 2 } }];
  const input = { nodes: [node("n1", "c1", 2)], queues: [queue("q")], queued: [job("a", 1)] };
  assert.equal(schedule({ ...input, running }).leases.length, 0);
  assert.equal(schedule({ ...input, running: [] }).leases.length, 1);
});

test("a job that fits no node even when empty is rejected with a per-cluster reason", () => {
  const d = schedule({
    nodes: [node("n1", "c1", 4)],
    queues: [queue("q")],
    queued: [job("big", 100)],
    running: [],
  });
  assert.equal(d.leases.length, 0);
  assert.equal(d.rejections.length, 1);
  const reason = d.rejections[0]!.reason;
  assert.match(
    reason,
    /^c1:\nNode: +none\nNumber of nodes in cluster: 1\nExcluded nodes:\n 1: insufficient cpu/,
  );
  assert.match(reason, /requested 100, node has 4/);
});

test("node selectors restrict placement; no matching node means rejection", () => {
  const nodes = [node("n1", "c1", 4, { disk: "hdd" }), node("n2", "c1", 4, { disk: "ssd" })];
  const d = schedule({
    nodes,
    queues: [queue("q")],
    queued: [job("a", 1, { nodeSelector: { disk: "ssd" } })],
    running: [],
  });
  assert.equal(d.leases[0]!.node, "n2");
  const none = schedule({
    nodes,
    queues: [queue("q")],
    queued: [job("b", 1, { nodeSelector: { disk: "nvme" } })],
    running: [],
  });
  assert.match(none.rejections[0]!.reason, /2: node does not match pod NodeSelector/);
});

test("required node affinity terms restrict placement with Kubernetes' operators", () => {
  const nodes = [node("n1", "c1", 4, { zone: "a", gen: "3" }), node("n2", "c1", 4, { zone: "b", gen: "5" })];
  const place = (matchExpressions: Array<{ key: string; operator: string; values: string[] }>) =>
    schedule({
      nodes,
      queues: [queue("q")],
      queued: [job("x", 1, { nodeAffinity: [{ matchExpressions }] })],
      running: [],
    });
  assert.equal(place([{ key: "zone", operator: "In", values: ["b"] }]).leases[0]!.node, "n2");
  assert.equal(place([{ key: "zone", operator: "NotIn", values: ["a"] }]).leases[0]!.node, "n2");
  assert.equal(place([{ key: "gen", operator: "Gt", values: ["4"] }]).leases[0]!.node, "n2");
  assert.equal(place([{ key: "gpu", operator: "DoesNotExist", values: [] }]).leases[0]!.node, "n1");
  assert.equal(place([{ key: "gpu", operator: "Exists", values: [] }]).rejections.length, 1);
});

test("within a queue, lower priority values go first, then submission order", () => {
  const queued = [
    job("late-low", 1, { priority: 5 }),
    job("early", 1, { priority: 1 }),
    job("late", 1, { priority: 1 }),
  ];
  const d = schedule({ nodes: [node("n1", "c1", 2)], queues: [queue("q")], queued, running: [] });
  assert.deepEqual(
    d.leases.map((l) => l.jobId),
    ["early", "late"],
  );
});

test("queues share capacity by priority factor: a lower factor gets more", () => {
  const queued: QueuedJob[] = [];
  for (let i = 0; i < 8; i++) queued.push(job(`a${i}`, 1, { queue: "a" }), job(`b${i}`, 1, { queue: "b" }));
  const d = schedule({
    nodes: [node("n1", "c1", 6)],
    queues: [queue("a", 1), queue("b", 2)],
    queued,
    running: [],
  });
  const count = (q: string) => d.leases.filter((l) => l.jobId.startsWith(q)).length;
  assert.equal(count("a") + count("b"), 6);
  assert.equal(count("a"), 4);
  assert.equal(count("b"), 2);
});

test("a cordoned queue's jobs are not scheduled", () => {
  const d = schedule({
    nodes: [node("n1", "c1", 4)],
    queues: [queue("q", 1, true)],
    queued: [job("a", 1)],
    running: [],
  });
  assert.equal(d.leases.length, 0);
  assert.equal(d.rejections.length, 0);
});

test("an incomplete gang waits until all its members have arrived", () => {
  const input = { nodes: [node("n1", "c1", 8)], queues: [queue("q")], running: [] };
  const partial = schedule({
    ...input,
    queued: [job("g1", 1, gangOf("g", 3)), job("g2", 1, gangOf("g", 3))],
  });
  assert.equal(partial.leases.length, 0);
  assert.equal(partial.rejections.length, 0);
  const complete = schedule({
    ...input,
    queued: [job("g1", 1, gangOf("g", 3)), job("g2", 1, gangOf("g", 3)), job("g3", 1, gangOf("g", 3))],
  });
  assert.equal(complete.leases.length, 3);
});

test("a gang is placed all or nothing", () => {
  const queued = [job("g1", 2, gangOf("g", 3)), job("g2", 2, gangOf("g", 3)), job("g3", 2, gangOf("g", 3))];
  const running: RunningJob[] = [{ id: "r", queue: "q", node: "n1", requests: { cpu: 3 } }];
  const d = schedule({ nodes: [node("n1", "c1", 8)], queues: [queue("q")], queued, running });
  assert.equal(d.leases.length, 0);
  assert.equal(d.rejections.length, 0);
});

test("a gang with a uniformity label lands on nodes sharing one value of it", () => {
  const nodes = [node("a1", "a", 2), node("b1", "b", 2), node("a2", "a", 2)];
  const queued = ["1", "2", "3"].map((n) => job(`g${n}`, 1, gangOf("g", 3, "armada-spark/cluster")));
  const running: RunningJob[] = [{ id: "r", queue: "q", node: "a1", requests: { cpu: 2 } }];
  const d = schedule({ nodes, queues: [queue("q")], queued, running });
  // Cluster a has 2 free cpus (a2), cluster b has 2: neither alone holds 3, so nothing yet.
  assert.equal(d.leases.length, 0);
  const free = schedule({ nodes, queues: [queue("q")], queued, running: [] });
  assert.equal(free.leases.length, 3);
  assert.deepEqual(new Set(free.leases.map((l) => l.cluster)), new Set(["a"]));
  assert.deepEqual(free.leases[0]!.uniformity, { label: "armada-spark/cluster", value: "a" });
});

test("a gang without a uniformity label stays within one cluster", () => {
  const nodes = [node("a1", "a", 2), node("b1", "b", 2)];
  const queued = ["1", "2", "3"].map((n) => job(`g${n}`, 1, gangOf("g", 3)));
  const d = schedule({ nodes, queues: [queue("q")], queued, running: [] });
  assert.equal(d.leases.length, 0);
  assert.equal(d.rejections.length, 3);
  assert.match(d.rejections[0]!.reason, /a: 2 out of 3 pods schedulable\nb: 2 out of 3 pods schedulable/);
});

test("a gang naming a label no node carries is rejected", () => {
  const queued = ["1", "2"].map((n) => job(`g${n}`, 1, gangOf("g", 2, "zone")));
  const d = schedule({ nodes: [node("n1", "c1", 8)], queues: [queue("q")], queued, running: [] });
  assert.deepEqual(
    d.rejections.map((r) => r.reason),
    ["uniformity label zone is not indexed", "uniformity label zone is not indexed"],
  );
});

test("a gang with more members than its cardinality, or joining a scheduled gang, is rejected", () => {
  const input = { nodes: [node("n1", "c1", 8)], queues: [queue("q")] };
  const tooMany = schedule({
    ...input,
    running: [],
    queued: ["1", "2", "3"].map((n) => job(`g${n}`, 1, gangOf("g", 2))),
  });
  assert.equal(tooMany.rejections.length, 3);
  assert.match(tooMany.rejections[0]!.reason, /has 3 members but its cardinality is 2/);
  const running: RunningJob[] = [{ id: "g1", queue: "q", node: "n1", requests: { cpu: 1 }, gangId: "g" }];
  const late = schedule({ ...input, running, queued: [job("g2", 1, gangOf("g", 2))] });
  assert.equal(late.rejections.length, 1);
  assert.match(late.rejections[0]!.reason, /already has 1 member\(s\) scheduled/);
});
