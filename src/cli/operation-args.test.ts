import assert from "node:assert/strict";
import test from "node:test";
import { UsageError } from "../conf/errors.js";
import { durationFlag, parseOperationArgs, requireJobSet } from "./operation-args.js";

test("operations default to queue 'default' and text output, and take the master from the flag or env", () => {
  const a = parseOperationArgs(["app-1"], {}, {});
  assert.equal(a.queue, "default");
  assert.equal(a.output, "text");
  assert.equal(a.master, undefined);
  assert.equal(requireJobSet(a), "app-1");
  const b = parseOperationArgs(["app-1", "-q", "team", "-o", "json"], {}, { ARMADA_MASTER: "armada://h:1" });
  assert.equal(b.queue, "team");
  assert.equal(b.output, "json");
  assert.equal(b.master?.url, "armada://h:1");
  const c = parseOperationArgs(["x", "--master=armada+tls://a.example"], {}, { ARMADA_QUEUE: "env-q" });
  assert.deepEqual([c.master?.tls, c.master?.port, c.queue], [true, 50051, "env-q"]);
});

test("bad operation flags are usage errors naming the flag, the value and the expected form", () => {
  assert.throws(
    () => parseOperationArgs(["x", "--master", "k8s://h"], {}, {}),
    (e: unknown) =>
      e instanceof UsageError &&
      /--master: "k8s:\/\/h" is invalid .*expected armada:\/\/host:port/.test(e.message),
  );
  assert.throws(
    () => parseOperationArgs(["x", "-o", "xml"], {}, {}),
    (e: unknown) =>
      e instanceof UsageError &&
      /-o\/--output: "xml" is invalid: expected text, json or yaml/.test(e.message),
  );
  assert.throws(() => parseOperationArgs(["--bogus"], {}, {}), UsageError);
  assert.throws(() => requireJobSet(parseOperationArgs([], {}, {})), /missing the application's job set id/);
});

test("duration flags take seconds or a unit, and reject anything else naming the flag (kill --wait abc once meant 'do not wait')", () => {
  assert.equal(durationFlag("--wait", "60"), 60_000);
  assert.equal(durationFlag("--wait", "2min"), 120_000);
  assert.equal(durationFlag("--wait", "0"), 0);
  assert.throws(
    () => durationFlag("--wait", "abc"),
    (err: unknown) => err instanceof UsageError && /^--wait: "abc" is invalid/.test(err.message),
  );
  assert.throws(() => durationFlag("--timeout", "-5"), /--timeout: "-5" is invalid/);
});
