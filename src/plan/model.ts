// The plan's output types: Armada's `api.JobSubmitRequest` in its protobuf JSON shape (contract B).
// Field names are the proto3 JSON names (camelCase), so `fromJson(JobSubmitRequestSchema, plan)`
// accepts them. Kubernetes quantities are plain strings ("1", "1408Mi"). Only the fields the plan
// sets are typed; a template may carry any other field of the same messages, kept verbatim.

export type Role = "driver" | "executor";

export interface JobSubmitRequest {
  queue: string;
  jobSetId: string;
  jobRequestItems: JobSubmitRequestItem[];
}

export interface JobSubmitRequestItem {
  clientId: string;
  priority?: number;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  podSpecs: PodSpec[];
  services?: ServiceConfig[];
  ingress?: IngressConfig[];
}

export interface ServiceConfig {
  type: "Headless" | "NodePort";
  ports: number[];
  /** Used verbatim only when the server allows custom service names. */
  name?: string;
}

export interface IngressConfig {
  ports: number[];
  annotations?: Record<string, string>;
  tlsEnabled?: boolean;
  certName?: string;
}

export interface PodSpec {
  restartPolicy?: "Never";
  terminationGracePeriodSeconds?: number;
  priorityClassName?: string;
  nodeSelector?: Record<string, string>;
  securityContext?: { runAsUser?: number };
  initContainers?: Container[];
  containers: Container[];
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: EnvVar[];
  ports?: ContainerPort[];
  resources?: ResourceRequirements;
}

export type EnvVar =
  { name: string; value: string } | { name: string; valueFrom: { fieldRef: { fieldPath: string } } };

export interface ContainerPort {
  name: string;
  containerPort: number;
  protocol: "TCP";
}

export interface ResourceRequirements {
  requests: Record<string, string>;
  limits: Record<string, string>;
}

/** A JSON value, for templates and for the generic merge and redaction passes. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * The requests of one application, in submission order.
 * - `single`: a custom driver service name is known up front, so driver and executors go together.
 * - `two-step`: executors need the driver's job id (its service is `armada-<id>-0-service-0`),
 *   so the driver goes first and `executorsRequest` is applied to the id Armada returns.
 */
export type Plan =
  | { kind: "single"; request: JobSubmitRequest; warnings: string[] }
  | {
      kind: "two-step";
      driverRequest: JobSubmitRequest;
      executorsRequest: (driverJobId: string) => JobSubmitRequest;
      warnings: string[];
    };
