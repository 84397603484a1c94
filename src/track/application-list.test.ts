import assert from "node:assert/strict";
import test from "node:test";
import { applicationRows, applicationTable, jobSetGroupsRequest } from "./application-list.js";

test("the request asks Lookout for the queue's job sets with state counts, newest first", () => {
  const body = jobSetGroupsRequest("team", 50) as {
    filters: unknown[];
    groupedField: unknown;
    order: unknown;
  };
  assert.deepEqual(body.filters, [{ field: "queue", match: "exact", value: "team", isAnnotation: false }]);
  assert.deepEqual(body.groupedField, { field: "jobSet", isAnnotation: false });
  assert.deepEqual(body.order, { field: "submitted", direction: "DESC" });
});

test("an application's state is its most advanced active state, else how it ended", () => {
  const rows = applicationRows([
    { name: "a", count: 3, aggregates: { state: { RUNNING: 2, QUEUED: 1, FAILED: 0 } } },
    { name: "b", count: 3, aggregates: { state: { SUCCEEDED: 3 }, submitted: "2026-01-01T00:00:00Z" } },
    { name: "c", count: 3, aggregates: { state: { SUCCEEDED: 2, FAILED: 1 } } },
    { name: "d", count: 2, aggregates: { state: { CANCELLED: 2 } } },
  ]);
  assert.deepEqual(
    rows.map((r) => r.state),
    ["running", "succeeded", "failed", "cancelled"],
  );
  assert.deepEqual(rows[0]!.states, { RUNNING: 2, QUEUED: 1 });
  const table = applicationTable(rows).split("\n");
  assert.match(table[0]!, /^JOB SET\s+STATE\s+JOBS\s+JOB STATES\s+SUBMITTED$/);
  assert.match(table[2]!, /^b\s+succeeded\s+3\s+3 succeeded\s+2026-01-01T00:00:00Z$/);
});
