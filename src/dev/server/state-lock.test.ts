import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { lockStateDir } from "./state-lock.js";

test("a state directory is used by one server at a time; a dead owner's lock is taken over", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "state-lock-"));
  try {
    // pid 1 is always alive and never us.
    writeFileSync(path.join(dir, "dev.lock"), "1");
    assert.throws(() => lockStateDir(dir), /already used by another armada-spark dev \(pid 1\)/);
    writeFileSync(path.join(dir, "dev.lock"), "999999999");
    const lock = lockStateDir(dir);
    lock.release();
    lockStateDir(dir).release();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
