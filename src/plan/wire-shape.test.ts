// Contract B: every planned request must be accepted by the protobuf messages Armada receives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import {
  JobSubmitRequestItemSchema,
  JobSubmitRequestSchema,
  ServiceType,
} from "../armada/gen/pkg/api/submit_pb.js";
import { kubernetesToProtoJson } from "../armada/kubernetes-json.js";
import type { JobSubmitRequest } from "./model.js";
import { buildPlan } from "./plan.js";
import { fixedPlanIds } from "./plan-ids.js";
import { checkTemplate } from "./template-fields.js";
import { seedWith } from "./test-support.js";

function toMessage(r: JobSubmitRequest) {
  return fromJson(
    JobSubmitRequestSchema,
    kubernetesToProtoJson(JobSubmitRequestSchema, r as unknown as JsonValue),
  );
}

test("planned requests convert to JobSubmitRequest messages with nothing lost", () => {
  const executorItem = {
    file: "e.yaml",
    value: checkTemplate(
      {
        podSpecs: [
          {
            volumes: [{ name: "data", emptyDir: {} }],
            tolerations: [{ key: "spot", operator: "Exists" }],
            containers: [{ name: "executor", volumeMounts: [{ name: "data", mountPath: "/data" }] }],
          },
        ],
      },
      JobSubmitRequestItemSchema,
      "e.yaml",
    ),
  };
  const plan = buildPlan(
    seedWith({
      "spark.armada.driver.serviceNamePrefix": "pi",
      "spark.armada.driver.ingress.enabled": "true",
      "spark.armada.driver.ingress.tls.enabled": "true",
      "spark.armada.driver.ingress.certName": "c",
      "spark.armada.scheduling.priority": "1",
      "spark.armada.scheduling.initialPriorityClass": "armada-default",
      "spark.armada.scheduling.nodeUniformity": "armada-spark",
    }),
    fixedPlanIds(),
    { executorItem },
  );
  assert.equal(plan.kind, "single");
  if (plan.kind !== "single") return;
  const msg = toMessage(plan.request);
  assert.equal(msg.jobRequestItems.length, 5);
  const driver = msg.jobRequestItems[0]!;
  assert.equal(driver.services[0]!.type, ServiceType.Headless);
  assert.equal(driver.services[0]!.name, "pi-00000004");
  assert.deepEqual(driver.ingress[0]!.ports, [4040]);
  assert.equal(driver.podSpecs[0]!.containers[0]!.resources!.limits["memory"]!.string, "1408Mi");
  const executor = msg.jobRequestItems[1]!;
  assert.equal(executor.podSpecs[0]!.initContainers[0]!.resources!.requests["cpu"]!.string, "100m");
  assert.equal(executor.podSpecs[0]!.volumes[0]!.volumeSource!.emptyDir !== undefined, true);
  assert.equal(executor.podSpecs[0]!.tolerations[0]!.key, "spot");
  assert.equal(executor.podSpecs[0]!.containers[0]!.volumeMounts[0]!.mountPath, "/data");
  assert.equal(
    executor.podSpecs[0]!.containers[0]!.env.find((e) => e.name === "SPARK_EXECUTOR_POD_IP")!.valueFrom!
      .fieldRef!.fieldPath,
    "status.podIP",
  );
});

test("two-step requests convert too", () => {
  const plan = buildPlan(seedWith({}), fixedPlanIds());
  assert.equal(plan.kind, "two-step");
  if (plan.kind !== "two-step") return;
  assert.equal(toMessage(plan.driverRequest).jobRequestItems.length, 1);
  assert.equal(toMessage(plan.executorsRequest("01x")).jobRequestItems.length, 4);
});
