import assert from "node:assert/strict";
import { test } from "node:test";
import { formatMap, resolveFieldPath, resolveResourceField, type PodFacts } from "./downward-api.js";
import { parseQuantity } from "../../conf/quantity.js";

const pod: PodFacts = {
  podName: "armada-01j-0",
  namespace: "spark",
  uid: "run-uid",
  podIp: "127.1.0.7",
  hostIp: "127.0.0.1",
  nodeName: "node-2",
  serviceAccountName: "default",
  labels: { armada_job_id: "01j", "app.kubernetes.io/name": "pi" },
  annotations: { armada_jobset_id: 'set "1"' },
};
const value = (path: string, inVolume = false): string => {
  const r = resolveFieldPath(path, pod, inVolume);
  assert.ok(r.ok, r.ok ? "" : r.error);
  return r.value;
};

test("fieldRefs resolve to the pod's own name, namespace, node and address", () => {
  assert.equal(value("metadata.name"), "armada-01j-0");
  assert.equal(value("metadata.namespace"), "spark");
  assert.equal(value("metadata.uid"), "run-uid");
  assert.equal(value("spec.nodeName"), "node-2");
  assert.equal(value("status.podIP"), "127.1.0.7");
  assert.equal(value("status.hostIP"), "127.0.0.1");
});

test("fieldRefs pick single labels and annotations; a missing key is empty", () => {
  assert.equal(value("metadata.labels['app.kubernetes.io/name']"), "pi");
  assert.equal(value("metadata.annotations['armada_jobset_id']"), 'set "1"');
  assert.equal(value("metadata.labels['absent']"), "");
});

test("whole label and annotation maps are only available in downwardAPI volumes", () => {
  assert.equal(resolveFieldPath("metadata.labels", pod, false).ok, false);
  assert.equal(value("metadata.labels", true), 'app.kubernetes.io/name="pi"\narmada_job_id="01j"');
  assert.equal(value("metadata.annotations", true), 'armada_jobset_id="set \\"1\\""');
});

test("unknown field paths are rejected with the path in the message", () => {
  const r = resolveFieldPath("status.phase", pod, false);
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.error, /status\.phase/);
});

test("formatMap sorts keys and quotes values", () => {
  assert.equal(formatMap({ b: "2", a: "x y" }), 'a="x y"\nb="2"');
});

test("quantities parse decimal, binary and milli suffixes", () => {
  assert.equal(parseQuantity("500m"), 0.5);
  assert.equal(parseQuantity("2Gi"), 2 * 2 ** 30);
  assert.equal(parseQuantity("1.5k"), 1500);
  assert.equal(parseQuantity("3e2"), 300);
  assert.equal(parseQuantity("12"), 12);
  assert.equal(parseQuantity("1 Gi"), undefined);
});

test("resourceFieldRefs divide by the divisor and round up; absent limits use the node", () => {
  const container = { resources: { limits: { cpu: { string: "1500m" }, memory: "1Gi" } } };
  const node = { cpu: 8, memory: 64 * 2 ** 30, "ephemeral-storage": 0 };
  const get = (resource: string, divisor?: string): string => {
    const r = resolveResourceField(divisor ? { resource, divisor } : { resource }, container, node);
    assert.ok(r.ok);
    return r.value;
  };
  assert.equal(get("limits.cpu"), "2");
  assert.equal(get("limits.cpu", "1m"), "1500");
  assert.equal(get("limits.memory", "1Mi"), "1024");
  assert.equal(get("requests.memory"), "0");
  const nodeCpu = resolveResourceField({ resource: "limits.cpu" }, {}, node);
  assert.deepEqual(nodeCpu, { ok: true, value: "8" });
  assert.equal(resolveResourceField({ resource: "limits.gpu" }, container, node).ok, false);
});
