// The registry: every key we know, typed. `spark.armada.*` keys (the current upstream names and the
// seed document's names as aliases), the Spark keys the plan reads, and the client's own keys.
// Auth tokens are deliberately NOT keys: they come from the ARMADA_AUTH_TOKEN environment variable.
import { defineKey, type ConfKey, type ConfKeyFamily } from "./key.js";
import {
  annotations,
  armadaMaster,
  bool,
  byteSize,
  containerImage,
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  double,
  duration,
  falseOnly,
  int,
  labelKey,
  labels,
  list,
  location,
  oneOf,
  quantity,
  string,
  url,
} from "./value-types.js";

const port = () => int({ min: 1, max: 65535 });

export const keys = {
  // ---- Spark: submission ------------------------------------------------------------------
  master: defineKey({
    name: "spark.master",
    type: armadaMaster(),
    help: "Armada server to submit to (--master)",
  }),
  deployMode: defineKey({
    name: "spark.submit.deployMode",
    type: oneOf(["cluster", "client"] as const),
    default: "cluster",
    help: "where the driver runs; only cluster is supported (--deploy-mode)",
  }),
  appName: defineKey({
    name: "spark.app.name",
    type: string({ nonEmpty: true }),
    defaultDoc: "the main class or the file name",
    help: "application name (--name)",
  }),
  appId: defineKey({
    name: "spark.app.id",
    type: string({ nonEmpty: true }),
    defaultDoc: "generated at submission",
    help: "application id; also the default job set id",
  }),
  jars: defineKey({ name: "spark.jars", type: list(), help: "jars for driver and executors (--jars)" }),
  files: defineKey({ name: "spark.files", type: list(), help: "files for driver and executors (--files)" }),
  pyFiles: defineKey({
    name: "spark.submit.pyFiles",
    type: list(),
    help: ".zip, .egg or .py files on the PYTHONPATH (--py-files)",
  }),
  archives: defineKey({
    name: "spark.archives",
    type: list(),
    help: "archives extracted in each executor's directory (--archives)",
  }),
  jarsPackages: defineKey({
    name: "spark.jars.packages",
    type: list(),
    help: "Maven coordinates of jars to resolve (--packages)",
  }),
  jarsExcludes: defineKey({
    name: "spark.jars.excludes",
    type: list(),
    help: "groupId:artifactId to exclude when resolving --packages (--exclude-packages)",
  }),
  jarsRepositories: defineKey({
    name: "spark.jars.repositories",
    type: list(),
    help: "extra Maven repositories for --packages (--repositories)",
  }),
  pysparkPython: defineKey({
    name: "spark.pyspark.python",
    type: string({ nonEmpty: true }),
    help: "Python interpreter for driver and executors",
  }),
  pysparkDriverPython: defineKey({
    name: "spark.pyspark.driver.python",
    type: string({ nonEmpty: true }),
    help: "Python interpreter for the driver",
  }),
  driverSupervise: defineKey({
    name: "spark.driver.supervise",
    type: falseOnly("restarting a failed driver"),
    help: "restart the driver on failure (--supervise; not supported yet)",
  }),
  remote: defineKey({
    name: "spark.remote",
    type: string(),
    notSupported: "Spark Connect (--remote) is not supported",
    help: "Spark Connect server (--remote; not supported)",
  }),
  kerberosPrincipal: defineKey({
    name: "spark.kerberos.principal",
    type: string(),
    notSupported: "Kerberos (--principal/--keytab) is not supported yet",
    help: "Kerberos principal (--principal; not supported yet)",
  }),
  kerberosKeytab: defineKey({
    name: "spark.kerberos.keytab",
    type: string(),
    notSupported: "Kerberos (--principal/--keytab) is not supported yet",
    help: "Kerberos keytab (--keytab; not supported yet)",
  }),

  // ---- Spark: sizing ------------------------------------------------------------------------
  executorInstances: defineKey({
    name: "spark.executor.instances",
    aliases: ["spark.Executor.instances"],
    type: int({ min: 0 }),
    default: "2",
    help: "number of executors (--num-executors)",
  }),
  executorMemory: defineKey({
    name: "spark.executor.memory",
    type: byteSize("m"),
    default: "1g",
    help: "executor JVM heap (--executor-memory)",
  }),
  executorCores: defineKey({
    name: "spark.executor.cores",
    type: int({ min: 1 }),
    default: "1",
    help: "cores per executor (--executor-cores)",
  }),
  driverMemory: defineKey({
    name: "spark.driver.memory",
    type: byteSize("m"),
    default: "1g",
    help: "driver JVM heap (--driver-memory)",
  }),
  driverCores: defineKey({
    name: "spark.driver.cores",
    type: int({ min: 1 }),
    default: "1",
    help: "driver cores (--driver-cores)",
  }),
  coresMax: defineKey({
    name: "spark.cores.max",
    type: int({ min: 1 }),
    help: "maximum cores for the application (--total-executor-cores)",
  }),
  driverMemoryOverhead: defineKey({
    name: "spark.driver.memoryOverhead",
    type: byteSize("m"),
    defaultDoc: "factor x spark.driver.memory, at least the minimum overhead",
    help: "non-heap memory added to the driver pod",
  }),
  executorMemoryOverhead: defineKey({
    name: "spark.executor.memoryOverhead",
    type: byteSize("m"),
    defaultDoc: "factor x spark.executor.memory, at least the minimum overhead",
    help: "non-heap memory added to each executor pod",
  }),
  driverMemoryOverheadFactor: defineKey({
    name: "spark.driver.memoryOverheadFactor",
    type: double({ min: 0, minExclusive: true }),
    defaultDoc: "spark.kubernetes.memoryOverheadFactor",
    help: "driver overhead as a fraction of spark.driver.memory",
  }),
  executorMemoryOverheadFactor: defineKey({
    name: "spark.executor.memoryOverheadFactor",
    type: double({ min: 0, minExclusive: true }),
    defaultDoc: "spark.kubernetes.memoryOverheadFactor",
    help: "executor overhead as a fraction of spark.executor.memory",
  }),
  kubernetesMemoryOverheadFactor: defineKey({
    name: "spark.kubernetes.memoryOverheadFactor",
    type: double({ min: 0 }),
    defaultDoc: "0.1 (0.4 for Python and R applications)",
    help: "overhead factor when the driver/executor factors are not set",
  }),
  driverMinMemoryOverhead: defineKey({
    name: "spark.driver.minMemoryOverhead",
    type: byteSize("m"),
    default: "384m",
    help: "minimum driver memory overhead",
  }),
  executorMinMemoryOverhead: defineKey({
    name: "spark.executor.minMemoryOverhead",
    type: byteSize("m"),
    default: "384m",
    help: "minimum executor memory overhead",
  }),
  executorPysparkMemory: defineKey({
    name: "spark.executor.pyspark.memory",
    type: byteSize("m"),
    help: "memory for Python workers, added to executor pods",
  }),
  offHeapEnabled: defineKey({
    name: "spark.memory.offHeap.enabled",
    type: bool(),
    default: "false",
    help: "use off-heap memory (added to executor pods)",
  }),
  offHeapSize: defineKey({
    name: "spark.memory.offHeap.size",
    type: byteSize("b"),
    default: "0",
    help: "off-heap memory per executor",
  }),
  kubernetesDriverRequestCores: defineKey({
    name: "spark.kubernetes.driver.request.cores",
    type: quantity(),
    defaultDoc: "spark.driver.cores",
    help: "driver pod CPU (Kubernetes quantity)",
  }),
  kubernetesDriverLimitCores: defineKey({
    name: "spark.kubernetes.driver.limit.cores",
    type: quantity(),
    help: "driver pod CPU limit (Kubernetes quantity)",
  }),
  kubernetesExecutorRequestCores: defineKey({
    name: "spark.kubernetes.executor.request.cores",
    type: quantity(),
    defaultDoc: "spark.executor.cores",
    help: "executor pod CPU (Kubernetes quantity)",
  }),
  kubernetesExecutorLimitCores: defineKey({
    name: "spark.kubernetes.executor.limit.cores",
    type: quantity(),
    help: "executor pod CPU limit (Kubernetes quantity)",
  }),
  kubernetesContainerImage: defineKey({
    name: "spark.kubernetes.container.image",
    type: containerImage(),
    help: "container image; spark.armada.container.image wins when both are set",
  }),

  // ---- Spark: runtime -----------------------------------------------------------------------
  driverPort: defineKey({
    name: "spark.driver.port",
    type: port(),
    default: "7078",
    help: "driver RPC port (exposed by the driver service)",
  }),
  driverBlockManagerPort: defineKey({
    name: "spark.driver.blockManager.port",
    type: port(),
    // Spark's fallback: unset, the driver uses spark.blockManager.port (see settle-context.ts).
    defaultDoc: "spark.blockManager.port",
    help: "driver block manager port (exposed by the driver service)",
  }),
  blockManagerPort: defineKey({
    name: "spark.blockManager.port",
    type: port(),
    default: "7079",
    help: "executor block manager port",
  }),
  uiPort: defineKey({ name: "spark.ui.port", type: port(), default: "4040", help: "driver web UI port" }),
  uiEnabled: defineKey({
    name: "spark.ui.enabled",
    type: bool(),
    default: "true",
    help: "run the driver web UI",
  }),
  minRegisteredResourcesRatio: defineKey({
    name: "spark.scheduler.minRegisteredResourcesRatio",
    type: double({ min: 0, max: 1 }),
    defaultDoc: "0.8",
    help: "fraction of executors to wait for before scheduling tasks",
  }),
  taskMaxFailures: defineKey({
    name: "spark.task.maxFailures",
    type: int({ min: 1 }),
    default: "4",
    help: "task failures before the job is aborted",
  }),
  driverExtraJavaOptions: defineKey({
    name: "spark.driver.extraJavaOptions",
    type: string(),
    help: "extra JVM options for the driver (--driver-java-options)",
  }),
  executorExtraJavaOptions: defineKey({
    name: "spark.executor.extraJavaOptions",
    type: string(),
    help: "extra JVM options for executors",
  }),
  driverExtraClassPath: defineKey({
    name: "spark.driver.extraClassPath",
    type: string(),
    help: "extra driver class path (--driver-class-path)",
  }),
  driverExtraLibraryPath: defineKey({
    name: "spark.driver.extraLibraryPath",
    type: string(),
    help: "extra driver native library path (--driver-library-path)",
  }),
  executorExtraClassPath: defineKey({
    name: "spark.executor.extraClassPath",
    type: string(),
    help: "extra executor class path",
  }),
  executorExtraLibraryPath: defineKey({
    name: "spark.executor.extraLibraryPath",
    type: string(),
    help: "extra executor native library path",
  }),
  dynamicAllocationEnabled: defineKey({
    name: "spark.dynamicAllocation.enabled",
    type: bool(),
    default: "false",
    help: "scale executors with the workload",
  }),
  dynamicAllocationMinExecutors: defineKey({
    name: "spark.dynamicAllocation.minExecutors",
    type: int({ min: 0 }),
    default: "0",
    help: "lower bound with dynamic allocation",
  }),
  dynamicAllocationMaxExecutors: defineKey({
    name: "spark.dynamicAllocation.maxExecutors",
    type: int({ min: 0 }),
    defaultDoc: "unbounded",
    help: "upper bound with dynamic allocation",
  }),
  dynamicAllocationInitialExecutors: defineKey({
    name: "spark.dynamicAllocation.initialExecutors",
    type: int({ min: 0 }),
    defaultDoc: "spark.dynamicAllocation.minExecutors",
    help: "executors at start with dynamic allocation",
  }),

  // ---- Armada: connection (client side) -----------------------------------------------------
  internalUrl: defineKey({
    name: "spark.armada.internalUrl",
    type: armadaMaster(),
    defaultDoc: "spark.master",
    help: "Armada URL the in-cluster driver uses",
  }),
  tlsCaFile: defineKey({
    name: "spark.armada.tls.caFile",
    type: string({ nonEmpty: true }),
    help: "PEM file with the CA that signs Armada's certificate (armada+tls:// masters)",
  }),
  authScriptPath: defineKey({
    name: "spark.armada.auth.script.path",
    type: string({ nonEmpty: true }),
    help: "executable whose standard output is the bearer token (else env ARMADA_AUTH_TOKEN)",
  }),
  healthCheckTimeout: defineKey({
    name: "spark.armada.health.checkTimeout",
    type: duration({ defaultUnit: "s", min: 1 }),
    default: "5s",
    help: "how long to wait for Armada's health check before submitting",
  }),
  lookoutUrl: defineKey({
    name: "spark.armada.lookouturl",
    type: url(),
    default: "http://localhost:30000",
    help: "Lookout base URL printed after submission",
  }),

  // ---- Armada: job set and templates ---------------------------------------------------------
  queue: defineKey({
    name: "spark.armada.queue",
    type: string({ nonEmpty: true }),
    defaultDoc: "from spark.armada.jobTemplate",
    help: "Armada queue to submit to (also --queue)",
  }),
  jobSetId: defineKey({
    name: "spark.armada.jobSetId",
    type: string({ nonEmpty: true }),
    defaultDoc: "from spark.armada.jobTemplate, else spark.app.id",
    help: "Armada job set of the application",
  }),
  jobTemplate: defineKey({
    name: "spark.armada.jobTemplate",
    type: location(),
    help: "JobSubmitRequest YAML (queue, job set, item labels/annotations)",
  }),
  driverJobItemTemplate: defineKey({
    name: "spark.armada.driver.jobItemTemplate",
    type: location(),
    help: "JobSubmitRequestItem YAML merged under the driver item",
  }),
  executorJobItemTemplate: defineKey({
    name: "spark.armada.executor.jobItemTemplate",
    type: location(),
    help: "JobSubmitRequestItem YAML merged under each executor item",
  }),

  // ---- Armada: scheduling ---------------------------------------------------------------------
  nodeSelectors: defineKey({
    name: "spark.armada.scheduling.nodeSelectors",
    aliases: ["spark.armada.clusterSelectors"],
    type: labels(),
    help: "node selector (key=value,...) for driver and executors",
  }),
  nodeUniformity: defineKey({
    name: "spark.armada.scheduling.nodeUniformity",
    aliases: ["spark.armada.scheduling.nodeUniformityLabel"],
    type: labelKey(),
    help: "node label whose value must be the same for the whole gang (one cluster)",
  }),
  namespace: defineKey({
    name: "spark.armada.scheduling.namespace",
    type: dns1123Label(),
    default: "default",
    help: "Kubernetes namespace of the pods",
  }),
  priority: defineKey({
    name: "spark.armada.scheduling.priority",
    type: double({ min: 0 }),
    default: "0",
    help: "job priority within the queue",
  }),
  initialPriorityClass: defineKey({
    name: "spark.armada.scheduling.initialPriorityClass",
    type: dns1123Subdomain(),
    help: "priorityClassName of the driver and the initial executors",
  }),
  scaleUpPriorityClass: defineKey({
    name: "spark.armada.scheduling.scaleUpPriorityClass",
    type: dns1123Subdomain(),
    help: "priorityClassName of executors added later",
  }),

  // ---- Armada: pods -------------------------------------------------------------------------
  containerImage: defineKey({
    name: "spark.armada.container.image",
    type: containerImage(),
    defaultDoc: "spark.kubernetes.container.image",
    help: "image for driver and executors",
  }),
  driverRequestCores: defineKey({
    name: "spark.armada.driver.request.cores",
    type: quantity(),
    defaultDoc: "from Spark's driver sizing",
    help: "driver pod CPU request",
  }),
  driverLimitCores: defineKey({
    name: "spark.armada.driver.limit.cores",
    type: quantity(),
    defaultDoc: "the request",
    help: "driver pod CPU limit",
  }),
  driverRequestMemory: defineKey({
    name: "spark.armada.driver.request.memory",
    type: quantity(),
    defaultDoc: "from Spark's driver sizing",
    help: "driver pod memory request",
  }),
  driverLimitMemory: defineKey({
    name: "spark.armada.driver.limit.memory",
    type: quantity(),
    defaultDoc: "the request",
    help: "driver pod memory limit",
  }),
  executorRequestCores: defineKey({
    name: "spark.armada.executor.request.cores",
    type: quantity(),
    defaultDoc: "from Spark's executor sizing",
    help: "executor pod CPU request",
  }),
  executorLimitCores: defineKey({
    name: "spark.armada.executor.limit.cores",
    type: quantity(),
    defaultDoc: "the request",
    help: "executor pod CPU limit",
  }),
  executorRequestMemory: defineKey({
    name: "spark.armada.executor.request.memory",
    type: quantity(),
    defaultDoc: "from Spark's executor sizing",
    help: "executor pod memory request",
  }),
  executorLimitMemory: defineKey({
    name: "spark.armada.executor.limit.memory",
    type: quantity(),
    defaultDoc: "the request",
    help: "executor pod memory limit",
  }),
  runAsUser: defineKey({
    name: "spark.armada.runAsUser",
    type: int({ min: 0 }),
    default: "185",
    help: "securityContext.runAsUser of the pods",
  }),
  podLabels: defineKey({
    name: "spark.armada.pod.labels",
    aliases: ["spark.armada.global.labels"],
    type: labels(),
    help: "labels (key=value,...) on driver and executor pods",
  }),
  driverLabels: defineKey({
    name: "spark.armada.driver.labels",
    aliases: ["spark.armada.Driver.labels"],
    type: labels(),
    help: "labels (key=value,...) on the driver pod",
  }),
  executorLabels: defineKey({
    name: "spark.armada.executor.labels",
    aliases: ["spark.armada.Executor.labels"],
    type: labels(),
    help: "labels (key=value,...) on executor pods",
  }),
  driverServiceNamePrefix: defineKey({
    name: "spark.armada.driver.serviceNamePrefix",
    aliases: ["spark.armada.DriverServiceNamePrefix"],
    type: dns1035Label(40),
    help: "custom driver service name prefix (needs submission.allowCustomServiceNames on the server)",
  }),

  // ---- Armada: driver -------------------------------------------------------------------------
  driverWatchEnabled: defineKey({
    name: "spark.armada.driver.watchEnabled",
    type: bool(),
    default: "true",
    help: "wait for the driver to finish and exit with its result (--no-wait sets false)",
  }),
  driverWatchTimeout: defineKey({
    name: "spark.armada.driver.watchTimeout",
    type: duration({ defaultUnit: "s" }),
    default: "0",
    help: "give up watching after this long (0 = never)",
  }),
  driverIngressEnabled: defineKey({
    name: "spark.armada.driver.ingress.enabled",
    type: bool(),
    default: "false",
    help: "expose the driver UI through an ingress",
  }),
  driverIngressTlsEnabled: defineKey({
    name: "spark.armada.driver.ingress.tls.enabled",
    type: bool(),
    default: "false",
    help: "TLS on the driver UI ingress",
  }),
  driverIngressAnnotations: defineKey({
    name: "spark.armada.driver.ingress.annotations",
    type: annotations(),
    help: "annotations (key=value,...) on the driver UI ingress",
  }),
  driverIngressCertName: defineKey({
    name: "spark.armada.driver.ingress.certName",
    type: string(),
    default: "",
    help: "TLS certificate secret name for the driver UI ingress",
  }),
  driverIngressPort: defineKey({
    name: "spark.armada.driver.ingress.port",
    type: port(),
    defaultDoc: "spark.ui.port",
    help: "port the driver UI ingress forwards to",
  }),

  // ---- Armada: executors ----------------------------------------------------------------------
  executorConnectionTimeout: defineKey({
    name: "spark.armada.executor.connectionTimeout",
    type: duration({ defaultUnit: "s", min: 1 }),
    default: "300s",
    help: "how long an executor's init container waits for the driver",
  }),
  executorInitContainerImage: defineKey({
    name: "spark.armada.executor.initContainer.image",
    type: containerImage(),
    defaultDoc: "the Spark image",
    help: "image of the executors' wait-for-driver init container",
  }),
  executorInitContainerCpu: defineKey({
    name: "spark.armada.executor.initContainer.cpu",
    type: quantity(),
    default: "100m",
    help: "CPU of the wait-for-driver init container",
  }),
  executorInitContainerMemory: defineKey({
    name: "spark.armada.executor.initContainer.memory",
    type: quantity(),
    default: "128Mi",
    help: "memory of the wait-for-driver init container",
  }),
  executorTrackerPollingInterval: defineKey({
    name: "spark.armada.executor.trackerPollingInterval",
    aliases: ["spark.armada.Executor.trackerPollingInterval"],
    type: duration({ min: 1 }),
    default: "1s",
    help: "how often the driver checks its executors' state",
  }),
  executorTrackerTimeout: defineKey({
    name: "spark.armada.executor.trackerTimeout",
    aliases: ["spark.armada.Executor.trackerTimeout"],
    type: duration({ min: 1 }),
    default: "300s",
    help: "how long the driver waits for the minimum number of executors",
  }),
  executorPreemptionGracePeriod: defineKey({
    name: "spark.armada.executor.preemptionGracePeriod",
    type: duration({ defaultUnit: "s" }),
    default: "180s",
    help: "executor pods' terminationGracePeriodSeconds",
  }),
  deleteExecutors: defineKey({
    name: "spark.armada.deleteExecutors",
    type: bool(),
    default: "true",
    help: "cancel executor jobs when the application stops",
  }),
  killGracePeriod: defineKey({
    name: "spark.armada.killGracePeriod",
    type: duration({ defaultUnit: "s" }),
    default: "5s",
    help: "delay before cancelling executor jobs",
  }),
  allocationBatchSize: defineKey({
    name: "spark.armada.allocation.batchSize",
    type: int({ min: 1 }),
    default: "10",
    help: "executors submitted per allocation round (dynamic allocation)",
  }),
  allocationMaxPendingJobs: defineKey({
    name: "spark.armada.allocation.maxPendingJobs",
    type: int({ min: 1 }),
    default: "100",
    help: "maximum pending executor jobs (dynamic allocation)",
  }),
  allocationCheckInterval: defineKey({
    name: "spark.armada.allocation.checkInterval",
    type: duration({ defaultUnit: "s", min: 1 }),
    default: "10s",
    help: "time between allocation rounds (dynamic allocation)",
  }),
  oauthEnabled: defineKey({
    name: "spark.armada.oauth.enabled",
    type: falseOnly("the oauth2-proxy sidecar"),
    default: "false",
    help: "oauth2-proxy sidecar in front of the driver UI (not supported yet)",
  }),
} as const;

/** Families of keys sharing a prefix. A registered key wins over a family. */
export const keyFamilies: readonly ConfKeyFamily[] = [
  {
    prefix: "spark.armada.oauth.",
    type: string(),
    help: "oauth2-proxy sidecar settings (not supported yet)",
    notSupported: "the oauth2-proxy sidecar (spark.armada.oauth.*) is not supported yet",
  },
  { prefix: "spark.executorEnv.", type: string(), help: "environment variable <NAME> on executors" },
  {
    prefix: "spark.kubernetes.driverEnv.",
    type: string(),
    help: "environment variable <NAME> on the driver",
  },
];

export const allKeys: readonly ConfKey<unknown>[] = Object.values(keys) as readonly ConfKey<unknown>[];
