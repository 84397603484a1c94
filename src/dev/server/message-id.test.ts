import assert from "node:assert/strict";
import { test } from "node:test";
import { formatMessageId, isAfter, MessageClock, parseMessageId, startOfStream } from "./message-id.js";

test("message ids use Armada's <ms>:<seq>:<subIdx>:<last> format and parse back", () => {
  const id = { ms: 1700000000123, seq: 42, subIdx: 0, last: true };
  assert.equal(formatMessageId(id), "1700000000123:42:0:1");
  assert.deepEqual(parseMessageId("1700000000123:42:0:1"), id);
  assert.deepEqual(parseMessageId("5:6:2:false"), { ms: 5, seq: 6, subIdx: 2, last: false });
});

test("the empty id means the start of the stream", () => {
  assert.deepEqual(parseMessageId(""), startOfStream);
});

test("legacy Redis ids are accepted as subIdx 0, last", () => {
  assert.deepEqual(parseMessageId("1700000000123-7"), { ms: 1700000000123, seq: 7, subIdx: 0, last: true });
});

test("malformed ids are rejected with Armada's wording", () => {
  assert.throws(() => parseMessageId("abc"), /abc is not a valid sequence number/);
  assert.throws(() => parseMessageId("1:2:3"), /not a valid sequence number/);
  assert.throws(() => parseMessageId("1:2:3:maybe"), /not a valid sequence number/);
});

test("isAfter orders by time, then sequence, then sub-index", () => {
  const a = { ms: 10, seq: 5, subIdx: 0, last: true };
  assert.equal(isAfter({ ...a, ms: 11, seq: 0 }, a), true);
  assert.equal(isAfter({ ...a, seq: 6 }, a), true);
  assert.equal(isAfter({ ...a, subIdx: 1 }, a), true);
  assert.equal(isAfter(a, a), false);
  assert.equal(isAfter({ ...a, ms: 9, seq: 100 }, a), false);
});

test("the message clock never goes backwards, even when the wall clock does or it is seeded later", () => {
  let wall = 1000;
  const clock = new MessageClock(1500, () => wall);
  assert.equal(clock.nextMs(), 1500);
  wall = 2000;
  assert.equal(clock.nextMs(), 2000);
  wall = 1200;
  assert.equal(clock.nextMs(), 2000);
});
