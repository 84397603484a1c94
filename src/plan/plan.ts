// The plan: resolved configuration (+ injected ids, parsed templates) -> the ordered Armada
// requests for one application in cluster mode with static executors. Pure and deterministic.
import type { Submission } from "../conf/submission.js";
import { buildItem } from "./item-builder.js";
import type { JobSubmitRequest, Plan } from "./model.js";
import type { PlanContext } from "./plan-context.js";
import type { PlanIds } from "./plan-ids.js";
import { settleContext } from "./settle-context.js";
import { armadaServiceName } from "./steps/driver-service.js";
import { itemTemplateFor, type PlanTemplates } from "./templates.js";

export function buildPlan(submission: Submission, ids: PlanIds, templates: PlanTemplates = {}): Plan {
  const { ctx, warnings } = settleContext(submission, ids, templates);
  const conf = submission.conf;
  const driverTemplate = itemTemplateFor("driver", templates);
  const executorTemplate = itemTemplateFor("executor", templates);
  const request = (items: JobSubmitRequest["jobRequestItems"]): JobSubmitRequest => ({
    queue: ctx.queue,
    jobSetId: ctx.jobSetId,
    jobRequestItems: items,
  });
  const driver = buildItem({ role: "driver" }, ctx, driverTemplate, conf);
  const executors = (c: PlanContext) =>
    Array.from({ length: c.executorCount }, (_, i) =>
      buildItem({ role: "executor", executorId: i + 1 }, c, executorTemplate, conf),
    );

  if (ctx.customServiceName !== undefined) {
    return { kind: "single", request: request([driver, ...executors(ctx)]), warnings };
  }
  return {
    kind: "two-step",
    driverRequest: request([driver]),
    executorsRequest: (driverJobId) =>
      request(executors({ ...ctx, driverServiceName: armadaServiceName(driverJobId) })),
    warnings,
  };
}
