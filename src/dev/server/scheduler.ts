// The scheduler: pure. State in (nodes, queues, queued and running jobs), decisions out (leases
// and rejections). Gangs are placed all or nothing within one value of their node-uniformity
// label (or within one cluster when they name none); queues share capacity by priority factor;
// within a queue, lower `priority` values go first, then submission order.

import type { GangInfo } from "./gang.js";
import { formatQuantity } from "../../conf/quantity.js";

export type Resources = Readonly<Record<string, number>>;

export interface SchedNode {
  readonly cluster: string;
  readonly pool: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly capacity: Resources;
}

export interface SchedQueue {
  readonly name: string;
  readonly priorityFactor: number;
  readonly cordoned: boolean;
}

export interface QueuedJob {
  readonly id: string;
  readonly queue: string;
  readonly priority: number;
  /** Submission order (any increasing number). */
  readonly order: number;
  readonly requests: Resources;
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** requiredDuringSchedulingIgnoredDuringExecution node selector terms (any term may match). */
  readonly nodeAffinity?: readonly NodeSelectorTerm[];
  readonly gang?: GangInfo;
  /** Already known to fit some empty node (a previous pass checked): skips the check. */
  readonly fitsSomeNode?: boolean;
}

export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** All requirements of a term must hold. */
export interface NodeSelectorTerm {
  readonly matchExpressions: readonly NodeSelectorRequirement[];
}

export interface RunningJob {
  readonly id: string;
  readonly queue: string;
  readonly node: string;
  readonly requests: Resources;
  readonly gangId?: string;
}

export interface SchedulerInput {
  readonly nodes: readonly SchedNode[];
  readonly queues: readonly SchedQueue[];
  readonly queued: readonly QueuedJob[];
  readonly running: readonly RunningJob[];
}

export interface Lease {
  readonly jobId: string;
  readonly cluster: string;
  readonly pool: string;
  readonly node: string;
  /** For gangs with a uniformity label: the label and the value the gang landed on. */
  readonly uniformity?: { readonly label: string; readonly value: string };
}

export interface Rejection {
  readonly jobId: string;
  readonly reason: string;
}

export interface Decisions {
  readonly leases: Lease[];
  readonly rejections: Rejection[];
}

type Free = Map<string, Record<string, number>>;

/** One scheduling pass. */
export function schedule(input: SchedulerInput): Decisions {
  const leases: Lease[] = [];
  const rejections: Rejection[] = [];
  const free = freeCapacity(input.nodes, input.running);
  const totals = totalCapacity(input.nodes);
  const nodeByName = new Map(input.nodes.map((n) => [n.name, n]));

  // Usage per queue drives fairness: cost = dominant share x priority factor (weight 1/factor).
  const usage = new Map<string, number>();
  for (const r of input.running)
    usage.set(r.queue, (usage.get(r.queue) ?? 0) + dominantShare(r.requests, totals));

  const units = formUnits(input, rejections);
  const queueByName = new Map(input.queues.map((q) => [q.name, q]));
  const pending = new Map<string, Unit[]>();
  for (const unit of units) {
    const q = queueByName.get(unit.queue);
    if (!q || q.cordoned) continue;
    const list = pending.get(unit.queue) ?? [];
    list.push(unit);
    pending.set(unit.queue, list);
  }
  for (const list of pending.values()) list.sort((a, b) => a.priority - b.priority || a.order - b.order);

  while (pending.size > 0) {
    let best: string | undefined;
    let bestCost = Infinity;
    for (const name of [...pending.keys()].sort()) {
      const cost = (usage.get(name) ?? 0) * (queueByName.get(name)?.priorityFactor ?? 1);
      if (cost < bestCost) {
        best = name;
        bestCost = cost;
      }
    }
    const list = pending.get(best!)!;
    const unit = list.shift()!;
    if (list.length === 0) pending.delete(best!);

    const placed = place(unit, input.nodes, free);
    if (!placed) continue; // stays queued: capacity may free up later
    for (const lease of placed) {
      const node = nodeByName.get(lease.node)!;
      subtract(free.get(node.name)!, unit.jobs.find((j) => j.id === lease.jobId)!.requests);
      leases.push(lease);
    }
    const share = unit.jobs.reduce((sum, j) => sum + dominantShare(j.requests, totals), 0);
    usage.set(unit.queue, (usage.get(unit.queue) ?? 0) + share);
  }
  return { leases, rejections };
}

interface Unit {
  readonly queue: string;
  readonly priority: number;
  readonly order: number;
  readonly jobs: readonly QueuedJob[];
  readonly gang?: GangInfo;
}

/** Groups gang members, rejects what can never run, and leaves incomplete gangs waiting. */
function formUnits(input: SchedulerInput, rejections: Rejection[]): Unit[] {
  const units: Unit[] = [];
  const gangs = new Map<string, QueuedJob[]>();
  const emptyFree = freeCapacity(input.nodes, []);
  for (const job of input.queued) {
    const impossible = job.fitsSomeNode ? undefined : fitsNowhere(job, input.nodes, emptyFree);
    if (impossible) {
      rejections.push({ jobId: job.id, reason: impossible });
      continue;
    }
    if (!job.gang) {
      units.push({ queue: job.queue, priority: job.priority, order: job.order, jobs: [job] });
      continue;
    }
    const key = `${job.queue}\u0000${job.gang.id}`;
    const members = gangs.get(key) ?? [];
    members.push(job);
    gangs.set(key, members);
  }
  for (const members of gangs.values()) {
    const first = members[0]!;
    const gang = first.gang!;
    const running = input.running.filter((r) => r.queue === first.queue && r.gangId === gang.id).length;
    const reject = (reason: string) => members.forEach((m) => rejections.push({ jobId: m.id, reason }));
    if (running > 0) {
      reject(`gang ${gang.id} already has ${running} member(s) scheduled; new members cannot join it`);
      continue;
    }
    if (members.length > gang.cardinality) {
      reject(`gang ${gang.id} has ${members.length} members but its cardinality is ${gang.cardinality}`);
      continue;
    }
    if (members.length < gang.cardinality) continue; // wait for the rest of the gang
    const unit: Unit = {
      queue: first.queue,
      priority: Math.min(...members.map((m) => m.priority)),
      order: Math.min(...members.map((m) => m.order)),
      jobs: [...members].sort((a, b) => a.order - b.order),
      gang,
    };
    const impossible = gangFitsNowhere(unit, input.nodes, emptyFree);
    if (impossible) {
      reject(impossible);
      continue;
    }
    units.push(unit);
  }
  return units;
}

/** Leases for every job of the unit, or undefined when it does not fit now. */
function place(unit: Unit, nodes: readonly SchedNode[], free: Free): Lease[] | undefined {
  if (!unit.gang) {
    const job = unit.jobs[0]!;
    const node = nodes.find((n) => matches(job, n) && fits(job.requests, free.get(n.name)!));
    return node ? [{ jobId: job.id, cluster: node.cluster, pool: node.pool, node: node.name }] : undefined;
  }
  for (const domain of domains(unit.gang, nodes)) {
    const trial: Free = new Map(domain.nodes.map((n) => [n.name, { ...free.get(n.name)! }]));
    const leases: Lease[] = [];
    for (const job of unit.jobs) {
      const node = domain.nodes.find((n) => matches(job, n) && fits(job.requests, trial.get(n.name)!));
      if (!node) break;
      subtract(trial.get(node.name)!, job.requests);
      leases.push({
        jobId: job.id,
        cluster: node.cluster,
        pool: node.pool,
        node: node.name,
        ...(domain.uniformity ? { uniformity: domain.uniformity } : {}),
      });
    }
    if (leases.length === unit.jobs.length) return leases;
  }
  return undefined;
}

interface Domain {
  readonly nodes: readonly SchedNode[];
  readonly uniformity?: { label: string; value: string };
}

/** The node sets a gang may span: one per value of its uniformity label, else one per cluster. */
function domains(gang: GangInfo, nodes: readonly SchedNode[]): Domain[] {
  const label = gang.nodeUniformityLabel;
  const byKey = new Map<string, SchedNode[]>();
  for (const n of nodes) {
    const key = label ? n.labels[label] : n.cluster;
    if (key === undefined) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), n]);
  }
  return [...byKey.entries()].map(([value, ns]) => ({
    nodes: ns,
    ...(label ? { uniformity: { label, value } } : {}),
  }));
}

function matches(job: QueuedJob, node: SchedNode): boolean {
  if (!Object.entries(job.nodeSelector).every(([k, v]) => node.labels[k] === v)) return false;
  const terms = job.nodeAffinity;
  return (
    !terms ||
    terms.length === 0 ||
    terms.some((t) => t.matchExpressions.every((r) => requirementHolds(r, node.labels)))
  );
}

/** Kubernetes' node selector operators. */
function requirementHolds(r: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const value = labels[r.key];
  switch (r.operator) {
    case "In":
      return value !== undefined && r.values.includes(value);
    case "NotIn":
      return value === undefined || !r.values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
    case "Lt": {
      const [bound] = r.values;
      if (value === undefined || bound === undefined || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(bound))
        return false;
      return r.operator === "Gt" ? Number(value) > Number(bound) : Number(value) < Number(bound);
    }
    default:
      return false;
  }
}

function fits(requests: Resources, free: Record<string, number>): boolean {
  return Object.entries(requests).every(([r, amount]) => amount <= (free[r] ?? 0) + 1e-9);
}

function subtract(free: Record<string, number>, requests: Resources): void {
  for (const [r, amount] of Object.entries(requests)) free[r] = (free[r] ?? 0) - amount;
}

function freeCapacity(nodes: readonly SchedNode[], running: readonly RunningJob[]): Free {
  const free: Free = new Map(nodes.map((n) => [n.name, { ...n.capacity }]));
  for (const r of running) {
    const f = free.get(r.node);
    if (f) subtract(f, r.requests);
  }
  return free;
}

function totalCapacity(nodes: readonly SchedNode[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const n of nodes) for (const [r, v] of Object.entries(n.capacity)) total[r] = (total[r] ?? 0) + v;
  return total;
}

function dominantShare(requests: Resources, totals: Resources): number {
  let share = 0;
  for (const [r, v] of Object.entries(requests)) {
    const total = totals[r] ?? 0;
    if (total > 0) share = Math.max(share, v / total);
  }
  return share;
}

/** Why a job fits no node even on an empty cluster (Armada's submit check), else undefined. */
function fitsNowhere(job: QueuedJob, nodes: readonly SchedNode[], empty: Free): string | undefined {
  if (nodes.some((n) => matches(job, n) && fits(job.requests, empty.get(n.name)!))) return undefined;
  const clusters = [...new Set(nodes.map((n) => n.cluster))];
  let text = "";
  for (const cluster of clusters) {
    const clusterNodes = nodes.filter((n) => n.cluster === cluster);
    const excluded = new Map<string, number>();
    for (const n of clusterNodes) {
      const reason = !matches(job, n)
        ? "node does not match pod NodeSelector or node affinity"
        : `insufficient ${Object.entries(job.requests)
            .filter(([r, v]) => v > (n.capacity[r] ?? 0) + 1e-9)
            .map(
              ([r, v]) =>
                `${r} (requested ${formatQuantity(r, v)}, node has ${formatQuantity(r, n.capacity[r] ?? 0)})`,
            )
            .join(", ")}`;
      excluded.set(reason, (excluded.get(reason) ?? 0) + 1);
    }
    text += `${cluster}:\n${podSchedulingContext(clusterNodes.length, excluded)}---\n`;
  }
  return text;
}

// Armada's PodSchedulingContext.String(), whose first two lines go through a tabwriter.
function podSchedulingContext(numNodes: number, excluded: Map<string, number>): string {
  const head = ["Node:", "Number of nodes in cluster:"];
  const width = Math.max(...head.map((h) => h.length)) + 1;
  let text = `${head[0]!.padEnd(width)}none\n${head[1]!.padEnd(width)}${numNodes}\nExcluded nodes:\n`;
  for (const [reason, count] of excluded)
    text += ` ${`${count}:`.padEnd(String(count).length + 2)}${reason}\n`;
  return text;
}

function gangFitsNowhere(unit: Unit, nodes: readonly SchedNode[], empty: Free): string | undefined {
  const gang = unit.gang!;
  const label = gang.nodeUniformityLabel;
  if (label && !nodes.some((n) => label in n.labels)) {
    return `uniformity label ${label} is not indexed`;
  }
  if (place(unit, nodes, empty)) return undefined;
  // Report per cluster how many members would fit, as Armada's submit check does.
  let text = "";
  for (const cluster of [...new Set(nodes.map((n) => n.cluster))]) {
    const clusterNodes = nodes.filter((n) => n.cluster === cluster);
    const trial: Free = new Map(clusterNodes.map((n) => [n.name, { ...empty.get(n.name)! }]));
    let placed = 0;
    for (const job of unit.jobs) {
      const node = clusterNodes.find((n) => matches(job, n) && fits(job.requests, trial.get(n.name)!));
      if (!node) continue;
      subtract(trial.get(node.name)!, job.requests);
      placed++;
    }
    text += `${cluster}: ${placed} out of ${unit.jobs.length} pods schedulable\n`;
  }
  if (label) text += `no single value of node uniformity label ${label} has room for the whole gang\n`;
  return text;
}
