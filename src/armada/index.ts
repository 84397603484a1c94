// Public surface of the Armada client. Generated messages and services are imported from
// ./gen/ directly (e.g. "../armada/gen/pkg/api/submit_pb.js").
export { ArmadaClient, healthCheckTimeoutKey, jobSubmitRequest } from "./client.js";
export type { ArmadaClientParts, EventStreamRequest, SubmittedJob } from "./client.js";
export { createArmadaClient, loadArmadactlContext } from "./create-client.js";
export type { ArmadaClientOptions } from "./create-client.js";
export { ArmadaError, queueMissingMessage } from "./errors.js";
export type { ArmadaErrorKind } from "./errors.js";
export type { ArmadaEndpoint } from "./endpoint.js";
export type { JobSetEvent } from "./event-stream.js";
export { kubernetesToProtoJson, protoToKubernetesJson } from "./kubernetes-json.js";
export { authScriptKey, authTokenEnv } from "./credentials.js";
export type { TlsFiles } from "./transport.js";
export { REDACTED } from "./redactor.js";
