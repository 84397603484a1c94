// Loads the templates named by the configuration (I/O: files, file:// and http(s):// URLs), parses
// their YAML and checks every field against the Armada/Kubernetes message definitions. Called by
// the CLI before the pure plan; the yaml package and the generated descriptors load only here.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { keys } from "../conf/keys.js";
import type { ResolvedConf } from "../conf/resolved-conf.js";
import { TemplateError } from "./template-error.js";
import type { LoadedTemplate, PlanTemplates } from "./templates.js";

export type ReadLocation = (location: string) => Promise<string>;

export async function readLocation(location: string): Promise<string> {
  if (/^https?:\/\//i.test(location)) {
    const response = await fetch(location, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    return await response.text();
  }
  return await readFile(location.startsWith("file:") ? fileURLToPath(location) : location, "utf8");
}

export function hasTemplates(conf: ResolvedConf): boolean {
  return [keys.jobTemplate, keys.driverJobItemTemplate, keys.executorJobItemTemplate].some(
    (k) => conf.get(k) !== undefined,
  );
}

export async function loadTemplates(
  conf: ResolvedConf,
  read: ReadLocation = readLocation,
): Promise<PlanTemplates> {
  const job = conf.get(keys.jobTemplate);
  const driver = conf.get(keys.driverJobItemTemplate);
  const executor = conf.get(keys.executorJobItemTemplate);
  if (job === undefined && driver === undefined && executor === undefined) return {};
  const [{ parse }, { checkTemplate }, submit] = await Promise.all([
    import("yaml"),
    import("./template-fields.js"),
    import("../armada/gen/pkg/api/submit_pb.js"),
  ]);
  const load = async (keyName: string, location: string, schema: Parameters<typeof checkTemplate>[1]) => {
    let text: string;
    try {
      text = await read(location);
    } catch (e) {
      throw new TemplateError(`${keyName}: cannot read ${location}: ${(e as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = parse(text);
    } catch (e) {
      throw new TemplateError(`${location} (${keyName}): not valid YAML: ${(e as Error).message}`);
    }
    const loaded: LoadedTemplate = {
      file: location,
      value: checkTemplate(parsed ?? {}, schema, `${location} (${keyName})`),
    };
    return loaded;
  };
  const templates: PlanTemplates = {};
  if (job !== undefined)
    templates.job = await load(keys.jobTemplate.name, job, submit.JobSubmitRequestSchema);
  if (driver !== undefined) {
    templates.driverItem = await load(
      keys.driverJobItemTemplate.name,
      driver,
      submit.JobSubmitRequestItemSchema,
    );
  }
  if (executor !== undefined) {
    templates.executorItem = await load(
      keys.executorJobItemTemplate.name,
      executor,
      submit.JobSubmitRequestItemSchema,
    );
  }
  return templates;
}
