// Armada client errors -> the command line's exit codes.
import type { ArmadaErrorKind } from "../armada/errors.js";
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";

const exitCodeOfKind: Record<ArmadaErrorKind, ExitCodeValue> = {
  "queue-missing": ExitCode.rejected,
  "permission-denied": ExitCode.rejected,
  "invalid-argument": ExitCode.rejected,
  "already-exists": ExitCode.rejected,
  "not-found": ExitCode.notFound,
  unauthenticated: ExitCode.unavailable,
  "deadline-exceeded": ExitCode.unavailable,
  unreachable: ExitCode.unavailable,
  server: ExitCode.unavailable,
  config: ExitCode.usage,
};

export function exitCodeOfArmadaError(kind: ArmadaErrorKind): ExitCodeValue {
  return exitCodeOfKind[kind];
}
