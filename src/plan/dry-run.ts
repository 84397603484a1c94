// `--dry-run`: the plan as text, exactly what would be sent, with secrets redacted and the ids
// Armada would assign shown as placeholders. Pure: ids and loaded templates come from the caller.
import type { Submission } from "../conf/submission.js";
import type { JobSubmitRequest } from "./model.js";
import { buildPlan } from "./plan.js";
import { driverJobIdPlaceholder, type PlanIds } from "./plan-ids.js";

export { driverJobIdPlaceholder };
import { redactedSubmission, redactedTemplates, scrubSecretValues } from "./redact.js";
import { renderRequests, type OutputFormat } from "./render.js";
import type { PlanTemplates } from "./templates.js";

export interface DryRunOutput {
  text: string;
  warnings: string[];
}

export async function renderDryRun(
  submission: Submission,
  format: OutputFormat,
  ids: PlanIds,
  templates: PlanTemplates = {},
): Promise<DryRunOutput> {
  const plan = buildPlan(redactedSubmission(submission), ids, redactedTemplates(templates));
  const requests: JobSubmitRequest[] =
    plan.kind === "single"
      ? [plan.request]
      : [plan.driverRequest, plan.executorsRequest(driverJobIdPlaceholder)];
  const body = scrubSecretValues(await renderRequests({ requests }, format), submission.conf);
  const header =
    format === "yaml"
      ? plan.kind === "single"
        ? "# armada-spark dry run: nothing was sent. One SubmitJobs request: the driver and its executors.\n"
        : "# armada-spark dry run: nothing was sent. Two SubmitJobs requests: the driver, then its executors\n" +
          `# once Armada has returned the driver's job id (${driverJobIdPlaceholder}).\n`
      : "";
  return { text: header + body, warnings: plan.warnings };
}
