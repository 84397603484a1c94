// Renders planned requests as text: JSON always without extra modules; YAML through the `yaml`
// package, imported only when YAML is asked for (startup speed of `--dry-run -o json`).
import type { JobSubmitRequest } from "./model.js";

export type OutputFormat = "yaml" | "json";

export interface RenderedRequests {
  /** In submission order. */
  requests: JobSubmitRequest[];
}

export async function renderRequests(doc: RenderedRequests, format: OutputFormat): Promise<string> {
  if (format === "json") return JSON.stringify(doc, null, 2) + "\n";
  const { stringify } = await import("yaml");
  return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}
