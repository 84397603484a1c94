// Lookout's jobs-table URL format (the query string Lookout's UI writes with the `qs` library):
//   page=0 & ps=50 & sort[id]=jobId & sort[desc]=true & active=false & refresh=true
//   & f[0][id]=queue & f[0][value][0]=<queue> & f[0][match]=anyOf
//   & f[1][id]=jobSet & f[1][value]=<jobSetId> & f[1][match]=startsWith & sb=<jobId>
// parsed into the filters and order of a /api/v1/jobs request, and written back.

import {
  isJobState,
  isMatch,
  type Direction,
  type Filter,
  type GetJobsRequest,
  type Match,
  type Order,
} from "./lookout-types.js";

export interface TableQuery {
  readonly filters: readonly Filter[];
  readonly order: Order;
  readonly pageIndex: number;
  readonly pageSize: number;
  readonly activeJobSets: boolean;
  readonly autoRefresh: boolean;
  /** The job whose details are open (`sb`). */
  readonly sidebarJobId?: string;
}

export const defaultPageSize = 50;
export const maxPageSize = 1000;
export const defaultOrder: Order = { field: "jobId", direction: "DESC" };

const annotationPrefix = "annotation_";

/** Table column ids that differ from the API field they show. */
const fieldOfColumn: Readonly<Record<string, string>> = {
  timeSubmittedUtc: "submitted",
  timeSubmittedAgo: "submitted",
  lastTransitionTimeUtc: "lastTransitionTime",
  timeInState: "lastTransitionTime",
};

/** The match Lookout's UI uses for a column when the URL names none. */
function defaultMatch(field: string, isAnnotation: boolean): Match {
  if (isAnnotation) return "startsWith";
  switch (field) {
    case "jobId":
    case "cluster":
    case "node":
    case "exitCode":
      return "exact";
    case "queue":
    case "state":
      return "anyOf";
    case "submitted":
    case "lastTransitionTime":
      return "greaterThanOrEqualTo";
    case "cpu":
    case "memory":
    case "ephemeralStorage":
    case "gpu":
    case "priority":
      return "exact";
    default:
      return "startsWith";
  }
}

type Nested = string | Nested[] | { [key: string]: Nested };

/** `a[b][0]=x` -> { a: { b: ["x"] } }, as `qs.parse` does for what Lookout writes. */
export function parseNestedQuery(search: string): Record<string, Nested> {
  const root: Record<string, Nested> = {};
  for (const [key, value] of new URLSearchParams(search.startsWith("?") ? search.slice(1) : search)) {
    const head = /^[^[\]]+/.exec(key)?.[0];
    if (!head) continue;
    const path = [head, ...[...key.slice(head.length).matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let node: Record<string, Nested> = root;
    for (let i = 0; i < path.length; i++) {
      let segment = path[i]!;
      if (segment === "") segment = String(Object.keys(node).length); // a[]=x appends
      if (i === path.length - 1) {
        if (node[segment] === undefined) node[segment] = value;
        break;
      }
      const next = node[segment];
      if (typeof next === "object" && next !== null) {
        node = next as Record<string, Nested>;
      } else {
        const created: Record<string, Nested> = {};
        node[segment] = created;
        node = created;
      }
    }
  }
  return arraysFromIndexedObjects(root) as Record<string, Nested>;
}

/** Objects whose keys are all indices become arrays in index order (qs's arrayLimit aside). */
function arraysFromIndexedObjects(node: Nested): Nested {
  if (typeof node === "string") return node;
  const entries = Object.entries(node).map(([k, v]) => [k, arraysFromIndexedObjects(v)] as const);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

function text(n: Nested | undefined): string | undefined {
  if (typeof n === "string") return n;
  if (Array.isArray(n) && typeof n[0] === "string") return n[0];
  return undefined;
}

function texts(n: Nested | undefined): string[] {
  if (typeof n === "string") return [n];
  if (Array.isArray(n)) return n.filter((v): v is string => typeof v === "string");
  if (n && typeof n === "object") return Object.values(n).filter((v): v is string => typeof v === "string");
  return [];
}

function int(n: Nested | undefined, fallback: number, min: number, max: number): number {
  const t = text(n);
  if (t === undefined || !/^\d+$/.test(t)) return fallback;
  return Math.min(max, Math.max(min, Number(t)));
}

function bool(n: Nested | undefined, fallback: boolean): boolean {
  const t = text(n)?.toLowerCase();
  return t === "true" ? true : t === "false" ? false : fallback;
}

function filterOf(raw: Nested): Filter | undefined {
  if (typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const id = text(raw["id"]);
  if (!id) return undefined;
  const isAnnotation = id.startsWith(annotationPrefix) && id.length > annotationPrefix.length;
  const field = isAnnotation ? id.slice(annotationPrefix.length) : (fieldOfColumn[id] ?? id);
  const rawMatch = text(raw["match"]);
  let match: Match = isMatch(rawMatch) ? rawMatch : defaultMatch(field, isAnnotation);
  // Lookout turned the queue filter from single-valued into anyOf: exact becomes anyOf, any
  // other match on queue is dropped (JobsTablePreferencesService does the same).
  if (field === "queue" && !isAnnotation) {
    if (match === "exact") match = "anyOf";
    if (match !== "anyOf") return undefined;
  }
  if (match === "exists") return { field, match, value: "", ...(isAnnotation ? { isAnnotation } : {}) };
  let value: unknown;
  if (match === "anyOf") {
    const values = texts(raw["value"]);
    value = field === "state" && !isAnnotation ? values.filter(isJobState) : values;
  } else {
    value = text(raw["value"]);
    if (value === undefined) return undefined;
  }
  return { field, match, value, ...(isAnnotation ? { isAnnotation } : {}) };
}

/** Reads the table state from a Lookout URL's query string; anything malformed falls back to
 * Lookout's defaults rather than failing (a page should open for any link). */
export function parseTableQuery(search: string): TableQuery {
  const q = parseNestedQuery(search);
  const f = q["f"];
  const rawFilters: Nested[] = Array.isArray(f) ? f : f && typeof f === "object" ? Object.values(f) : [];
  const filters = rawFilters.map(filterOf).filter((x): x is Filter => x !== undefined);
  let order = defaultOrder;
  const sort = q["sort"];
  if (sort && typeof sort === "object" && !Array.isArray(sort)) {
    const id = text(sort["id"]);
    if (id) {
      const direction: Direction = text(sort["desc"])?.toLowerCase() === "true" ? "DESC" : "ASC";
      order = { field: fieldOfColumn[id] ?? id, direction };
    }
  }
  const sidebarJobId = text(q["sb"]);
  return {
    filters,
    order,
    pageIndex: int(q["page"], 0, 0, Number.MAX_SAFE_INTEGER),
    pageSize: int(q["ps"], defaultPageSize, 1, maxPageSize),
    activeJobSets: bool(q["active"], false),
    autoRefresh: bool(q["refresh"], true),
    ...(sidebarJobId ? { sidebarJobId } : {}),
  };
}

/** The /api/v1/jobs request for the table's page; one extra row tells whether a next page exists. */
export function jobsRequestOf(query: TableQuery): GetJobsRequest {
  return {
    filters: [...query.filters],
    order: query.order,
    activeJobSets: query.activeJobSets,
    skip: query.pageIndex * query.pageSize,
    take: query.pageSize + 1,
  };
}

function columnOf(filter: Filter): string {
  return filter.isAnnotation ? `${annotationPrefix}${filter.field}` : filter.field;
}

/** Writes the table state in Lookout's URL format (the inverse of parseTableQuery). */
export function formatTableQuery(query: TableQuery): string {
  const parts: Array<[string, string]> = [
    ["page", String(query.pageIndex)],
    ["sort[id]", query.order.field],
    ["sort[desc]", String(query.order.direction === "DESC")],
    ["ps", String(query.pageSize)],
    ["active", String(query.activeJobSets)],
    ["refresh", String(query.autoRefresh)],
  ];
  query.filters.forEach((filter, i) => {
    parts.push([`f[${i}][id]`, columnOf(filter)]);
    if (Array.isArray(filter.value)) {
      filter.value.forEach((v, j) => parts.push([`f[${i}][value][${j}]`, String(v)]));
    } else {
      parts.push([`f[${i}][value]`, String(filter.value ?? "")]);
    }
    parts.push([`f[${i}][match]`, filter.match]);
  });
  if (query.sidebarJobId) parts.push(["sb", query.sidebarJobId]);
  // Brackets stay readable, as in the links armada-spark prints; values are encoded.
  return parts.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
}

/** The table of one job set (the link `armada-spark submit` prints), optionally with a job open. */
export function jobSetQuery(queue: string, jobSet: string, sidebarJobId?: string): TableQuery {
  return {
    filters: [
      { field: "queue", match: "anyOf", value: [queue] },
      { field: "jobSet", match: "startsWith", value: jobSet },
    ],
    order: defaultOrder,
    pageIndex: 0,
    pageSize: defaultPageSize,
    activeJobSets: false,
    autoRefresh: true,
    ...(sidebarJobId ? { sidebarJobId } : {}),
  };
}

/** The one (queue, job set) a query pins down, if it does: the application view shows it. */
export function pinnedJobSet(query: TableQuery): { queue: string; jobSet: string } | undefined {
  const queueFilter = query.filters.find((f) => f.field === "queue" && !f.isAnnotation);
  const setFilter = query.filters.find(
    (f) => f.field === "jobSet" && !f.isAnnotation && (f.match === "exact" || f.match === "startsWith"),
  );
  const queues = Array.isArray(queueFilter?.value) ? queueFilter.value : [];
  if (queues.length !== 1 || typeof setFilter?.value !== "string" || setFilter.value === "") return undefined;
  return { queue: String(queues[0]), jobSet: setFilter.value };
}
