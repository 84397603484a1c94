import { test } from "node:test";
import assert from "node:assert/strict";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { isStreamBreak, resumableEvents } from "./event-stream.js";
import { EventStreamMessageSchema } from "./gen/pkg/api/event_pb.js";
import type { EventStreamMessage } from "./gen/pkg/api/event_pb.js";

const msg = (id: string): EventStreamMessage =>
  create(EventStreamMessageSchema, { id, message: { events: { case: "queued", value: { jobId: id } } } });
const policy = { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1, multiplier: 1 };
const noSleep = { sleep: async () => {} };

async function collect(it: AsyncIterable<{ id: string }>): Promise<string[]> {
  const out: string[] = [];
  for await (const e of it) out.push(e.id);
  return out;
}

test("a server that resends the resume point after reconnecting does not cause a duplicate", async () => {
  let opens = 0;
  async function* open(from: string) {
    opens++;
    if (opens === 1) {
      yield msg("a");
      throw new ConnectError("http/2 stream closed with error code INTERNAL_ERROR (0x2)", Code.Internal);
    }
    assert.equal(from, "a");
    yield msg("a");
    yield msg("b");
  }
  assert.deepEqual(await collect(resumableEvents(open, "", policy, undefined, noSleep)), ["a", "b"]);
});

test("consecutive failures without progress give up after maxAttempts", async () => {
  let opens = 0;
  // eslint-disable-next-line require-yield
  async function* open(): AsyncGenerator<EventStreamMessage> {
    opens++;
    throw new ConnectError("down", Code.Unavailable);
  }
  await assert.rejects(collect(resumableEvents(open, "", policy, undefined, noSleep)), /down/);
  assert.equal(opens, 3);
});

test("starting from a message id resumes strictly after it", async () => {
  const seen: string[] = [];
  async function* open(from: string) {
    seen.push(from);
    yield msg("y");
  }
  assert.deepEqual(await collect(resumableEvents(open, "x", policy, undefined, noSleep)), ["y"]);
  assert.deepEqual(seen, ["x"]);
});

test("a stream reset by a server shutting down (CANCELED, RST_STREAM CANCEL) is resumed after the last id", async () => {
  const closed = "http/2 stream closed with error code CANCEL (0x8)";
  assert.equal(isStreamBreak(new ConnectError(closed, Code.Canceled)), true);
  assert.equal(isStreamBreak(new ConnectError("operation was aborted", Code.Canceled)), false);
  const seen: string[] = [];
  async function* open(from: string) {
    seen.push(from);
    if (seen.length === 1) {
      yield msg("a");
      throw new ConnectError(closed, Code.Canceled);
    }
    yield msg("b");
  }
  assert.deepEqual(await collect(resumableEvents(open, "", policy, undefined, noSleep)), ["a", "b"]);
  assert.deepEqual(seen, ["", "a"]);
});

test("the caller's own abort ends the stream without a retry", async () => {
  const stop = new AbortController();
  let opens = 0;
  async function* open() {
    opens++;
    yield msg("a");
    stop.abort();
    throw new ConnectError("http/2 stream closed with error code CANCEL (0x8)", Code.Canceled);
  }
  await assert.rejects(collect(resumableEvents(open, "", policy, stop.signal, noSleep)), /CANCEL/);
  assert.equal(opens, 1);
});
