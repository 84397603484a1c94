// Everything the steps need, settled once from the resolved configuration (see settle-context.ts),
// so each step is a small pure function over a job item and never parses configuration itself.
import type { ResourceRequirements, Role } from "./model.js";

/** The pod being built: the driver, or executor number `executorId` (1..N, numeric as Spark requires). */
export type PodTarget = { role: "driver" } | { role: "executor"; executorId: number };

export interface DriverPorts {
  driver: number; // spark.driver.port
  blockManager: number; // spark.driver.blockManager.port
  ui?: number; // spark.ui.port, when spark.ui.enabled
}

export interface IngressSettings {
  port: number;
  tlsEnabled: boolean;
  certName?: string;
  annotations: Record<string, string>;
}

export interface InitContainerSettings {
  image: string;
  cpu: string;
  memory: string;
  timeoutSeconds: number;
}

export interface PlanContext {
  appId: string;
  appName: string;
  queue: string;
  jobSetId: string;
  namespace: string;
  priority?: number;
  priorityClassName?: string;
  image: string;
  runAsUser: number;
  submissionId: string;

  executorCount: number;
  gangId: string;
  nodeUniformityLabel?: string;
  nodeSelector: Record<string, string>;

  /** Item labels: spark.armada.pod.labels, then the role's own labels. */
  labels: Record<Role, Record<string, string>>;
  resources: Record<Role, ResourceRequirements>;

  ports: DriverPorts;
  /** The custom driver service name (single-request mode), if spark.armada.driver.serviceNamePrefix is set. */
  customServiceName?: string;
  /**
   * The name executors use to reach the driver. In two-step mode it is only known once Armada has
   * given the driver its job id (`armada-<id>-0-service-0`); until then it is the placeholder.
   */
  driverServiceName: string;
  ingress?: IngressSettings;

  /** The driver container's arguments to the image entrypoint, starting with `driver`. */
  driverArgs: string[];
  /** Extra driver environment, e.g. ARMADA_JOB_ID when the driver must derive its own service name. */
  driverEnv: { name: string; value?: string; fieldPath?: string }[];

  executor: {
    cores: string;
    heapMiB: number;
    javaOptions: string[];
    env: { name: string; value: string }[];
    terminationGracePeriodSeconds: number;
    initContainer: InitContainerSettings;
  };
}
