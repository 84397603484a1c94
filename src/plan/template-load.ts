// Loads the templates named by the configuration through the reader the caller gives (the CLI's
// reads files and http(s) URLs), parses their YAML and checks every field against the
// Armada/Kubernetes message definitions. The yaml package and the generated descriptors load only here.
import { keys } from "../conf/keys.js";
import type { ResolvedConf } from "../conf/resolved-conf.js";
import { TemplateError } from "./template-error.js";
import type { LoadedTemplate, PlanTemplates } from "./templates.js";

export type ReadLocation = (location: string) => Promise<string>;

export function hasTemplates(conf: ResolvedConf): boolean {
  return [keys.jobTemplate, keys.driverJobItemTemplate, keys.executorJobItemTemplate].some(
    (k) => conf.get(k) !== undefined,
  );
}

export async function loadTemplates(conf: ResolvedConf, read: ReadLocation): Promise<PlanTemplates> {
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
