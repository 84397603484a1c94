// `--dry-run`: the plan as text, exactly what would be sent, with secrets redacted and the ids
// Armada would assign shown as placeholders. No network (http(s) templates excepted: they are
// part of the input).
import type { Submission } from "../conf/submission.js";
import type { JobSubmitRequest } from "./model.js";
import { buildPlan } from "./plan.js";
import { fixedPlanIds, randomPlanIds, type PlanIds } from "./plan-ids.js";
import { redactedSubmission, redactedTemplates, scrubSecretValues } from "./redact.js";
import { renderRequests, type OutputFormat } from "./render.js";
import type { ReadLocation } from "./template-load.js";

export const driverJobIdPlaceholder = "<driver-job-id>";

export interface DryRunOptions {
  /** Ids to use; default: random, or fixed ones when env ARMADA_SPARK_FIXED_IDS=1 (for tests). */
  ids?: PlanIds;
  /** Reads template locations (tests); default: files and http(s). */
  readTemplate?: ReadLocation;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface DryRunOutput {
  text: string;
  warnings: string[];
}

export async function renderDryRun(
  submission: Submission,
  format: OutputFormat,
  options: DryRunOptions = {},
): Promise<DryRunOutput> {
  const env = options.env ?? process.env;
  const ids = options.ids ?? (env["ARMADA_SPARK_FIXED_IDS"] === "1" ? fixedPlanIds() : randomPlanIds());
  const { hasTemplates, loadTemplates } = await import("./template-load.js");
  const templates = hasTemplates(submission.conf)
    ? await loadTemplates(submission.conf, options.readTemplate)
    : {};
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
