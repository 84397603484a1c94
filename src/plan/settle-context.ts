// Reads the resolved configuration once and settles every value the steps need (PlanContext).
// This is the only place in the plan that knows configuration keys.
import { UsageError } from "../conf/errors.js";
import { keys } from "../conf/keys.js";
import type { ResolvedConf } from "../conf/resolved-conf.js";
import { isSecretKeyName } from "../conf/secrets.js";
import type { Submission } from "../conf/submission.js";
import { isExecutorStartupKey, splitJavaOptions } from "./java-options.js";
import { javaModuleOptions } from "./java-module-options.js";
import type { Role } from "./model.js";
import type { PlanContext } from "./plan-context.js";
import { driverJobIdPlaceholder, type PlanIds } from "./plan-ids.js";
import { settleResources } from "./settle-resources.js";
import type { PlanTemplates } from "./templates.js";
import { armadaServiceName } from "./steps/driver-service.js";

export const defaultQueue = "default";

/** Keys the driver gets from the plan itself, or that mean nothing inside the driver pod. */
const notPassedToDriver = new Set([
  "spark.master",
  "spark.submit.deployMode",
  keys.jobTemplate.name,
  keys.driverJobItemTemplate.name,
  keys.executorJobItemTemplate.name,
]);

export interface SettledContext {
  ctx: PlanContext;
  warnings: string[];
}

export function settleContext(
  submission: Submission,
  ids: PlanIds,
  templates: PlanTemplates = {},
): SettledContext {
  const conf = submission.conf;
  const warnings: string[] = [];

  const image = conf.get(keys.containerImage) ?? conf.get(keys.kubernetesContainerImage);
  if (image === undefined) {
    throw new UsageError(
      `no container image: set ${keys.containerImage.name} (or ${keys.kubernetesContainerImage.name}) ` +
        `to a Spark image for the driver and executors, e.g. apache/spark:3.5.7`,
    );
  }

  const appId = conf.get(keys.appId) ?? ids.appId;
  const templateJob = templates.job?.value;
  const queue = conf.get(keys.queue) ?? stringField(templateJob?.["queue"]) ?? defaultQueue;
  const jobSetId = conf.get(keys.jobSetId) ?? stringField(templateJob?.["jobSetId"]) ?? appId;
  const executorCount = conf.get(keys.executorInstances) ?? 2;

  const driverPort = conf.get(keys.driverPort) ?? 7078;
  const blockManagerPort = conf.get(keys.driverBlockManagerPort) ?? conf.get(keys.blockManagerPort) ?? 7079;
  const uiEnabled = conf.get(keys.uiEnabled) ?? true;
  const uiPort = uiEnabled ? (conf.get(keys.uiPort) ?? 4040) : undefined;

  const prefix = conf.get(keys.driverServiceNamePrefix);
  const customServiceName = prefix === undefined ? undefined : `${prefix}-${ids.serviceNameSuffix}`;
  // Two-step mode: the driver learns its own job id from its pod label and derives its service
  // name from it (Kubernetes expands $(VAR) in args from the container's env).
  const driverHost = customServiceName ?? armadaServiceName("$(ARMADA_JOB_ID)");
  const driverEnv: PlanContext["driverEnv"] =
    customServiceName === undefined
      ? [{ name: "ARMADA_JOB_ID", fieldPath: "metadata.labels['armada_job_id']" }]
      : [];
  driverEnv.push(...envFromFamily(conf, "spark.kubernetes.driverEnv."));

  // What the plan sets for the driver's Spark configuration; the user's other keys follow.
  const injected: [string, string][] = [
    ["spark.app.id", appId],
    ["spark.app.name", submission.appName],
    ["spark.driver.host", driverHost],
    ["spark.driver.port", String(driverPort)],
    ["spark.driver.blockManager.port", String(blockManagerPort)],
    ["spark.executor.instances", String(executorCount)],
    [keys.queue.name, queue],
    [keys.jobSetId.name, jobSetId],
  ];
  const injectedNames = new Set(injected.map(([k]) => k));
  const passed = conf
    .entries()
    .filter((e) => !notPassedToDriver.has(e.name) && !injectedNames.has(e.name))
    // Kubernetes expands $(VAR) in container args; configuration values must arrive verbatim,
    // as they do in Spark's own properties file, so every `$` is escaped as `$$`.
    .map((e): [string, string] => [e.name, e.value.replaceAll("$", "$$$$")]);
  const driverConf = [...injected, ...passed];

  const internal = conf.get(keys.internalUrl) ?? submission.master;
  const driverArgs = [
    "driver",
    "--master",
    `spark+armada://${internal.host.includes(":") ? `[${internal.host}]` : internal.host}:${internal.port}`,
    "--deploy-mode",
    "client",
    ...(submission.mainClass !== undefined && submission.language === "java"
      ? ["--class", submission.mainClass]
      : []),
    ...driverConf.flatMap(([k, v]) => ["--conf", `${k}=${v}`]),
    submission.primaryResource,
    ...submission.appArgs,
  ];

  const driverSizing = settleResources("driver", conf, submission.language);
  const executorSizing = settleResources("executor", conf, submission.language);
  warnings.push(...driverSizing.warnings, ...executorSizing.warnings);

  const startupOptions = driverConf
    .filter(([k]) => isExecutorStartupKey(k) && !isSecretKeyName(k))
    .map(([k, v]) => `-D${k}=${v}`);
  const javaOptions = [
    ...splitJavaOptions(conf.get(keys.executorExtraJavaOptions) ?? ""),
    ...javaModuleOptions,
    ...startupOptions,
  ];
  const executorEnv = envFromFamily(conf, "spark.executorEnv.");
  const authSecret = conf.raw("spark.authenticate.secret");
  if (conf.raw("spark.authenticate") === "true" && authSecret !== undefined) {
    executorEnv.push({ name: "_SPARK_AUTH_SECRET", value: authSecret });
  }

  const podLabels = mapToRecord(conf.get(keys.podLabels));
  const labels: Record<Role, Record<string, string>> = {
    driver: { ...podLabels, ...mapToRecord(conf.get(keys.driverLabels)) },
    executor: { ...podLabels, ...mapToRecord(conf.get(keys.executorLabels)) },
  };

  const ctx: PlanContext = {
    appId,
    appName: submission.appName,
    queue,
    jobSetId,
    namespace: conf.get(keys.namespace) ?? "default",
    image,
    runAsUser: conf.get(keys.runAsUser) ?? 185,
    submissionId: ids.submissionId,
    executorCount,
    gangId: ids.gangId,
    nodeSelector: mapToRecord(conf.get(keys.nodeSelectors)),
    labels,
    resources: { driver: driverSizing.resources, executor: executorSizing.resources },
    ports: {
      driver: driverPort,
      blockManager: blockManagerPort,
      ...(uiPort !== undefined ? { ui: uiPort } : {}),
    },
    // Two-step plans replace it with the driver's real service name once its job id is known (plan.ts).
    driverServiceName: customServiceName ?? armadaServiceName(driverJobIdPlaceholder),
    driverArgs,
    driverEnv,
    executor: {
      cores: String(executorSizing.sparkCores),
      heapMiB: executorSizing.heapMiB,
      javaOptions,
      env: executorEnv,
      terminationGracePeriodSeconds: Math.round(
        (conf.get(keys.executorPreemptionGracePeriod) ?? 180_000) / 1000,
      ),
      initContainer: {
        image: conf.get(keys.executorInitContainerImage) ?? image,
        cpu: conf.get(keys.executorInitContainerCpu) ?? "100m",
        memory: conf.get(keys.executorInitContainerMemory) ?? "128Mi",
        timeoutSeconds: Math.ceil((conf.get(keys.executorConnectionTimeout) ?? 300_000) / 1000),
      },
    },
  };
  if (conf.raw(keys.priority.name) !== undefined) ctx.priority = conf.get(keys.priority) ?? 0;
  const priorityClass = conf.get(keys.initialPriorityClass);
  if (priorityClass !== undefined) ctx.priorityClassName = priorityClass;
  const uniformity = conf.get(keys.nodeUniformity);
  if (uniformity !== undefined) ctx.nodeUniformityLabel = uniformity;
  if (customServiceName !== undefined) ctx.customServiceName = customServiceName;

  if (conf.get(keys.driverIngressEnabled)) {
    const port = conf.get(keys.driverIngressPort) ?? uiPort;
    if (port === undefined) {
      throw new UsageError(
        `${keys.driverIngressEnabled.name}=true needs the driver UI, but spark.ui.enabled is false: ` +
          `enable the UI or set ${keys.driverIngressPort.name}`,
      );
    }
    const certName = conf.get(keys.driverIngressCertName);
    ctx.ingress = {
      port,
      tlsEnabled: conf.get(keys.driverIngressTlsEnabled) ?? false,
      annotations: mapToRecord(conf.get(keys.driverIngressAnnotations)),
      ...(certName ? { certName } : {}),
    };
  }
  return { ctx, warnings };
}

/** `<prefix><NAME>=value` entries as environment variables `NAME=value`. */
function envFromFamily(conf: ResolvedConf, prefix: string): { name: string; value: string }[] {
  return conf
    .entries()
    .filter((e) => e.name.startsWith(prefix))
    .map((e) => ({ name: e.name.slice(prefix.length), value: e.value }));
}

function mapToRecord(m: ReadonlyMap<string, string> | undefined): Record<string, string> {
  return m === undefined ? {} : Object.fromEntries(m);
}

function stringField(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}
