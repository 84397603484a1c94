import { test } from "node:test";
import assert from "node:assert/strict";
import { Code, ConnectError } from "@connectrpc/connect";
import { backoffDelayMs, withRetry } from "./retry.js";

const policy = { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 1_000, multiplier: 2 };

test("backoff grows exponentially up to the cap, scaled by the jitter draw", () => {
  const top = () => 0.999999;
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((r) => backoffDelayMs(r, policy, top)),
    [99, 199, 399, 799, 999, 999],
  );
  assert.equal(
    backoffDelayMs(3, policy, () => 0),
    0,
  );
  assert.equal(
    backoffDelayMs(3, policy, () => 0.5),
    400,
  );
});

test("UNAVAILABLE is retried until the call succeeds, sleeping the jittered backoff between", async () => {
  const slept: number[] = [];
  let calls = 0;
  const result = await withRetry(
    async () => {
      calls++;
      if (calls < 3) throw new ConnectError("down", Code.Unavailable);
      return "ok";
    },
    policy,
    { sleep: async (ms) => void slept.push(ms), random: () => 0.5 },
  );
  assert.equal(result, "ok");
  assert.equal(calls, 3);
  assert.deepEqual(slept, [50, 100]);
});

test("gives up after maxAttempts and rethrows the last error", async () => {
  let calls = 0;
  await assert.rejects(
    withRetry(
      async () => {
        calls++;
        throw new ConnectError(`down ${calls}`, Code.Unavailable);
      },
      policy,
      { sleep: async () => {} },
    ),
    /down 4/,
  );
  assert.equal(calls, 4);
});

test("errors other than UNAVAILABLE are not retried", async () => {
  let calls = 0;
  await assert.rejects(
    withRetry(
      async () => {
        calls++;
        throw new ConnectError("bad", Code.InvalidArgument);
      },
      policy,
      { sleep: async () => {} },
    ),
    /bad/,
  );
  assert.equal(calls, 1);
});
