// Lookout's job queries evaluated in memory over Lookout Job objects: filters, order, paging,
// and grouping with aggregates (internal/lookout/repository: tables.go, aggregates.go).

import {
  activeJobStates,
  jobStates,
  type Filter,
  type GetJobsRequest,
  type Group,
  type GroupJobsRequest,
  type Job,
  type Order,
} from "./lookout-types.js";

export class QueryError extends Error {
  override readonly name = "QueryError";
}

const timeFields: ReadonlySet<string> = new Set(["submitted", "lastTransitionTime", "cancelled"]);
const numberFields: ReadonlySet<string> = new Set([
  "cpu",
  "memory",
  "ephemeralStorage",
  "gpu",
  "priority",
  "exitCode",
  "runtimeSeconds",
]);
const stringFields: ReadonlySet<string> = new Set([
  "jobId",
  "queue",
  "jobSet",
  "owner",
  "namespace",
  "state",
  "priorityClass",
  "cluster",
  "node",
  "pool",
  "cancelReason",
  "cancelUser",
  "lastActiveRunId",
]);
/** Fields Lookout can group by (plus any annotation). */
export const groupableFields: ReadonlySet<string> = new Set([
  "queue",
  "namespace",
  "jobSet",
  "state",
  "cluster",
  "node",
]);

function isKnownField(field: string): boolean {
  return timeFields.has(field) || numberFields.has(field) || stringFields.has(field);
}

function fieldValue(job: Job, field: string, isAnnotation: boolean | undefined): unknown {
  if (isAnnotation) return job.annotations[field];
  return (job as unknown as Record<string, unknown>)[field];
}

/** Comparable form: times as ms, numbers as numbers, the rest as strings. */
function comparable(field: string, v: unknown): number | string | undefined {
  if (v === undefined || v === null) return undefined;
  if (timeFields.has(field)) {
    const ms = typeof v === "number" ? v : Date.parse(String(v));
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (numberFields.has(field)) {
    const n = Number(v);
    return Number.isNaN(n) ? undefined : n;
  }
  return String(v);
}

export function validateFilter(filter: Filter): void {
  if (typeof filter.field !== "string" || filter.field === "")
    throw new QueryError("filter field must not be empty");
  if (!filter.isAnnotation && !isKnownField(filter.field)) {
    throw new QueryError(`column for field ${filter.field} not found`);
  }
  if (filter.match === "anyOf" && !Array.isArray(filter.value)) {
    throw new QueryError(`filter on ${filter.field}: match anyOf needs an array value`);
  }
}

export function matchesFilter(job: Job, filter: Filter): boolean {
  const raw = fieldValue(job, filter.field, filter.isAnnotation);
  if (filter.match === "exists") return raw !== undefined;
  const actual = comparable(filter.field, raw);
  if (actual === undefined) return false;
  switch (filter.match) {
    case "exact":
      return actual === comparable(filter.field, filter.value);
    case "anyOf":
      return (filter.value as unknown[]).some((v) => comparable(filter.field, v) === actual);
    case "startsWith":
      return String(actual).startsWith(String(filter.value));
    case "contains":
      return String(actual).includes(String(filter.value));
    default: {
      const expected = comparable(filter.field, filter.value);
      if (expected === undefined) return false;
      if (filter.match === "greaterThan") return actual > expected;
      if (filter.match === "lessThan") return actual < expected;
      if (filter.match === "greaterThanOrEqualTo") return actual >= expected;
      return actual <= expected;
    }
  }
}

function compareValues(a: number | string | undefined, b: number | string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

function sortJobs(jobs: Job[], order: Order): Job[] {
  const sign = order.direction === "DESC" ? -1 : 1;
  return jobs.sort(
    (x, y) =>
      sign *
        compareValues(
          comparable(order.field, fieldValue(x, order.field, false)),
          comparable(order.field, fieldValue(y, order.field, false)),
        ) || sign * compareValues(x.jobId, y.jobId),
  );
}

function page<T>(items: T[], skip: number, take: number): T[] {
  return items.slice(skip, take > 0 ? skip + take : undefined);
}

/** Jobs of job sets that still have an active job (Lookout's `activeJobSets`). */
function inActiveJobSets(jobs: readonly Job[]): Job[] {
  const active = new Set(
    jobs.filter((j) => activeJobStates.has(j.state)).map((j) => `${j.queue}\u0000${j.jobSet}`),
  );
  return jobs.filter((j) => active.has(`${j.queue}\u0000${j.jobSet}`));
}

function filtered(jobs: readonly Job[], request: GetJobsRequest): Job[] {
  request.filters.forEach(validateFilter);
  const base = request.activeJobSets ? inActiveJobSets(jobs) : [...jobs];
  return base.filter((job) => request.filters.every((f) => matchesFilter(job, f)));
}

export function queryJobs(jobs: readonly Job[], request: GetJobsRequest): Job[] {
  if (!isKnownField(request.order.field))
    throw new QueryError(`column for field ${request.order.field} not found`);
  return page(sortJobs(filtered(jobs, request), request.order), request.skip, request.take);
}

/** The states a state-count aggregate reports: those a state filter allows, in Lookout's order. */
function statesForFilters(filters: readonly Filter[]): string[] {
  const stateFilter = filters.find((f) => f.field === "state" && !f.isAnnotation);
  if (stateFilter?.match === "exact") return [String(stateFilter.value)];
  if (stateFilter?.match === "anyOf" && Array.isArray(stateFilter.value)) {
    const wanted = new Set(stateFilter.value.map(String));
    return jobStates.filter((s) => wanted.has(s));
  }
  return [...jobStates];
}

function isoSeconds(ms: number): string {
  return new Date(Math.round(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

function aggregate(name: string, members: readonly Job[], filters: readonly Filter[]): [string, unknown] {
  switch (name) {
    case "submitted":
      return [name, isoSeconds(Math.min(...members.map((j) => Date.parse(j.submitted))))];
    case "lastTransitionTime": {
      const times = members.map((j) => Date.parse(j.lastTransitionTime));
      return [name, isoSeconds(times.reduce((a, b) => a + b, 0) / times.length)];
    }
    case "state": {
      const counts: Record<string, number> = {};
      for (const s of statesForFilters(filters)) counts[s] = members.filter((j) => j.state === s).length;
      return [name, counts];
    }
    default:
      throw new QueryError(`no aggregate found for field ${name}`);
  }
}

export function groupJobs(jobs: readonly Job[], request: GroupJobsRequest): Group[] {
  const { field, isAnnotation } = request.groupedField;
  if (!isAnnotation && !groupableFields.has(field)) throw new QueryError(`cannot group by field ${field}`);
  const byName = new Map<string, Job[]>();
  for (const job of filtered(jobs, request)) {
    const value = fieldValue(job, field, isAnnotation);
    // Lookout leaves jobs without the annotation out of an annotation grouping.
    if (isAnnotation && value === undefined) continue;
    const name = value === undefined || value === null ? "" : String(value);
    byName.set(name, [...(byName.get(name) ?? []), job]);
  }
  const groups: Group[] = [...byName].map(([name, members]) => ({
    name,
    count: members.length,
    aggregates: Object.fromEntries(request.aggregates.map((a) => aggregate(a, members, request.filters))),
  }));
  const sign = request.order.direction === "DESC" ? -1 : 1;
  const key = (g: Group): number | string | undefined => {
    if (request.order.field === "count") return g.count;
    if (request.order.field === field) return g.name;
    const v = g.aggregates[request.order.field];
    if (v === undefined) throw new QueryError(`cannot order groups by ${request.order.field}`);
    return typeof v === "string" ? Date.parse(v) : undefined;
  };
  groups.sort((a, b) => sign * compareValues(key(a), key(b)) || compareValues(a.name, b.name));
  return page(groups, request.skip, request.take);
}
