// Embedded Armada (`armada-spark dev`) speed: a real server process (ephemeral state, default
// config) driven over gRPC by this process.
//  1. 5-pod gang of trivial processes (`true`): submit -> all running, split into scheduling
//     (SubmitJobs call -> last `leased`) and pod start (`leased` -> `running`, the runtime's
//     work: pod directory, address, spawn), next to a bare `sh -c true` spawn for reference.
//  2. 1000 trivial jobs (5 requests of 200, as armadactl sends): submit -> all succeeded.
//  3. Resident memory of the idle server, before and after the 1000 jobs.
// Run: npm run build && node dist/bench/dev.js [--runs N] [--jobs N] [--write]
//      (--write replaces the "## embedded Armada" section of bench/RESULTS.md, keeping the others)
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { create } from "@bufbuild/protobuf";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Event, type EventStreamMessage } from "../src/armada/gen/pkg/api/event_pb.js";
import {
  JobSubmitRequestSchema,
  Submit,
  type JobSubmitRequestItem,
} from "../src/armada/gen/pkg/api/submit_pb.js";
import { startDevProcess, stopDevProcess } from "../e2e/support/dev-process.js";
import { describeMachine, loadAverage, today, writeResultsSection } from "./results-file.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    jobs: { type: "string", default: "1000" },
    write: { type: "boolean" },
  },
});
const runs = Number(values.runs);
const jobCount = Number(values.jobs);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? "0");
  return kb / 1024;
}

function item(extra: Partial<JobSubmitRequestItem> = {}): object {
  const amount = { cpu: { string: "100m" }, memory: { string: "64Mi" } };
  return {
    namespace: "default",
    podSpecs: [
      {
        containers: [
          {
            name: "main",
            image: "busybox",
            command: ["true"],
            resources: { requests: amount, limits: amount },
          },
        ],
      },
    ],
    ...extra,
  };
}

/** Follows a job set until `count` jobs reached one of `kinds`; returns every message. */
async function follow(
  events: Client<typeof Event>,
  jobSetId: string,
  count: number,
  kinds: Set<string>,
): Promise<EventStreamMessage[]> {
  const seen: EventStreamMessage[] = [];
  const done = new Set<string>();
  const abort = new AbortController();
  try {
    for await (const m of events.getJobSetEvents(
      { queue: "default", id: jobSetId, watch: true },
      { signal: abort.signal },
    )) {
      seen.push(m);
      const e = m.message!.events;
      if (e.case && kinds.has(e.case)) done.add(e.value.jobId);
      if (done.size === count) break;
    }
  } finally {
    abort.abort();
  }
  return seen;
}

function createdMs(m: EventStreamMessage): number {
  return timestampMs((m.message!.events.value as { created: Parameters<typeof timestampMs>[0] }).created);
}

async function main(): Promise<void> {
  const server = await startDevProcess(["--ephemeral", "--port", "0", "--lookout-port", "0"]);
  const { address } = server;
  const { child } = server.cli;
  const transport = createGrpcTransport({ baseUrl: `http://${address}` });
  const submit = createClient(Submit, transport);
  const events = createClient(Event, transport);
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const idleRss = rssMiB(child.pid!);

    // 1. gang latency
    const total: number[] = [];
    const scheduling: number[] = [];
    const serverScheduling: number[] = [];
    const podStart: number[] = [];
    const bareSpawn: number[] = [];
    for (let run = 0; run < runs + 1; run++) {
      const jobSetId = `gang-${run}`;
      const annotations = { "armadaproject.io/gangId": jobSetId, "armadaproject.io/gangCardinality": "5" };
      const watching = follow(events, jobSetId, 5, new Set(["running", "succeeded", "failed"]));
      const t0 = Date.now();
      await submit.submitJobs(
        create(JobSubmitRequestSchema, {
          queue: "default",
          jobSetId,
          jobRequestItems: Array.from({ length: 5 }, () => item({ annotations }) as never),
        }),
      );
      const seen = await watching;
      const leased = seen.filter((m) => m.message!.events.case === "leased").map(createdMs);
      const submittedAt = Math.min(
        ...seen.filter((m) => m.message!.events.case === "submitted").map(createdMs),
      );
      const running = seen.filter((m) => m.message!.events.case === "running").map(createdMs);
      const b0 = performance.now();
      spawnSync("sh", ["-c", "true"]);
      const bare = performance.now() - b0;
      if (run === 0) continue; // warm-up
      const lastLeased = Math.max(...leased);
      total.push(Math.max(...running) - t0);
      scheduling.push(lastLeased - t0);
      serverScheduling.push(lastLeased - submittedAt);
      podStart.push(Math.max(...running) - lastLeased);
      bareSpawn.push(bare);
    }

    // 2. throughput
    const jobSetId = "throughput";
    const watching = follow(events, jobSetId, jobCount, new Set(["succeeded", "failed"]));
    const t0 = Date.now();
    for (let sent = 0; sent < jobCount; sent += 200) {
      const n = Math.min(200, jobCount - sent);
      await submit.submitJobs(
        create(JobSubmitRequestSchema, {
          queue: "default",
          jobSetId,
          jobRequestItems: Array.from({ length: n }, () => item() as never),
        }),
      );
    }
    const submitted = Date.now() - t0;
    const seen = await watching;
    const elapsed = Date.now() - t0;
    const failed = seen.filter((m) => m.message!.events.case === "failed").length;
    await new Promise((r) => setTimeout(r, 2000));
    const afterRss = rssMiB(child.pid!);

    const lines = [
      "## embedded Armada",
      "",
      "`armada-spark dev` as its own process (`--ephemeral`, default config: one node of",
      `max(8, 4 x cores) cpus), driven over gRPC from another Node process (\`node dist/bench/dev.js\`).`,
      "Times come from the server's event `created` stamps and the client's clock (same machine).",
      "",
      `Machine: ${describeMachine()}; load average at the end ${loadAverage()}. Measured ${today()}.`,
      "",
      "The scheduling overhead target (<= 200 ms beyond process start for a 5-pod gang) concerns the",
      "first row: SubmitJobs round trip, validation, storage of the jobs and events, and the scheduling",
      "pass, up to the last `leased` event. Pod start is the pod runtime's share (pod directory, loopback",
      "address, hosts file, spawn). The machine is shared with other work (see the load average), so",
      "numbers vary from run to run; compare runs with similar load.",
      "",
      `5-pod gang of \`true\` processes, median of ${runs} runs after a warm-up:`,
      "",
      "| measurement | median (ms) | min (ms) | max (ms) |",
      "|---|---:|---:|---:|",
      ...[
        ["SubmitJobs call -> last member `leased` (scheduling overhead)", scheduling],
        ["of which inside the server: `submitted` -> last `leased`", serverScheduling],
        ["last `leased` -> last `running` (pod start: runtime + process spawn)", podStart],
        ["SubmitJobs call -> all 5 `running`", total],
        ["reference: one bare `sh -c true` spawn + exit in the client", bareSpawn],
      ].map(([label, xs]) => {
        const v = xs as number[];
        return `| ${label as string} | ${median(v).toFixed(1)} | ${Math.min(...v).toFixed(1)} | ${Math.max(...v).toFixed(1)} |`;
      }),
      "",
      `${jobCount} trivial jobs (\`true\`, 100m cpu each; ${Math.ceil(jobCount / 200)} SubmitJobs of up to 200 items):`,
      "",
      "| measurement | value |",
      "|---|---:|",
      `| all submitted (ms) | ${submitted} |`,
      `| submit -> all ended (ms) | ${elapsed} |`,
      `| throughput (jobs/s) | ${((jobCount / elapsed) * 1000).toFixed(0)} |`,
      `| failed | ${failed} |`,
      "",
      "| server resident memory (VmRSS) | MiB |",
      "|---|---:|",
      `| idle after start | ${idleRss.toFixed(1)} |`,
      `| idle after the ${jobCount} jobs | ${afterRss.toFixed(1)} |`,
      "",
    ];
    const section = lines.join("\n");
    process.stdout.write(section + "\n");
    if (values.write) writeResultsSection("## embedded Armada", section);
  } finally {
    await stopDevProcess(server);
  }
}

await main();
