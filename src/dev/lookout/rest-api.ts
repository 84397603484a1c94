// Lookout's REST endpoints over a LookoutDataSource, in Lookout's JSON shapes (swagger "Lookout v2
// API"): POST /api/v1/jobs, /api/v1/jobGroups, /api/v1/jobSpec, /api/v1/jobError,
// /api/v1/jobRunError; GET /health. Errors are `{"error": "..."}` with status 400 (404 for an
// unknown job or run).

import type { LookoutDataSource } from "./data-source.js";
import { groupJobs, QueryError, queryJobs } from "./job-query.js";
import { lookoutJob } from "./lookout-job.js";
import {
  isMatch,
  type Filter,
  type GetJobsRequest,
  type GroupJobsRequest,
  type Job,
  type Order,
} from "./lookout-types.js";

export interface ApiResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export function json(status: number, value: unknown): ApiResponse {
  return { status, contentType: "application/json", body: JSON.stringify(value) };
}

function badRequest(message: string): ApiResponse {
  return json(400, { error: message });
}

type Body = Record<string, unknown>;

function isRecord(v: unknown): v is Body {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function filtersOf(raw: unknown): Filter[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new QueryError("filters must be an array");
  return raw.map((f, i) => {
    if (!isRecord(f)) throw new QueryError(`filters[${i}] must be an object`);
    if (typeof f.field !== "string" || f.field === "")
      throw new QueryError(`filters[${i}].field must be a non-empty string`);
    if (!isMatch(f.match))
      throw new QueryError(`filters[${i}].match ${JSON.stringify(f.match)} is not a valid match`);
    return { field: f.field, match: f.match, value: f.value, isAnnotation: f.isAnnotation === true };
  });
}

function orderOf(raw: unknown): Order {
  if (raw === undefined || raw === null) return { field: "jobId", direction: "DESC" };
  if (!isRecord(raw) || typeof raw.field !== "string" || raw.field === "") {
    throw new QueryError("order must be {field, direction}");
  }
  if (raw.direction !== "ASC" && raw.direction !== "DESC") {
    throw new QueryError(`order.direction ${JSON.stringify(raw.direction)} must be ASC or DESC`);
  }
  return { field: raw.field, direction: raw.direction };
}

function count(raw: unknown, name: string): number {
  if (raw === undefined || raw === null) return 0;
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 0)
    throw new QueryError(`${name} must be an integer >= 0`);
  return raw;
}

export function parseJobsRequest(body: unknown): GetJobsRequest {
  if (!isRecord(body)) throw new QueryError("request body must be a JSON object");
  return {
    filters: filtersOf(body.filters),
    order: orderOf(body.order),
    activeJobSets: body.activeJobSets === true,
    skip: count(body.skip, "skip"),
    take: count(body.take, "take"),
  };
}

export function parseGroupJobsRequest(body: unknown): GroupJobsRequest {
  const base = parseJobsRequest(body);
  const b = body as Body;
  const g = b.groupedField;
  if (!isRecord(g) || typeof g.field !== "string" || g.field === "") {
    throw new QueryError("groupedField must be {field, isAnnotation}");
  }
  const aggregates = b.aggregates ?? [];
  if (!Array.isArray(aggregates) || !aggregates.every((a) => typeof a === "string")) {
    throw new QueryError("aggregates must be an array of field names");
  }
  const order = isRecord(b.order) ? base.order : { field: "count", direction: "DESC" as const };
  return {
    ...base,
    order,
    groupedField: { field: g.field, isAnnotation: g.isAnnotation === true },
    aggregates,
  };
}

function idOf(body: unknown, key: "jobId" | "runId"): string {
  if (!isRecord(body) || typeof body[key] !== "string" || body[key] === "") {
    throw new QueryError(`${key} must be a non-empty string`);
  }
  return body[key];
}

export class LookoutRestApi {
  constructor(
    private readonly source: LookoutDataSource,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every job in Lookout's shape. */
  allJobs(): Job[] {
    const nowMs = this.now();
    return this.source.listJobs().map((j) => lookoutJob(j, nowMs));
  }

  /** Answers a request whose path starts with /api/v1/ or is /health; undefined for any other path. */
  handle(method: string, path: string, body: unknown): ApiResponse | undefined {
    if (path === "/health") {
      return method === "GET" || method === "HEAD"
        ? { status: 200, contentType: "text/plain; charset=utf-8", body: "OK" }
        : json(405, { error: "method not allowed" });
    }
    if (!path.startsWith("/api/v1/")) return undefined;
    if (method !== "POST") return json(405, { error: `${path} expects POST with a JSON body` });
    try {
      switch (path) {
        case "/api/v1/jobs":
          return json(200, { jobs: queryJobs(this.allJobs(), parseJobsRequest(body)) });
        case "/api/v1/jobGroups":
          return json(200, { groups: groupJobs(this.allJobs(), parseGroupJobsRequest(body)) });
        case "/api/v1/jobSpec": {
          const jobId = idOf(body, "jobId");
          const job = this.source.jobSpec(jobId);
          return job === undefined ? json(404, { error: `job ${jobId} not found` }) : json(200, { job });
        }
        case "/api/v1/jobError": {
          const jobId = idOf(body, "jobId");
          const job = this.source.getJob(jobId);
          return job
            ? json(200, { errorString: job.error ?? "" })
            : json(404, { error: `job ${jobId} not found` });
        }
        case "/api/v1/jobRunError": {
          const runId = idOf(body, "runId");
          const run = this.findRun(runId);
          return run
            ? json(200, { errorString: run.error ?? "" })
            : json(404, { error: `run ${runId} not found` });
        }
        default:
          return json(404, { error: `no endpoint ${path}` });
      }
    } catch (e) {
      if (e instanceof QueryError) return badRequest(e.message);
      throw e;
    }
  }

  private findRun(runId: string) {
    for (const job of this.source.listJobs()) {
      const run = job.runs.find((r) => r.runId === runId);
      if (run) return run;
    }
    return undefined;
  }
}
