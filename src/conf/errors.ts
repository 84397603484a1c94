// Errors a user can act on. The CLI maps both to exit code 2 and prints the message as one line.
import { describeSource, type Source } from "./source.js";
import { REDACTED } from "./secrets.js";

/**
 * A bad value: names the key or flag, the value (or `<redacted>`), where it came from and what is
 * expected, e.g. `spark.armada.scheduling.priority: "-1" (from --conf) is invalid: expected a number >= 0`.
 */
export class ConfError extends Error {
  override readonly name = "ConfError";
  readonly subject: string;
  readonly value: string;
  readonly source: Source;
  readonly expected: string;
  readonly reason: string | undefined;

  constructor(opts: {
    subject: string;
    value: string;
    source: Source;
    expected: string;
    reason?: string;
    secret?: boolean;
    /** Replaces "is invalid: expected ..." (e.g. for settings that are recognised but not supported). */
    problem?: string;
  }) {
    const shown = opts.secret ? REDACTED : JSON.stringify(opts.value);
    // A reason may quote the value, so it is dropped for secrets.
    const reason = opts.secret ? undefined : opts.reason;
    const head = `${opts.subject}: ${shown} (from ${describeSource(opts.source)})`;
    super(
      opts.problem !== undefined
        ? `${head}: ${opts.problem}`
        : `${head} is invalid: expected ${opts.expected}` + (reason ? ` (${reason})` : ""),
    );
    this.subject = opts.subject;
    this.value = opts.secret ? REDACTED : opts.value;
    this.source = opts.source;
    this.expected = opts.expected;
    this.reason = reason;
  }
}

/** A malformed command line or a request we cannot serve (unsupported mode, missing option). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Thrown by `ValueType.parse` with the reason the text is not a valid value. */
export class InvalidValue extends Error {
  override readonly name = "InvalidValue";
}
