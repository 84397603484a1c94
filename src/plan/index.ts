// The plan's public surface.
export type * from "./model.js";
export type { PlanIds } from "./plan-ids.js";
export type { PlanTemplates, LoadedTemplate } from "./templates.js";
export type { DryRunOutput } from "./dry-run.js";
export type { OutputFormat } from "./render.js";
export { buildPlan } from "./plan.js";
export { randomPlanIds, fixedPlanIds } from "./plan-ids.js";
export { renderDryRun, driverJobIdPlaceholder } from "./dry-run.js";
export { loadTemplates, hasTemplates } from "./template-load.js";
export { redactedSubmission, redactedTemplates } from "./redact.js";
export { TemplateError } from "./template-error.js";
