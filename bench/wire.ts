// Wire throughput: protobuf encode/decode of a 1000-item JobSubmitRequest (Spark executors) and
// of 100 000 job-set events, plus the plan-JSON -> message conversion the client does.
// Run: npm run build && node dist/bench/wire.js [--write]  (--write updates bench/RESULTS.md "## wire")
import { create, fromBinary, fromJson, toBinary } from "@bufbuild/protobuf";
import type { JsonValue } from "@bufbuild/protobuf";
import { EventStreamMessageSchema } from "../src/armada/gen/pkg/api/event_pb.js";
import type { EventStreamMessage } from "../src/armada/gen/pkg/api/event_pb.js";
import { JobSubmitRequestSchema } from "../src/armada/gen/pkg/api/submit_pb.js";
import { kubernetesToProtoJson } from "../src/armada/kubernetes-json.js";
import { describeMachine, today, writeResultsSection } from "./results-file.js";

function executorItem(i: number): JsonValue {
  const res = { cpu: "4", memory: "9011Mi", "ephemeral-storage": "8Gi" };
  return {
    priority: 1,
    namespace: "spark",
    clientId: `01jexecutor${String(i).padStart(15, "0")}`,
    labels: {
      "spark-role": "executor",
      "spark-app-selector": "spark-0123456789abcdef",
      "spark-exec-id": String(i),
    },
    annotations: {
      "armadaproject.io/gangId": "spark-0123456789abcdef",
      "armadaproject.io/gangCardinality": "1001",
      "armadaproject.io/gangNodeUniformityLabel": "armadaproject.io/cluster",
    },
    podSpecs: [
      {
        restartPolicy: "Never",
        terminationGracePeriodSeconds: 30,
        priorityClassName: "armada-default",
        nodeSelector: { "kubernetes.io/arch": "amd64" },
        tolerations: [{ key: "armadaproject.io/batch", operator: "Exists", effect: "NoSchedule" }],
        volumes: [{ name: "spark-local-dir-1", emptyDir: {} }],
        initContainers: [
          {
            name: "wait-for-driver",
            image: "apache/spark:3.5.7",
            args: [
              "bash",
              "-c",
              "exec java -Xmx32m -cp ... WaitForDriver",
              "wait-for-driver",
              "drv",
              "7078",
              "300",
            ],
            resources: {
              limits: { cpu: "100m", memory: "128Mi" },
              requests: { cpu: "100m", memory: "128Mi" },
            },
          },
        ],
        containers: [
          {
            name: "executor",
            image: "apache/spark:3.5.7",
            args: ["executor"],
            env: [
              { name: "SPARK_EXECUTOR_ID", value: String(i) },
              { name: "SPARK_EXECUTOR_CORES", value: "4" },
              { name: "SPARK_EXECUTOR_MEMORY", value: "8g" },
              { name: "SPARK_DRIVER_URL", value: "spark://CoarseGrainedScheduler@drv-service:7078" },
              { name: "SPARK_APPLICATION_ID", value: "spark-0123456789abcdef" },
              {
                name: "SPARK_EXECUTOR_POD_IP",
                valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "status.podIP" } },
              },
              { name: "SPARK_JAVA_OPT_0", value: "-XX:+IgnoreUnrecognizedVMOptions" },
              { name: "SPARK_JAVA_OPT_1", value: "--add-opens=java.base/java.lang=ALL-UNNAMED" },
              { name: "SPARK_JAVA_OPT_2", value: "-Dspark.driver.port=7078" },
            ],
            ports: [{ name: "blockmanager", containerPort: 7079 }],
            resources: { limits: res, requests: res },
            volumeMounts: [{ name: "spark-local-dir-1", mountPath: "/var/data/spark-local-dir-1" }],
          },
        ],
      },
    ],
  };
}

function eventMessage(i: number): EventStreamMessage {
  const base = {
    jobId: `01jjob${String(i % 1000).padStart(20, "0")}`,
    jobSetId: "spark-0123456789abcdef",
    queue: "spark",
  };
  const created = { seconds: BigInt(1_700_000_000 + i), nanos: 0 };
  const kinds = ["queued", "leased", "pending", "running", "succeeded"] as const;
  const kind = kinds[i % kinds.length]!;
  const value =
    kind === "leased"
      ? { ...base, created, clusterId: "cluster-1", pool: "default" }
      : kind === "pending" || kind === "running"
        ? {
            ...base,
            created,
            clusterId: "cluster-1",
            kubernetesId: "uid",
            podName: `armada-${base.jobId}-0`,
            podNamespace: "spark",
            nodeName: "node-1",
          }
        : kind === "succeeded"
          ? {
              ...base,
              created,
              clusterId: "cluster-1",
              nodeName: "node-1",
              podName: `armada-${base.jobId}-0`,
              podNamespace: "spark",
            }
          : { ...base, created };
  return create(EventStreamMessageSchema, {
    id: `${1_700_000_000_000 + i}:0:0:1`,
    message: { events: { case: kind, value } as never },
  });
}

interface Row {
  what: string;
  ms: number;
  perSecond: string;
  mbPerSecond?: string;
}

/** Best of `runs` timings of `fn` (after a warm-up), in ms. */
function time(runs: number, fn: () => void): number {
  fn();
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const fmt = (n: number): string => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1));

function main(): void {
  const rows: Row[] = [];
  const planJson: JsonValue = {
    queue: "spark",
    jobSetId: "spark-0123456789abcdef",
    jobRequestItems: Array.from({ length: 1000 }, (_, i) => executorItem(i)),
  };
  let request = fromJson(JobSubmitRequestSchema, kubernetesToProtoJson(JobSubmitRequestSchema, planJson));
  const convMs = time(5, () => {
    request = fromJson(JobSubmitRequestSchema, kubernetesToProtoJson(JobSubmitRequestSchema, planJson));
  });
  rows.push({
    what: "plan JSON -> JobSubmitRequest, 1000 items",
    ms: convMs,
    perSecond: `${fmt(1000 / (convMs / 1000))} items/s`,
  });
  let bytes = toBinary(JobSubmitRequestSchema, request);
  const mb = bytes.length / 1e6;
  const encMs = time(10, () => {
    bytes = toBinary(JobSubmitRequestSchema, request);
  });
  rows.push({
    what: `encode JobSubmitRequest, 1000 items (${(bytes.length / 1024).toFixed(0)} KiB)`,
    ms: encMs,
    perSecond: `${fmt(1000 / (encMs / 1000))} items/s`,
    mbPerSecond: fmt(mb / (encMs / 1000)),
  });
  const decMs = time(10, () => void fromBinary(JobSubmitRequestSchema, bytes));
  rows.push({
    what: "decode JobSubmitRequest, 1000 items",
    ms: decMs,
    perSecond: `${fmt(1000 / (decMs / 1000))} items/s`,
    mbPerSecond: fmt(mb / (decMs / 1000)),
  });

  const n = 100_000;
  const events = Array.from({ length: n }, (_, i) => eventMessage(i));
  let encoded: Uint8Array[] = [];
  const evEncMs = time(3, () => {
    encoded = events.map((e) => toBinary(EventStreamMessageSchema, e));
  });
  const evMb = encoded.reduce((s, b) => s + b.length, 0) / 1e6;
  rows.push({
    what: `encode 100 000 EventStreamMessages (${evMb.toFixed(1)} MB)`,
    ms: evEncMs,
    perSecond: `${fmt(n / (evEncMs / 1000))} events/s`,
    mbPerSecond: fmt(evMb / (evEncMs / 1000)),
  });
  const evDecMs = time(3, () => {
    for (const b of encoded) fromBinary(EventStreamMessageSchema, b);
  });
  rows.push({
    what: "decode 100 000 EventStreamMessages",
    ms: evDecMs,
    perSecond: `${fmt(n / (evDecMs / 1000))} events/s`,
    mbPerSecond: fmt(evMb / (evDecMs / 1000)),
  });

  const table = [
    "| measurement | best time (ms) | throughput | MB/s |",
    "|---|---:|---:|---:|",
    ...rows.map((r) => `| ${r.what} | ${r.ms.toFixed(1)} | ${r.perSecond} | ${r.mbPerSecond ?? "–"} |`),
  ].join("\n");
  const section = [
    "## wire",
    "",
    "protobuf-es encode/decode of Armada messages (`node dist/bench/wire.js`; best of several runs after a warm-up,",
    "single thread, on a machine shared with other work). Executor items are realistic Spark executor jobs",
    "(env, resources, init container, volume, gang annotations).",
    "",
    `Machine: ${describeMachine()}. Measured ${today()}.`,
    "",
    table,
    "",
  ].join("\n");
  console.log(section);
  if (process.argv.includes("--write")) writeResultsSection("## wire", section);
}

main();
