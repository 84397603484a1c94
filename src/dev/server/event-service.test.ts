import assert from "node:assert/strict";
import { test } from "node:test";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { JobSubmitRequestSchema } from "../../armada/gen/pkg/api/submit_pb.js";
import { resolveConfig } from "./config.js";
import { EmbeddedArmada } from "./embedded-armada.js";
import { jobSetEvents } from "./event-service.js";
import { FakeRuntime } from "./test-support.js";
import { Store } from "./store.js";

function setup() {
  const runtime = new FakeRuntime();
  const armada = new EmbeddedArmada({
    store: new Store(":memory:"),
    config: resolveConfig({ queues: ["q"] }, "t"),
    runtime,
  });
  // Cordoned: nothing gets leased, so a set holds exactly the events a test makes.
  armada.setCordoned("q", true);
  const submit = () =>
    armada.submit(
      create(JobSubmitRequestSchema, {
        queue: "q",
        jobSetId: "s",
        jobRequestItems: [
          {
            namespace: "default",
            podSpecs: [
              {
                containers: [
                  {
                    name: "m",
                    resources: { requests: { cpu: { string: "1" } }, limits: { cpu: { string: "1" } } },
                  },
                ],
              },
            ],
          },
        ],
      }),
      "u",
    )[0]!;
  return { armada, runtime, submit };
}

const request = (over: Partial<Parameters<typeof jobSetEvents>[1]> = {}) => ({
  queue: "q",
  jobSetId: "s",
  fromMessageId: "",
  watch: false,
  errorIfMissing: false,
  ...over,
});

async function collect(gen: AsyncGenerator<{ id: string }>): Promise<string[]> {
  const ids: string[] = [];
  for await (const m of gen) ids.push(m.id);
  return ids;
}

async function codeOf(gen: AsyncGenerator<unknown>): Promise<Code | undefined> {
  try {
    await gen.next();
  } catch (e) {
    return ConnectError.from(e).code;
  }
  return undefined;
}

test("without watch, the stream sends the set's events and ends", async () => {
  const { armada, submit } = setup();
  submit();
  const ids = await collect(jobSetEvents(armada, request(), new AbortController().signal));
  assert.equal(ids.length, 2);
});

test("a stream resumed from a message id sends only strictly later messages", async () => {
  const { armada, submit } = setup();
  submit();
  submit();
  const all = await collect(jobSetEvents(armada, request(), new AbortController().signal));
  const later = await collect(
    jobSetEvents(armada, request({ fromMessageId: all[1]! }), new AbortController().signal),
  );
  assert.deepEqual(later, all.slice(2));
});

test("a watch delivers events appended after it started, until the client goes away", async () => {
  const { armada, submit } = setup();
  const abort = new AbortController();
  const stream = jobSetEvents(armada, request({ watch: true }), abort.signal);
  const first = stream.next();
  submit();
  assert.equal((await first).done, false);
  assert.equal((await stream.next()).done, false);
  const pending = stream.next();
  abort.abort();
  assert.equal((await pending).done, true);
});

test("missing queue is NOT_FOUND; a missing set is NOT_FOUND only with errorIfMissing; bad ids are UNKNOWN", async () => {
  const { armada } = setup();
  const signal = new AbortController().signal;
  assert.equal(await codeOf(jobSetEvents(armada, request({ queue: "nope" }), signal)), Code.NotFound);
  assert.equal(await codeOf(jobSetEvents(armada, request({ errorIfMissing: true }), signal)), Code.NotFound);
  assert.deepEqual(await collect(jobSetEvents(armada, request(), signal)), []);
  assert.equal(
    await codeOf(jobSetEvents(armada, request({ fromMessageId: "garbage" }), signal)),
    Code.Unknown,
  );
});
