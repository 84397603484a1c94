// `armada-spark dev` against Armada's own Python client (armada-client from PyPI, unchanged,
// over an insecure gRPC channel): the embedded Armada must behave as Armada does for it.
// Real parts only: the in-process server with its SQLite store (ephemeral), the local-process
// pod runtime running real shell commands, and the official client.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { resolveConfig } from "../src/dev/server/config.js";
import { startDevArmada, type DevArmada } from "../src/dev/server/server.js";
import { devClient } from "./support/wire-python.js";

let dev: DevArmada;
let scratch: string;

before(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "dev-conformance-"));
  // Two simulated clusters: `east` holds a 3-cpu gang only across its two nodes, `west` cannot.
  const config = resolveConfig(
    {
      clusters: [
        {
          name: "east",
          nodes: [
            { name: "east-1", resources: { cpu: "2", memory: "8Gi" } },
            { name: "east-2", resources: { cpu: "2", memory: "8Gi" } },
          ],
        },
        { name: "west", nodes: [{ name: "west-1", resources: { cpu: "2", memory: "8Gi" } }] },
      ],
      queues: ["default", "e2e"],
    },
    "dev-conformance",
  );
  dev = await startDevArmada({ ephemeral: true, port: 0, lookoutPort: 0, config });
});

after(async () => {
  await dev?.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface EventSummary {
  id: string;
  kind: string;
  jobId: string;
}

const scenario = <T>(name: string, ...args: string[]): Promise<T> =>
  devClient<T>(dev.grpcAddress, name, ...args);

test("queues: create, get, list ending with an EndMarker, duplicate and bad priority factor rejected, health SERVING", async () => {
  const r = await scenario<{
    queue: { name: string; priorityFactor: number };
    listed: string[];
    lastMessage: string;
    duplicate: string;
    badFactor: string;
    missing: string;
    health: number[];
  }>("queues", "py-queue");
  assert.deepEqual(r.queue, { name: "py-queue", priorityFactor: 2 });
  assert.ok(r.listed.includes("py-queue") && r.listed.includes("default"));
  assert.equal(r.lastMessage, "end");
  assert.equal(r.duplicate, "ALREADY_EXISTS");
  assert.equal(r.badFactor, "INVALID_ARGUMENT");
  assert.equal(r.missing, "NOT_FOUND");
  assert.deepEqual(r.health, [1, 1]);
});

test("a shell command job runs through Armada's event sequence to succeeded", async () => {
  const r = await scenario<{ jobId: string; events: EventSummary[]; status: number }>(
    "run",
    "e2e",
    "hello",
    "echo hi",
  );
  assert.deepEqual(
    r.events.map((e) => e.kind),
    ["submitted", "queued", "leased", "pending", "running", "succeeded"],
  );
  assert.match(r.jobId, /^[0-9a-z]{26}$/);
  assert.equal(r.status, 3 /* SUCCEEDED */);
});

test("a failing command ends failed with its exit code", async () => {
  const r = await scenario<{ events: EventSummary[]; exitCodes: number[]; cause: number; status: number }>(
    "run",
    "e2e",
    "failing",
    "exit 3",
  );
  assert.equal(r.events.at(-1)!.kind, "failed");
  assert.deepEqual(r.exitCodes, [3]);
  assert.equal(r.cause, 0 /* Error */);
  assert.equal(r.status, 4 /* FAILED */);
});

test("cancelling a sleeping job gives cancelling then cancelled, and its process is gone", async () => {
  const pidFile = path.join(scratch, "sleep.pid");
  const r = await scenario<{ events: EventSummary[] }>("cancel", "e2e", "cancel", pidFile);
  assert.deepEqual(r.events.map((e) => e.kind).slice(-2), ["cancelling", "cancelled"]);
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  assert.ok(pid > 0);
  assert.throws(() => process.kill(pid, 0), /ESRCH/);
});

test("a gang of 3 with a uniformity label lands entirely on the one cluster that can hold it", async () => {
  const r = await scenario<{
    ids: string[];
    clusters: Record<string, string>;
    outcomes: string[];
    logs: string[][];
  }>("gang", "e2e", "gang", "armada-spark/cluster");
  assert.equal(Object.keys(r.clusters).length, 3);
  assert.deepEqual(new Set(Object.values(r.clusters)), new Set(["east"]));
  assert.deepEqual(r.outcomes, ["succeeded", "succeeded", "succeeded"]);
  for (const lines of r.logs) assert.deepEqual(lines, ["value=east gang=gang-gang"]);
});

test("a job that fits no node is rejected: failed with cause Rejected and the scheduler's reason", async () => {
  const r = await scenario<{ events: EventSummary[]; cause: string; reason: string; status: number }>(
    "reject",
    "e2e",
    "reject",
  );
  assert.deepEqual(
    r.events.map((e) => e.kind),
    ["submitted", "queued", "failed"],
  );
  assert.equal(r.cause, "Rejected");
  assert.match(r.reason, /east:\n.*\n.*\nExcluded nodes:\n 2: insufficient cpu/);
  assert.equal(r.status, 10 /* REJECTED */);
});

test("a watch resumed from a message id gets exactly the later messages; a non-watch read ends", async () => {
  const r = await scenario<{
    all: string[];
    from: string;
    resumed: string[];
    finite: string[];
    missingQueue: string;
  }>("resume", "e2e", "resume");
  assert.match(r.from, /^\d+:\d+:\d+:[01]$/);
  assert.deepEqual(r.resumed, r.all.slice(r.all.indexOf(r.from) + 1));
  assert.deepEqual(r.finite, r.all);
  assert.equal(r.missingQueue, "NOT_FOUND");
});

test("submitting to a missing queue is PERMISSION_DENIED with Armada's message", async () => {
  const r = await scenario<{ code: string; details: string }>("missing-queue");
  assert.equal(r.code, "PERMISSION_DENIED");
  assert.equal(r.details, 'could not find queue "no-such-queue"');
});

test("requests different from limits are INVALID_ARGUMENT", async () => {
  const r = await scenario<{ code: string; details: string }>("invalid", "e2e");
  assert.equal(r.code, "INVALID_ARGUMENT");
  assert.match(r.details, /container main defines cpu with limits great than 1.00\*requests/);
});
