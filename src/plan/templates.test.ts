import { test } from "node:test";
import assert from "node:assert/strict";
import { JobSubmitRequestItemSchema, JobSubmitRequestSchema } from "../armada/gen/pkg/api/submit_pb.js";
import type { JobSubmitRequest, JobSubmitRequestItem, JsonObject, Plan } from "./model.js";
import { buildPlan } from "./plan.js";
import { fixedPlanIds } from "./plan-ids.js";
import { checkTemplate } from "./template-fields.js";
import { TemplateError } from "./template-error.js";
import { loadTemplates } from "./template-load.js";
import type { PlanTemplates } from "./templates.js";
import { seedWith } from "./test-support.js";

const ids = fixedPlanIds();

function items(plan: Plan): JobSubmitRequestItem[] {
  const reqs: JobSubmitRequest[] =
    plan.kind === "single" ? [plan.request] : [plan.driverRequest, plan.executorsRequest("j")];
  return reqs.flatMap((r) => r.jobRequestItems);
}

function itemTemplate(value: unknown): PlanTemplates["driverItem"] {
  return { file: "t.yaml", value: checkTemplate(value, JobSubmitRequestItemSchema, "t.yaml") };
}

test("unknown template field is an error naming the field path and the file", () => {
  assert.throws(
    () =>
      checkTemplate(
        { podSpecs: [{ containers: [{ name: "x", imagePullPolicyy: "Always" }] }] },
        JobSubmitRequestItemSchema,
        "/tmp/driver.yaml",
      ),
    (e: unknown) =>
      e instanceof TemplateError &&
      e.message.includes("/tmp/driver.yaml") &&
      e.message.includes('"podSpecs[0].containers[0].imagePullPolicyy"'),
  );
});

test("template check accepts proto names, normalizes them to JSON names and quantities to strings", () => {
  const v = checkTemplate(
    {
      pod_specs: [{ containers: [{ name: "x", resources: { limits: { cpu: 2, memory: "1Gi" } } }] }],
      labels: { n: 1 },
    },
    JobSubmitRequestItemSchema,
    "f",
  );
  assert.deepEqual(v, {
    podSpecs: [{ containers: [{ name: "x", resources: { limits: { cpu: "2", memory: "1Gi" } } }] }],
    labels: { n: "1" },
  });
});

test("template fields the plan does not set reach every item verbatim (no silent drop)", () => {
  const template = itemTemplate({
    annotations: { "example.com/owner": "team-a" },
    podSpecs: [
      {
        tolerations: [{ key: "spot", operator: "Exists", effect: "NoSchedule" }],
        volumes: [{ name: "data", emptyDir: {} }],
        containers: [{ name: "executor", volumeMounts: [{ name: "data", mountPath: "/data" }] }],
      },
    ],
  });
  const plan = buildPlan(seedWith({}), ids, { executorItem: template! });
  const [driver, ...executors] = items(plan);
  assert.equal(driver!.annotations?.["example.com/owner"], undefined);
  for (const e of executors) {
    const spec = e.podSpecs[0]! as unknown as JsonObject;
    assert.equal(e.annotations?.["example.com/owner"], "team-a");
    assert.equal(e.annotations?.["armadaproject.io/gangCardinality"], "5");
    assert.deepEqual(spec["tolerations"], [{ key: "spot", operator: "Exists", effect: "NoSchedule" }]);
    // Kubernetes' inline `emptyDir` is checked against the Volume's volumeSource and kept inline.
    assert.deepEqual(spec["volumes"], [{ name: "data", emptyDir: {} }]);
    const c = e.podSpecs[0]!.containers[0]! as unknown as JsonObject;
    assert.deepEqual(c["volumeMounts"], [{ name: "data", mountPath: "/data" }]);
    assert.deepEqual(c["args"], ["executor"]);
  }
});

test("a template value wins over a plan default, a configured value wins over the template", () => {
  const template = itemTemplate({
    namespace: "from-template",
    podSpecs: [{ securityContext: { runAsUser: 1001 } }],
  });
  const byDefault = items(buildPlan(seedWith({}), ids, { driverItem: template! }))[0]!;
  assert.equal(byDefault.namespace, "from-template");
  assert.deepEqual(byDefault.podSpecs[0]!.securityContext, { runAsUser: 1001 });
  const configured = items(
    buildPlan(seedWith({ "spark.armada.scheduling.namespace": "cli", "spark.armada.runAsUser": "7" }), ids, {
      driverItem: template!,
    }),
  )[0]!;
  assert.equal(configured.namespace, "cli");
  assert.deepEqual(configured.podSpecs[0]!.securityContext, { runAsUser: 7 });
});

test("job template: queue and job set used unless configured; its item applies to all pods under the role templates", () => {
  const job = {
    file: "job.yaml",
    value: checkTemplate(
      { queue: "tq", jobSetId: "tjs", jobRequestItems: [{ labels: { all: "yes", who: "job" } }] },
      JobSubmitRequestSchema,
      "job.yaml",
    ),
  };
  const plan = buildPlan(seedWith({}), ids, {
    job,
    driverItem: itemTemplate({ labels: { who: "driver" } })!,
  });
  const reqs = plan.kind === "two-step" ? [plan.driverRequest, plan.executorsRequest("j")] : [];
  for (const r of reqs) {
    assert.equal(r.queue, "tq");
    assert.equal(r.jobSetId, "tjs");
  }
  const [driver, executor] = items(plan);
  assert.equal(driver!.labels?.["all"], "yes");
  assert.equal(driver!.labels?.["who"], "driver");
  assert.equal(executor!.labels?.["who"], "job");
  const configured = buildPlan(seedWith({ "spark.armada.queue": "cq" }), ids, { job });
  assert.equal(configured.kind === "two-step" && configured.driverRequest.queue, "cq");
});

test("a job template with more than one item is refused", () => {
  const job = {
    file: "job.yaml",
    value: checkTemplate({ jobRequestItems: [{}, {}] }, JobSubmitRequestSchema, "job.yaml"),
  };
  assert.throws(() => buildPlan(seedWith({}), ids, { job }), TemplateError);
});

test("loadTemplates reads the configured locations, parses YAML and checks fields", async () => {
  const files: Record<string, string> = {
    "/t/driver.yaml": "labels:\n  a: b\npodSpecs:\n  - priorityClassName: armada-default\n",
    "/t/bad.yaml": "podSpecs:\n  - nodeSelectorr: {}\n",
  };
  const read = async (loc: string) => {
    const text = files[loc];
    if (text === undefined) throw new Error("ENOENT");
    return text;
  };
  const ok = await loadTemplates(
    seedWith({ "spark.armada.driver.jobItemTemplate": "/t/driver.yaml" }).conf,
    read,
  );
  assert.deepEqual(ok.driverItem, {
    file: "/t/driver.yaml",
    value: { labels: { a: "b" }, podSpecs: [{ priorityClassName: "armada-default" }] },
  });
  await assert.rejects(
    loadTemplates(seedWith({ "spark.armada.executor.jobItemTemplate": "/t/bad.yaml" }).conf, read),
    /\/t\/bad\.yaml \(spark\.armada\.executor\.jobItemTemplate\): unknown field "podSpecs\[0\]\.nodeSelectorr"/,
  );
  await assert.rejects(
    loadTemplates(seedWith({ "spark.armada.jobTemplate": "/t/missing.yaml" }).conf, read),
    /spark\.armada\.jobTemplate: cannot read \/t\/missing\.yaml/,
  );
});
