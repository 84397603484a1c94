import assert from "node:assert/strict";
import { Writable } from "node:stream";
import test from "node:test";
import { applyEvent, emptyApplication } from "../track/application-state.js";
import type { JobEvent } from "../track/job-event.js";
import { createPrinter } from "./application-printer.js";

function sink(): { out: Writable; text: () => string } {
  let text = "";
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { out, text: () => text };
}

const running: JobEvent = {
  messageId: "1",
  jobId: "d",
  jobSetId: "s",
  queue: "q",
  kind: "running",
  created: new Date(0),
  nodeName: "n1",
  role: "driver",
};
const state = applyEvent(emptyApplication("q", "s"), { ...running, kind: "submitted" });

test("on a terminal the live line is cleared and the outcome is the last thing written", () => {
  const { out, text } = sink();
  const printer = createPrinter("tty", out, 2, Date.now());
  const s = applyEvent(state, running);
  printer.event(s, running);
  assert.match(text(), /driver running on n1 \| executors 0\/2 running/);
  printer.outcome(s, { exitCode: 0, reason: "application succeeded" });
  assert.ok(text().endsWith("\r\x1b[2K✓ application succeeded (exit code 0)\n"), JSON.stringify(text()));
});

test("plain output is one line per event, and JSON output one object per line", () => {
  const plain = sink();
  const p = createPrinter("plain", plain.out, 2);
  p.event(applyEvent(state, running), running);
  p.outcome(state, { exitCode: 4, reason: "driver failed with exit code 1" });
  assert.equal(plain.text(), "driver (d) running on n1\n✗ driver failed with exit code 1 (exit code 4)\n");
  const json = sink();
  const j = createPrinter("json", json.out, 2);
  j.event(applyEvent(state, running), running);
  j.outcome(state, { exitCode: 0, reason: "application succeeded" });
  const lines = json
    .text()
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    lines.map((l) => [l.type, l.event ?? l.exitCode]),
    [
      ["event", "running"],
      ["outcome", 0],
    ],
  );
});
