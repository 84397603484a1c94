// Pod labels: the user's (all pods, then the role's) and Spark's own, which tools such as the
// Spark history server and kubectl selectors rely on. Spark's labels win over a user's same key.
import { appNameLabel } from "../app-name-label.js";
import type { PlanStep } from "./step.js";

export const labels: PlanStep = (item, target, ctx) => {
  const sparkLabels: Record<string, string> = {
    "spark-app-selector": ctx.appId,
    "spark-role": target.role,
    ...(target.role === "executor" ? { "spark-exec-id": String(target.executorId) } : {}),
  };
  const appName = appNameLabel(ctx.appName);
  if (appName !== "") sparkLabels["spark-app-name"] = appName;
  return { ...item, labels: { ...item.labels, ...ctx.labels[target.role], ...sparkLabels } };
};
