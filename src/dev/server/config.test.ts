import assert from "node:assert/strict";
import os from "node:os";
import { test } from "node:test";
import { clusterLabel, defaultConfig, resolveConfig } from "./config.js";

test("the default config is one cluster `dev` with one generously sized node and queue `default`", () => {
  const c = defaultConfig();
  assert.equal(c.clusters.length, 1);
  const [cluster] = c.clusters;
  assert.equal(cluster!.name, "dev");
  const node = cluster!.nodes[0]!;
  assert.equal(node.labels[clusterLabel], "dev");
  assert.equal(node.resources["cpu"], Math.max(8, os.availableParallelism() * 4));
  assert.equal(node.resources["memory"], os.totalmem());
  assert.deepEqual(c.queues, [{ name: "default", priorityFactor: 1 }]);
  assert.equal(c.auth.anonymous, true);
  assert.equal(c.allowCustomServiceNames, true);
});

test("clusters, nodes with quantities and labels, queues and auth come from the file", () => {
  const c = resolveConfig(
    {
      clusters: [
        {
          name: "a",
          nodes: [{ name: "a-1", resources: { cpu: "4", memory: "8Gi" }, labels: { zone: "z1" } }],
        },
        { name: "b" },
      ],
      queues: ["x", { name: "y", priorityFactor: 2 }],
      auth: {
        anonymous: false,
        users: [{ username: "u", password: "p" }],
        tokens: [{ token: "t", user: "bot" }],
      },
      allowCustomServiceNames: false,
      images: [
        { match: "busybox*", runtime: "host" },
        { match: "*spark*", runtime: "spark", sparkVersion: "3.5.7" },
      ],
    },
    "test.yaml",
  );
  assert.deepEqual(c.images, [
    { match: "busybox*", runtime: "host" },
    { match: "*spark*", runtime: "spark", sparkVersion: "3.5.7" },
  ]);
  const a1 = c.clusters[0]!.nodes[0]!;
  assert.equal(a1.resources["cpu"], 4);
  assert.equal(a1.resources["memory"], 8 * 2 ** 30);
  assert.deepEqual(a1.labels, { [clusterLabel]: "a", "kubernetes.io/hostname": "a-1", zone: "z1" });
  assert.equal(c.clusters[1]!.nodes[0]!.name, "b-node-0");
  assert.deepEqual(c.queues, [
    { name: "x", priorityFactor: 1 },
    { name: "y", priorityFactor: 2 },
  ]);
  assert.equal(c.auth.anonymous, false);
  assert.equal(c.allowCustomServiceNames, false);
});

test("invalid values name the key, the value, what is expected and the file", () => {
  assert.throws(
    () => resolveConfig({ clusters: [{ name: "a", nodes: [{ resources: { cpu: "lots" } }] }] }, "dev.yaml"),
    /dev\.yaml: clusters\[0\]\.nodes\[0\]\.resources\.cpu: "lots" is invalid: expected a Kubernetes quantity/,
  );
  assert.throws(
    () => resolveConfig({ queues: [{ name: "q", priorityFactor: 0 }] }, "dev.yaml"),
    /priorityFactor: 0 is invalid: expected a number >= 1/,
  );
  assert.throws(
    () => resolveConfig({ clusters: [{ name: "a" }, { name: "a" }] }, "dev.yaml"),
    /unique cluster names/,
  );
});
