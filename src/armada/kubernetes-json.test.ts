import { test } from "node:test";
import assert from "node:assert/strict";
import { fromJson, toJson } from "@bufbuild/protobuf";
import { JobSubmitRequestSchema } from "./gen/pkg/api/submit_pb.js";
import { kubernetesToProtoJson, protoToKubernetesJson } from "./kubernetes-json.js";

const plan = {
  queue: "q",
  jobSetId: "s",
  jobRequestItems: [
    {
      podSpecs: [
        {
          containers: [
            {
              name: "driver",
              resources: { limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "1", memory: "1Gi" } },
              readinessProbe: { httpGet: { port: 4040, path: "/" }, periodSeconds: 5 },
              livenessProbe: { tcpSocket: { port: "http" } },
            },
          ],
          volumes: [{ name: "tmp", emptyDir: { sizeLimit: "2Gi" } }],
        },
      ],
      services: [{ type: "Headless", ports: [7078] }],
    },
  ],
};

test("quantities and IntOrString written the Kubernetes way are read into the right protobuf fields", () => {
  const req = fromJson(JobSubmitRequestSchema, kubernetesToProtoJson(JobSubmitRequestSchema, plan));
  const c = req.jobRequestItems[0]!.podSpecs[0]!.containers[0]!;
  assert.equal(c.resources?.limits["cpu"]?.string, "1");
  assert.equal(c.resources?.requests["memory"]?.string, "1Gi");
  assert.equal(c.readinessProbe?.handler?.httpGet?.port?.intVal, 4040);
  assert.equal(c.readinessProbe?.handler?.httpGet?.path, "/");
  assert.equal(c.readinessProbe?.periodSeconds, 5);
  assert.equal(c.readinessProbe?.handler?.httpGet?.port?.type, 0n);
  assert.equal(c.livenessProbe?.handler?.tcpSocket?.port?.strVal, "http");
  assert.equal(c.livenessProbe?.handler?.tcpSocket?.port?.type, 1n);
  assert.equal(
    req.jobRequestItems[0]!.podSpecs[0]!.volumes[0]!.volumeSource?.emptyDir?.sizeLimit?.string,
    "2Gi",
  );
});

test("protobuf JSON converts back to the Kubernetes shape", () => {
  const req = fromJson(JobSubmitRequestSchema, kubernetesToProtoJson(JobSubmitRequestSchema, plan));
  const back = protoToKubernetesJson(
    JobSubmitRequestSchema,
    toJson(JobSubmitRequestSchema, req),
  ) as typeof plan;
  const c = back.jobRequestItems[0]!.podSpecs[0]!.containers[0]!;
  assert.deepEqual(c.resources, plan.jobRequestItems[0]!.podSpecs[0]!.containers[0]!.resources);
  assert.deepEqual(
    back.jobRequestItems[0]!.podSpecs[0]!.volumes,
    plan.jobRequestItems[0]!.podSpecs[0]!.volumes,
  );
  assert.deepEqual(c.readinessProbe, plan.jobRequestItems[0]!.podSpecs[0]!.containers[0]!.readinessProbe);
});

test("input already in protobuf JSON shape passes through unchanged", () => {
  const proto = {
    jobRequestItems: [
      {
        podSpecs: [
          {
            containers: [{ resources: { limits: { cpu: { string: "2" } } } }],
            volumes: [{ name: "v", volumeSource: { emptyDir: {} } }],
          },
        ],
      },
    ],
  };
  assert.deepEqual(kubernetesToProtoJson(JobSubmitRequestSchema, proto), proto);
});
