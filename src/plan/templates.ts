// Parsed templates as the pure plan receives them (reading them is I/O, done by the CLI: src/cli/plan-inputs.ts), and how
// they combine for one item: job template item < role item template < planned values, where values
// the plan only defaulted yield to a template (documented in docs/plan.md).
import { keys } from "../conf/keys.js";
import type { ResolvedConf } from "../conf/resolved-conf.js";
import type { JsonObject, Role } from "./model.js";
import { TemplateError } from "./template-error.js";
import { isJsonObject, mergeOverTemplate } from "./template-merge.js";

export interface LoadedTemplate {
  /** Where it came from, for messages. */
  file: string;
  /** Checked against the message definitions, with canonical JSON field names. */
  value: JsonObject;
}

export interface PlanTemplates {
  /** spark.armada.jobTemplate: a JobSubmitRequest (queue, jobSetId, at most one item for all pods). */
  job?: LoadedTemplate;
  driverItem?: LoadedTemplate;
  executorItem?: LoadedTemplate;
}

/** The template for one role's items: the job template's item, then the role's item template over it. */
export function itemTemplateFor(role: Role, templates: PlanTemplates): JsonObject | undefined {
  const jobItems = templates.job?.value["jobRequestItems"];
  let base: JsonObject | undefined;
  if (Array.isArray(jobItems) && jobItems.length > 0) {
    if (jobItems.length > 1 || !isJsonObject(jobItems[0])) {
      throw new TemplateError(
        `${templates.job!.file}: jobRequestItems must hold at most one item (applied to the driver and every executor), found ${jobItems.length}`,
      );
    }
    base = jobItems[0];
  }
  const roleTemplate = role === "driver" ? templates.driverItem?.value : templates.executorItem?.value;
  if (base === undefined) return roleTemplate;
  return roleTemplate === undefined ? base : mergeOverTemplate(base, roleTemplate);
}

/**
 * Fields the plan fills with a default when the user configured nothing: a template's value wins
 * over such a default, never over a value the user configured.
 */
const defaultedFields: { key: string; path: (string | number)[]; role?: Role }[] = [
  { key: keys.namespace.name, path: ["namespace"] },
  { key: keys.runAsUser.name, path: ["podSpecs", 0, "securityContext", "runAsUser"] },
  {
    key: keys.executorPreemptionGracePeriod.name,
    path: ["podSpecs", 0, "terminationGracePeriodSeconds"],
    role: "executor",
  },
];

/** The planned item merged over its template. */
export function applyItemTemplate(
  planned: JsonObject,
  template: JsonObject,
  role: Role,
  conf: ResolvedConf,
): JsonObject {
  let over = planned;
  for (const f of defaultedFields) {
    if (f.role !== undefined && f.role !== role) continue;
    if (conf.raw(f.key) === undefined && getPath(template, f.path) !== undefined)
      over = deletePath(over, f.path);
  }
  return mergeOverTemplate(template, over);
}

function getPath(v: unknown, path: (string | number)[]): unknown {
  let cur = v;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

/** A copy of `v` without the value at `path` (copies only along the path). */
function deletePath(v: JsonObject, path: (string | number)[]): JsonObject {
  const [head, ...rest] = path;
  if (head === undefined || !(head in v)) return v;
  const copy: JsonObject = { ...v };
  if (rest.length === 0) {
    delete copy[head];
    return copy;
  }
  const child = copy[head];
  if (Array.isArray(child)) {
    const i = rest[0] as number;
    const arr = [...child];
    const el = arr[i];
    if (isJsonObject(el)) arr[i] = deletePath(el, rest.slice(1));
    copy[head] = arr;
  } else if (isJsonObject(child)) {
    copy[head] = deletePath(child, rest);
  }
  return copy;
}
