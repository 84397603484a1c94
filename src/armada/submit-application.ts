// Submits a planned application as one transaction: either every job is accepted, or whatever
// was accepted is cancelled and the error says so. Nothing is left half-submitted.
import type { JsonValue } from "@bufbuild/protobuf";
import type { JobSubmitRequest, Plan } from "../plan/model.js";
import type { SubmittedJob } from "./client.js";
import { ArmadaError } from "./errors.js";

/** The two client calls this needs (ArmadaClient has them; tests pass a fake). */
export interface SubmissionClient {
  submitJobsJson(request: JsonValue): Promise<SubmittedJob[]>;
  cancelJobs(req: { queue: string; jobSetId: string; jobIds: string[]; reason?: string }): Promise<string[]>;
}

export interface SubmittedApplication {
  queue: string;
  jobSetId: string;
  driverJobId: string;
  executorJobIds: string[];
}

/** Armada caps cancel reasons at 50 bytes. */
const cancelReason = "armada-spark: application submission failed";

export class SubmissionFailed extends Error {
  override readonly name = "SubmissionFailed";
  constructor(
    message: string,
    override readonly cause: unknown,
    /** Jobs that were accepted and then cancelled. */
    readonly cancelledJobIds: readonly string[],
    /** Jobs we could not cancel (the user must): never silently left behind. */
    readonly leftJobIds: readonly string[],
  ) {
    super(message);
  }
}

function itemErrors(request: JobSubmitRequest, results: SubmittedJob[]): string | undefined {
  const failures = results
    .map((r, i) => ({ r, role: roleOf(request, i) }))
    .filter(({ r }) => r.error !== "" || r.jobId === "");
  if (failures.length === 0) return undefined;
  return failures.map(({ r, role }) => `${role}: ${r.error || "no job id returned"}`).join("; ");
}

function roleOf(request: JobSubmitRequest, index: number): string {
  const labels = request.jobRequestItems[index]?.labels ?? {};
  const role = labels["spark-role"];
  return role === "executor" ? `executor ${labels["spark-exec-id"] ?? index}` : (role ?? `item ${index}`);
}

async function cancelAccepted(
  client: SubmissionClient,
  request: Pick<JobSubmitRequest, "queue" | "jobSetId">,
  jobIds: string[],
): Promise<{ cancelled: string[]; left: string[] }> {
  if (jobIds.length === 0) return { cancelled: [], left: [] };
  try {
    await client.cancelJobs({
      queue: request.queue,
      jobSetId: request.jobSetId,
      jobIds,
      reason: cancelReason,
    });
    return { cancelled: jobIds, left: [] };
  } catch {
    return { cancelled: [], left: jobIds };
  }
}

async function submitAll(
  client: SubmissionClient,
  request: JobSubmitRequest,
  alreadyAccepted: string[],
): Promise<string[]> {
  let results: SubmittedJob[];
  try {
    results = await client.submitJobsJson(request as unknown as JsonValue);
  } catch (err) {
    const accepted = err instanceof ArmadaError ? [...err.acceptedJobIds] : [];
    throw await failure(client, request, [...alreadyAccepted, ...accepted], err, errorText(err));
  }
  const refused = itemErrors(request, results);
  const accepted = results.filter((r) => r.jobId !== "").map((r) => r.jobId);
  if (refused !== undefined) {
    throw await failure(
      client,
      request,
      [...alreadyAccepted, ...accepted],
      undefined,
      `Armada refused ${refused}`,
    );
  }
  return accepted;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function failure(
  client: SubmissionClient,
  request: JobSubmitRequest,
  accepted: string[],
  cause: unknown,
  what: string,
): Promise<SubmissionFailed> {
  const { cancelled, left } = await cancelAccepted(client, request, accepted);
  let message = what;
  if (cancelled.length > 0)
    message += `; cancelled the ${cancelled.length} job(s) already accepted (${cancelled.join(", ")})`;
  if (left.length > 0) {
    message +=
      `; could NOT cancel the ${left.length} job(s) already accepted: cancel them with ` +
      `\`armada-spark kill ${request.jobSetId} --queue ${request.queue}\``;
  }
  return new SubmissionFailed(message, cause, cancelled, left);
}

export async function submitApplication(plan: Plan, client: SubmissionClient): Promise<SubmittedApplication> {
  if (plan.kind === "single") {
    const ids = await submitAll(client, plan.request, []);
    const [driverJobId, ...executorJobIds] = ids;
    return {
      queue: plan.request.queue,
      jobSetId: plan.request.jobSetId,
      driverJobId: driverJobId!,
      executorJobIds,
    };
  }
  const [driverJobId] = await submitAll(client, plan.driverRequest, []);
  const executors = plan.executorsRequest(driverJobId!);
  const executorJobIds =
    executors.jobRequestItems.length === 0 ? [] : await submitAll(client, executors, [driverJobId!]);
  return {
    queue: plan.driverRequest.queue,
    jobSetId: plan.driverRequest.jobSetId,
    driverJobId: driverJobId!,
    executorJobIds,
  };
}
