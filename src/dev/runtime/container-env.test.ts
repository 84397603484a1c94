import assert from "node:assert/strict";
import { test } from "node:test";
import { containerEnv } from "./container-env.js";
import type { PodFacts } from "./downward-api.js";
import type { ContainerView } from "./pod-runtime.js";

const pod: PodFacts = {
  podName: "armada-01j-0",
  namespace: "default",
  uid: "u",
  podIp: "127.1.2.3",
  hostIp: "127.0.0.1",
  nodeName: "node-1",
  serviceAccountName: "default",
  labels: { role: "driver" },
  annotations: {},
};
const node = { cpu: 4, memory: 2 ** 33, "ephemeral-storage": 0 };
const envOf = (container: ContainerView, extra: Record<string, string> = {}): Record<string, string> => {
  const r = containerEnv(container, pod, extra, node);
  assert.ok(r.ok, r.ok ? "" : r.error);
  return Object.fromEntries(r.env);
};

test("env values expand variables defined earlier in the list, not later ones", () => {
  const env = envOf({
    env: [
      { name: "HOST", value: "driver" },
      { name: "URL", value: "spark://$(HOST):$(PORT)" },
      { name: "PORT", value: "7078" },
    ],
  });
  assert.equal(env.URL, "spark://driver:$(PORT)");
});

test("fieldRef values come from the downward API and can be referenced later", () => {
  const env = envOf({
    env: [
      { name: "SPARK_DRIVER_BIND_ADDRESS", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
      { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
      { name: "ROLE", valueFrom: { fieldRef: { fieldPath: "metadata.labels['role']" } } },
      { name: "ADDR", value: "$(SPARK_DRIVER_BIND_ADDRESS):7078" },
    ],
  });
  assert.deepEqual(env, {
    SPARK_DRIVER_BIND_ADDRESS: "127.1.2.3",
    POD: "armada-01j-0",
    ROLE: "driver",
    ADDR: "127.1.2.3:7078",
  });
});

test("Armada's extra env is added but never overrides a variable the pod defines", () => {
  const env = envOf(
    { env: [{ name: "ARMADA_QUEUE", value: "mine" }] },
    { ARMADA_QUEUE: "q", ARMADA_JOB_ID: "01j" },
  );
  assert.equal(env.ARMADA_QUEUE, "mine");
  assert.equal(env.ARMADA_JOB_ID, "01j");
});

test("ConfigMap and Secret references fail with a message naming the variable, unless optional", () => {
  const r = containerEnv(
    { env: [{ name: "PW", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }] },
    pod,
    {},
    node,
  );
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.error, /env PW: secretKeyRef/);
  const optional = envOf({
    env: [{ name: "PW", valueFrom: { secretKeyRef: { name: "s", key: "k", optional: true } } }],
  });
  assert.equal(optional.PW, undefined);
  assert.equal(containerEnv({ envFrom: [{}] }, pod, {}, node).ok, false);
});
