// A template that cannot be used: unreadable, not YAML, or with a field Armada does not know.
export class TemplateError extends Error {
  override readonly name = "TemplateError";
}
