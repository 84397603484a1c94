// Renders planned requests as text. YAML goes through our small emitter (yaml-emit.ts): a general
// YAML library takes seconds on a 1000-executor plan and costs startup time to import.
import type { JobSubmitRequest, Json } from "./model.js";

export type OutputFormat = "yaml" | "json";

export interface RenderedRequests {
  /** In submission order. */
  requests: JobSubmitRequest[];
}

export async function renderRequests(doc: RenderedRequests, format: OutputFormat): Promise<string> {
  if (format === "json") return JSON.stringify(doc, null, 2) + "\n";
  const { toYaml } = await import("./yaml-emit.js");
  return toYaml(doc as unknown as Json);
}
