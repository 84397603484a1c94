import { test } from "node:test";
import assert from "node:assert/strict";
import { create } from "@bufbuild/protobuf";
import { JobSubmitRequestSchema } from "./gen/pkg/api/submit_pb.js";
import { chunkRequest, maxItemsPerRequest, withClientIds } from "./submit-chunks.js";

const request = (n: number, clientId = (i: number) => `c${i}`) =>
  create(JobSubmitRequestSchema, {
    queue: "q",
    jobSetId: "set",
    jobRequestItems: Array.from({ length: n }, (_, i) => ({ clientId: clientId(i), namespace: `ns${i}` })),
  });

test("requests are split into chunks of at most 200 items, in order, keeping queue and job set", () => {
  const chunks = chunkRequest(request(450));
  assert.equal(maxItemsPerRequest, 200);
  assert.deepEqual(
    chunks.map((c) => c.jobRequestItems.length),
    [200, 200, 50],
  );
  assert.ok(chunks.every((c) => c.queue === "q" && c.jobSetId === "set"));
  assert.deepEqual(
    chunks.flatMap((c) => c.jobRequestItems.map((i) => i.namespace)),
    request(450).jobRequestItems.map((i) => i.namespace),
  );
});

test("exactly 200 items stay one request; an empty request yields no chunk", () => {
  assert.equal(chunkRequest(request(200)).length, 1);
  assert.equal(chunkRequest(request(0)).length, 0);
});

test("items without a client_id get a fresh one; existing ids are kept; the input is not mutated", () => {
  const input = request(3, (i) => (i === 1 ? "keep" : ""));
  let n = 0;
  const out = withClientIds(input, () => `new${n++}`);
  assert.deepEqual(
    out.jobRequestItems.map((i) => i.clientId),
    ["new0", "keep", "new1"],
  );
  assert.deepEqual(
    input.jobRequestItems.map((i) => i.clientId),
    ["", "keep", ""],
  );
  assert.equal(out.jobRequestItems[0]!.namespace, "ns0");
});
