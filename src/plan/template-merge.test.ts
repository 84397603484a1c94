import { test } from "node:test";
import assert from "node:assert/strict";
import type { JsonObject } from "./model.js";
import { mergeOverTemplate } from "./template-merge.js";

test("maps merge key by key, the plan's value winning for a shared key", () => {
  assert.deepEqual(mergeOverTemplate({ labels: { a: "t", b: "t" } }, { labels: { b: "p", c: "p" } }), {
    labels: { a: "t", b: "p", c: "p" },
  });
});

test("a scalar the plan sets wins; one it does not set is kept from the template", () => {
  assert.deepEqual(mergeOverTemplate({ namespace: "t", scheduler: "s" }, { namespace: "p" }), {
    namespace: "p",
    scheduler: "s",
  });
});

test("containers merge by name: same name merges, template-only containers follow the plan's", () => {
  const template: JsonObject = {
    containers: [
      { name: "sidecar", image: "proxy" },
      {
        name: "driver",
        image: "t",
        imagePullPolicy: "Always",
        volumeMounts: [{ name: "v", mountPath: "/data" }],
      },
    ],
  };
  const planned = { containers: [{ name: "driver", image: "p", args: ["driver"] }] };
  assert.deepEqual(mergeOverTemplate(template, planned), {
    containers: [
      {
        name: "driver",
        image: "p",
        args: ["driver"],
        imagePullPolicy: "Always",
        volumeMounts: [{ name: "v", mountPath: "/data" }],
      },
      { name: "sidecar", image: "proxy" },
    ],
  });
});

test("env and volumes merge by name, container ports by port number", () => {
  const merged = mergeOverTemplate(
    {
      env: [
        { name: "A", value: "t" },
        { name: "T", value: "t" },
      ],
      volumes: [{ name: "data", emptyDir: {} }],
      ports: [{ containerPort: 4040, name: "ui" }, { containerPort: 9090 }],
    },
    {
      env: [{ name: "A", value: "p" }],
      volumes: [{ name: "scratch", emptyDir: {} }],
      ports: [{ name: "spark-ui", containerPort: 4040, protocol: "TCP" }],
    },
  );
  assert.deepEqual(merged, {
    env: [
      { name: "A", value: "p" },
      { name: "T", value: "t" },
    ],
    volumes: [
      { name: "scratch", emptyDir: {} },
      { name: "data", emptyDir: {} },
    ],
    ports: [{ name: "spark-ui", containerPort: 4040, protocol: "TCP" }, { containerPort: 9090 }],
  });
});

test("tolerations are appended; services keep the plan's first so the driver service stays service-0", () => {
  const merged = mergeOverTemplate(
    {
      tolerations: [{ key: "gpu", operator: "Exists" }],
      services: [{ type: "NodePort", ports: [8080] }],
    },
    { tolerations: [{ key: "spot", operator: "Exists" }], services: [{ type: "Headless", ports: [7078] }] },
  );
  assert.deepEqual(merged, {
    tolerations: [
      { key: "spot", operator: "Exists" },
      { key: "gpu", operator: "Exists" },
    ],
    services: [
      { type: "Headless", ports: [7078] },
      { type: "NodePort", ports: [8080] },
    ],
  });
});

test("podSpecs merge element by element; a template-only field deep inside is kept verbatim", () => {
  const merged = mergeOverTemplate(
    { podSpecs: [{ affinity: { nodeAffinity: { x: 1 } }, restartPolicy: "OnFailure" }] },
    { podSpecs: [{ restartPolicy: "Never", containers: [] }] },
  );
  assert.deepEqual(merged, {
    podSpecs: [{ restartPolicy: "Never", containers: [], affinity: { nodeAffinity: { x: 1 } } }],
  });
});

test("any other list the plan sets replaces the template's (args)", () => {
  assert.deepEqual(mergeOverTemplate({ args: ["a"] }, { args: ["b"] }), { args: ["b"] });
});
