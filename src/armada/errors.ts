// Errors a user can act on. Every failure of a client call becomes an ArmadaError with a `kind`
// the CLI can branch on and a message that says what to do, with secrets redacted.
import { Code, ConnectError } from "@connectrpc/connect";
import type { Redactor } from "./redactor.js";

export type ArmadaErrorKind =
  | "queue-missing"
  | "unauthenticated"
  | "permission-denied"
  | "deadline-exceeded"
  | "unreachable"
  | "invalid-argument"
  | "not-found"
  | "already-exists"
  | "config"
  | "server";

export class ArmadaError extends Error {
  override readonly name = "ArmadaError";
  /** The gRPC status name (e.g. "UNAVAILABLE"), when the error came from a call. */
  readonly grpcCode?: string;
  /**
   * SubmitJobs only: job ids Armada had already accepted (earlier chunks) when this failed, so the
   * caller can cancel them and leave nothing half-submitted.
   */
  readonly acceptedJobIds: readonly string[];

  constructor(
    kind: ArmadaErrorKind,
    message: string,
    details: { grpcCode?: string; acceptedJobIds?: readonly string[] } = {},
  ) {
    super(message);
    this.kind = kind;
    if (details.grpcCode !== undefined) this.grpcCode = details.grpcCode;
    this.acceptedJobIds = details.acceptedJobIds ?? [];
  }

  readonly kind: ArmadaErrorKind;
}

/** What was being done when a call failed, for the message. */
export interface CallContext {
  operation: string; // e.g. "SubmitJobs", "health check"
  address: string; // the master URL tried, e.g. armada://host:50051
  queue?: string;
  timeoutMs?: number;
  timeoutKey?: string; // the setting that bounds this call, e.g. spark.armada.health.checkTimeout
  credentialSource?: string; // where the credentials came from, never the credentials
}

export function grpcCodeName(code: Code): string {
  return Code[code]!.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

// Armada's wordings for a missing queue; "Jobset j for queue q does not exist" is a missing job set.
const queueNotFound = /could not find queue|(?<!for )\bqueue "?[^\s"]+"? (does not exist|not found)/i;

export function queueMissingMessage(queue: string, address: string): string {
  return (
    `queue "${queue}" does not exist on Armada at ${address}. Create it first, with ` +
    `\`armada-spark queue create ${queue}\` or \`armadactl create queue ${queue}\`, then retry.`
  );
}

/** Maps any failure of a call to an ArmadaError (already ArmadaErrors pass through). */
export function toArmadaError(err: unknown, ctx: CallContext, redactor: Redactor): ArmadaError {
  if (err instanceof ArmadaError) return err;
  const ce = ConnectError.from(err);
  const code = grpcCodeName(ce.code);
  const detail = redactor.redact(ce.rawMessage);
  const make = (kind: ArmadaErrorKind, message: string): ArmadaError =>
    new ArmadaError(kind, redactor.redact(message), { grpcCode: code });
  switch (ce.code) {
    case Code.Unauthenticated:
      return make(
        "unauthenticated",
        `Armada at ${ctx.address} rejected the credentials for ${ctx.operation} (UNAUTHENTICATED: ${detail}). ` +
          `Credentials came from ${ctx.credentialSource ?? "nowhere (none configured)"}; set ARMADA_AUTH_TOKEN, ` +
          `spark.armada.auth.script.path, or an armadactl context with valid credentials.`,
      );
    case Code.PermissionDenied:
    case Code.NotFound:
      if (ctx.queue !== undefined && queueNotFound.test(ce.rawMessage)) {
        return make("queue-missing", queueMissingMessage(ctx.queue, ctx.address));
      }
      return ce.code === Code.NotFound
        ? make("not-found", `${ctx.operation} at ${ctx.address}: not found (${detail})`)
        : make(
            "permission-denied",
            `Armada at ${ctx.address} denied ${ctx.operation} (PERMISSION_DENIED: ${detail}). ` +
              `Check that your user may use ${ctx.queue !== undefined ? `queue "${ctx.queue}"` : "this operation"}.`,
          );
    case Code.DeadlineExceeded:
      return make(
        "deadline-exceeded",
        `${ctx.operation} at ${ctx.address} did not finish within ${ctx.timeoutMs ?? "the"} ms (DEADLINE_EXCEEDED)` +
          (ctx.timeoutKey !== undefined ? `; raise ${ctx.timeoutKey} if Armada is slow to answer` : "") +
          ".",
      );
    case Code.Unavailable:
      return make(
        "unreachable",
        `cannot reach Armada at ${ctx.address} for ${ctx.operation} (UNAVAILABLE: ${detail}). ` +
          `Check the --master address and that Armada is running and reachable from this machine.`,
      );
    case Code.InvalidArgument:
      return make("invalid-argument", `Armada rejected ${ctx.operation} as invalid: ${detail}`);
    case Code.AlreadyExists:
      return make("already-exists", `${ctx.operation} at ${ctx.address}: already exists (${detail})`);
    default:
      return make("server", `${ctx.operation} at ${ctx.address} failed (${code}: ${detail})`);
  }
}
