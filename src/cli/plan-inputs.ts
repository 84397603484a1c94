// What the pure plan needs from the outside world, gathered at the edge: the ids (random, or
// fixed for tests with ARMADA_SPARK_FIXED_IDS=1) and the templates the configuration names,
// read from files, file:// or http(s):// URLs.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { ResolvedConf } from "../conf/resolved-conf.js";
import { fixedPlanIds, randomPlanIds, type PlanIds } from "../plan/plan-ids.js";
import type { PlanTemplates } from "../plan/templates.js";

export async function readLocation(location: string): Promise<string> {
  if (/^https?:\/\//i.test(location)) {
    const response = await fetch(location, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    return await response.text();
  }
  return await readFile(location.startsWith("file:") ? fileURLToPath(location) : location, "utf8");
}

export async function loadPlanTemplates(conf: ResolvedConf): Promise<PlanTemplates> {
  const { hasTemplates, loadTemplates } = await import("../plan/template-load.js");
  return hasTemplates(conf) ? await loadTemplates(conf, readLocation) : {};
}

/** Fixed ids are for tests and golden files only: Armada would deduplicate real submissions. */
export function planIds(env: Readonly<Record<string, string | undefined>> = process.env): PlanIds {
  return env["ARMADA_SPARK_FIXED_IDS"] === "1" ? fixedPlanIds() : randomPlanIds();
}
