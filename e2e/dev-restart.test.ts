// `armada-spark dev` keeps its state across restarts (SQLite in the state directory): the
// official Python client sees the same job sets afterwards, pods that were running are reported
// lost, message ids keep increasing, and stopping the server stops every pod process.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { restartedReason } from "../src/dev/server/embedded-armada.js";
import { isAfter, parseMessageId } from "../src/dev/server/message-id.js";
import { startDevArmada } from "../src/dev/server/server.js";
import { devClient } from "./support/wire-python.js";

const scratch = mkdtempSync(path.join(os.tmpdir(), "dev-restart-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Ev {
  id: string;
  kind: string;
  jobId: string;
  reason: string;
  created: number;
}

test("a restart loses no state: running pods are reported lost, ids and times keep increasing, new jobs run", async () => {
  const stateDir = path.join(scratch, "state");
  const pidFile = path.join(scratch, "sleeper.pid");

  const first = await startDevArmada({ stateDir, port: 0, lookoutPort: 0 });
  let sleeper: string;
  let before: Ev[];
  try {
    ({ jobId: sleeper } = await devClient<{ jobId: string }>(
      first.grpcAddress,
      "start-sleeper",
      "default",
      "restart",
      pidFile,
    ));
    before = await devClient<Ev[]>(first.grpcAddress, "events", "default", "restart");
  } finally {
    await first.close();
  }
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  assert.throws(() => process.kill(pid, 0), /ESRCH/, "stopping the server stops the pod's process");

  const second = await startDevArmada({ stateDir, port: 0, lookoutPort: 0 });
  try {
    const run = await devClient<{ events: Array<{ kind: string }> }>(
      second.grpcAddress,
      "run",
      "default",
      "restart",
      "echo after",
    );
    assert.equal(run.events.at(-1)!.kind, "succeeded");
    const all = await devClient<Ev[]>(second.grpcAddress, "events", "default", "restart");
    assert.deepEqual(
      all.slice(0, before.length),
      before,
      "events from before the restart are all still there",
    );
    const lost = all.find((e) => e.jobId === sleeper && e.kind === "failed");
    assert.equal(lost?.reason, restartedReason);
    for (let i = 1; i < all.length; i++) {
      assert.ok(
        isAfter(parseMessageId(all[i]!.id), parseMessageId(all[i - 1]!.id)),
        `${all[i]!.id} after ${all[i - 1]!.id}`,
      );
      assert.ok(all[i]!.created >= all[i - 1]!.created);
    }
  } finally {
    await second.close();
  }
});
