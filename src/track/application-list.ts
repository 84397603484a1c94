// `list`: applications (job sets) of a queue with their states, from Lookout's job groups. Armada's
// gRPC API has no way to list job sets; Lookout's REST API (and `armada-spark dev`'s) does.

export interface JobSetGroup {
  name: string;
  count: number;
  aggregates: { state?: Record<string, number>; submitted?: string };
}

export interface ApplicationRow {
  jobSetId: string;
  jobs: number;
  /** running | queued | succeeded | failed | cancelled | mixed ended states, from the counts. */
  state: string;
  states: Record<string, number>;
  submitted?: string;
}

/** The body of Lookout's POST /api/v1/jobGroups for the queue's job sets, newest first. */
export function jobSetGroupsRequest(queue: string, take: number): Record<string, unknown> {
  return {
    filters: [{ field: "queue", match: "exact", value: queue, isAnnotation: false }],
    order: { field: "submitted", direction: "DESC" },
    groupedField: { field: "jobSet", isAnnotation: false },
    aggregates: ["state", "submitted"],
    activeJobSets: false,
    skip: 0,
    take,
  };
}

const active = ["RUNNING", "PENDING", "LEASED", "QUEUED"];

function applicationState(states: Record<string, number>): string {
  const present = Object.entries(states)
    .filter(([, n]) => n > 0)
    .map(([s]) => s);
  // The most advanced active state says what the application is doing.
  for (const s of active) if (present.includes(s)) return s.toLowerCase();
  if (present.length === 1) return present[0]!.toLowerCase();
  for (const s of ["FAILED", "PREEMPTED", "REJECTED", "CANCELLED"])
    if (present.includes(s)) return s.toLowerCase();
  return present.length === 0 ? "unknown" : "succeeded";
}

export function applicationRows(groups: readonly JobSetGroup[]): ApplicationRow[] {
  return groups.map((g) => {
    const states = Object.fromEntries(Object.entries(g.aggregates.state ?? {}).filter(([, n]) => n > 0));
    return {
      jobSetId: g.name,
      jobs: g.count,
      state: applicationState(states),
      states,
      ...(g.aggregates.submitted ? { submitted: g.aggregates.submitted } : {}),
    };
  });
}

export function applicationTable(rows: readonly ApplicationRow[]): string {
  const cells = rows.map((r) => [
    r.jobSetId,
    r.state,
    String(r.jobs),
    Object.entries(r.states)
      .map(([s, n]) => `${n} ${s.toLowerCase()}`)
      .join(", "),
    r.submitted ?? "",
  ]);
  const header = ["JOB SET", "STATE", "JOBS", "JOB STATES", "SUBMITTED"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), ...cells.map(line)].join("\n") + "\n";
}
