import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LookoutRestApi } from "./rest-api.js";
import { fakeSource, jobRecord, times } from "./test-support.js";

const { t0 } = times;
const jobs = [
  jobRecord({
    jobId: "01a",
    state: "SUCCEEDED",
    submittedMs: t0,
    lastTransitionMs: t0 + 9000,
    annotations: { "armadaproject.io/gangId": "g1" },
    exitCode: 0,
    runs: [
      {
        runId: "r1",
        cluster: "dev",
        node: "dev-node-0",
        pool: "default",
        state: "RUN_SUCCEEDED",
        leasedMs: t0 + 1000,
        pendingMs: t0 + 2000,
        startedMs: t0 + 3000,
        finishedMs: t0 + 9000,
        exitCode: 0,
      },
    ],
  }),
  jobRecord({
    jobId: "01b",
    state: "RUNNING",
    submittedMs: t0 + 1000,
    lastTransitionMs: t0 + 5000,
    annotations: { "armadaproject.io/gangId": "g1" },
  }),
  jobRecord({
    jobId: "01c",
    jobSet: "set-b",
    state: "FAILED",
    submittedMs: t0 + 2000,
    lastTransitionMs: t0 + 4000,
    error: "container main exited 3",
    exitCode: 3,
    runs: [
      {
        runId: "r3",
        cluster: "dev",
        state: "RUN_FAILED",
        leasedMs: t0 + 2500,
        exitCode: 3,
        error: "exited 3",
      },
    ],
  }),
  jobRecord({
    jobId: "01d",
    queue: "other",
    jobSet: "set-c",
    state: "CANCELLED",
    submittedMs: t0 + 3000,
    lastTransitionMs: t0 + 3500,
  }),
];

const api = new LookoutRestApi(fakeSource(jobs), () => t0 + 10_000);

function post(path: string, body: unknown) {
  const r = api.handle("POST", path, body)!;
  return { status: r.status, body: JSON.parse(r.body) as Record<string, unknown> };
}

function ids(body: Record<string, unknown>): string[] {
  return (body.jobs as Array<{ jobId: string }>).map((j) => j.jobId);
}

describe("Lookout REST API", () => {
  it("returns jobs in Lookout's Job shape with ISO times, millicores, runs and runtime", () => {
    const { status, body } = post("/api/v1/jobs", {
      filters: [{ field: "jobId", match: "exact", value: "01a" }],
      order: { field: "jobId", direction: "ASC" },
    });
    assert.equal(status, 200);
    const [job] = body.jobs as Array<Record<string, unknown>>;
    assert.deepEqual(job, {
      jobId: "01a",
      queue: "q",
      owner: "alice",
      namespace: "default",
      jobSet: "set-a",
      cpu: 1000,
      memory: 2 ** 30,
      ephemeralStorage: 0,
      gpu: 0,
      priority: 0,
      priorityClass: "armada-default",
      submitted: "2026-01-02T10:00:00.000Z",
      state: "SUCCEEDED",
      lastTransitionTime: "2026-01-02T10:00:09.000Z",
      lastActiveRunId: "r1",
      duplicate: false,
      annotations: { "armadaproject.io/gangId": "g1" },
      runs: [
        {
          runId: "r1",
          cluster: "dev",
          node: "dev-node-0",
          pool: "default",
          jobRunState: "RUN_SUCCEEDED",
          leased: "2026-01-02T10:00:01.000Z",
          pending: "2026-01-02T10:00:02.000Z",
          started: "2026-01-02T10:00:03.000Z",
          finished: "2026-01-02T10:00:09.000Z",
          exitCode: 0,
        },
      ],
      cluster: "dev",
      node: "dev-node-0",
      pool: "default",
      exitCode: 0,
      runtimeSeconds: 6,
    });
  });

  it("filters by queue anyOf and job-set prefix, as the printed link asks", () => {
    const { body } = post("/api/v1/jobs", {
      filters: [
        { field: "queue", match: "anyOf", value: ["q"] },
        { field: "jobSet", match: "startsWith", value: "set-" },
      ],
      order: { field: "jobId", direction: "DESC" },
      skip: 0,
      take: 50,
    });
    assert.deepEqual(ids(body), ["01c", "01b", "01a"]);
  });

  it("filters by state, annotation and time, and keeps only active job sets when asked", () => {
    const order = { field: "jobId", direction: "ASC" };
    assert.deepEqual(
      ids(
        post("/api/v1/jobs", {
          filters: [{ field: "state", match: "anyOf", value: ["FAILED", "CANCELLED"] }],
          order,
        }).body,
      ),
      ["01c", "01d"],
    );
    assert.deepEqual(
      ids(
        post("/api/v1/jobs", {
          filters: [{ field: "armadaproject.io/gangId", match: "exact", value: "g1", isAnnotation: true }],
          order,
        }).body,
      ),
      ["01a", "01b"],
    );
    assert.deepEqual(
      ids(
        post("/api/v1/jobs", {
          filters: [{ field: "submitted", match: "greaterThanOrEqualTo", value: "2026-01-02T10:00:02Z" }],
          order,
        }).body,
      ),
      ["01c", "01d"],
    );
    assert.deepEqual(ids(post("/api/v1/jobs", { filters: [], order, activeJobSets: true }).body), [
      "01a",
      "01b",
    ]);
  });

  it("sorts by submitted or lastTransitionTime and pages with skip and take", () => {
    const bySubmitted = post("/api/v1/jobs", {
      filters: [],
      order: { field: "submitted", direction: "DESC" },
      skip: 1,
      take: 2,
    });
    assert.deepEqual(ids(bySubmitted.body), ["01c", "01b"]);
    const byTransition = post("/api/v1/jobs", {
      filters: [],
      order: { field: "lastTransitionTime", direction: "ASC" },
    });
    assert.deepEqual(ids(byTransition.body), ["01d", "01c", "01b", "01a"]);
  });

  it("answers malformed requests with 400 and Lookout's error object", () => {
    const badMatch = post("/api/v1/jobs", {
      filters: [{ field: "queue", match: "like", value: "q" }],
      order: { field: "jobId", direction: "ASC" },
    });
    assert.equal(badMatch.status, 400);
    assert.match(String(badMatch.body.error), /match "like"/);
    assert.equal(
      post("/api/v1/jobs", { filters: [], order: { field: "jobId", direction: "UP" } }).status,
      400,
    );
    assert.equal(
      post("/api/v1/jobs", {
        filters: [{ field: "color", match: "exact", value: "x" }],
        order: { field: "jobId", direction: "ASC" },
      }).status,
      400,
    );
    assert.equal(post("/api/v1/jobs", []).status, 400);
  });

  it("groups jobs by job set with state counts and the earliest submission", () => {
    const { status, body } = post("/api/v1/jobGroups", {
      filters: [{ field: "queue", match: "anyOf", value: ["q"] }],
      order: { field: "count", direction: "DESC" },
      groupedField: { field: "jobSet", isAnnotation: false },
      aggregates: ["state", "submitted"],
    });
    assert.equal(status, 200);
    const groups = body.groups as Array<{ name: string; count: number; aggregates: Record<string, unknown> }>;
    assert.deepEqual(
      groups.map((g) => [g.name, g.count]),
      [
        ["set-a", 2],
        ["set-b", 1],
      ],
    );
    assert.equal(groups[0]!.aggregates.submitted, "2026-01-02T10:00:00Z");
    const counts = groups[0]!.aggregates.state as Record<string, number>;
    assert.equal(counts.SUCCEEDED, 1);
    assert.equal(counts.RUNNING, 1);
    assert.equal(counts.FAILED, 0);
  });

  it("limits state counts to the states a state filter allows", () => {
    const { body } = post("/api/v1/jobGroups", {
      filters: [{ field: "state", match: "anyOf", value: ["RUNNING", "SUCCEEDED"] }],
      order: { field: "count", direction: "DESC" },
      groupedField: { field: "queue" },
      aggregates: ["state"],
    });
    const [group] = body.groups as Array<{ aggregates: { state: Record<string, number> } }>;
    assert.deepEqual(group!.aggregates.state, { RUNNING: 1, SUCCEEDED: 1 });
  });

  it("rejects grouping by a field Lookout cannot group by", () => {
    const r = post("/api/v1/jobGroups", {
      filters: [],
      order: { field: "count", direction: "DESC" },
      groupedField: { field: "jobId" },
      aggregates: [],
    });
    assert.equal(r.status, 400);
  });

  it("returns a job's spec, its error and a run's error, and 404 for unknown ids", () => {
    assert.deepEqual(post("/api/v1/jobSpec", { jobId: "01a" }).body, {
      job: { id: "01a", podSpec: { containers: [{ name: "main" }] } },
    });
    assert.deepEqual(post("/api/v1/jobError", { jobId: "01c" }).body, {
      errorString: "container main exited 3",
    });
    assert.deepEqual(post("/api/v1/jobError", { jobId: "01a" }).body, { errorString: "" });
    assert.deepEqual(post("/api/v1/jobRunError", { runId: "r3" }).body, { errorString: "exited 3" });
    assert.equal(post("/api/v1/jobSpec", { jobId: "nope" }).status, 404);
    assert.equal(post("/api/v1/jobRunError", { runId: "nope" }).status, 404);
    assert.equal(post("/api/v1/jobError", {}).status, 400);
  });

  it("answers GET /health with OK and leaves other paths to the caller", () => {
    const health = api.handle("GET", "/health", undefined)!;
    assert.equal(health.status, 200);
    assert.equal(health.body, "OK");
    assert.equal(api.handle("GET", "/jobs/x", undefined), undefined);
    assert.equal(api.handle("GET", "/api/v1/jobs", undefined)!.status, 405);
  });
});
