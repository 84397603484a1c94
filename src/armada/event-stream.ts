// A job set's events as an async iterable that survives connection loss: on UNAVAILABLE or a
// reset stream it reconnects with backoff and resumes after the last message id it delivered,
// so no event is lost or repeated.
import { Code, ConnectError } from "@connectrpc/connect";
import type { EventMessage, EventStreamMessage } from "./gen/pkg/api/event_pb.js";
import type { RetryHooks, RetryPolicy } from "./retry.js";
import { backoffDelayMs, sleep } from "./retry.js";

export interface JobSetEvent {
  /** Opaque resume token: pass as fromMessageId to continue after this event. */
  id: string;
  message: EventMessage;
}

/** Opens the stream after `fromMessageId` ("" = from the start). */
export type OpenEventStream = (
  fromMessageId: string,
  signal: AbortSignal,
) => AsyncIterable<EventStreamMessage>;

export const defaultStreamRetryPolicy: RetryPolicy = {
  maxAttempts: 10, // consecutive failures without an event in between
  initialDelayMs: 250,
  maxDelayMs: 10_000,
  multiplier: 2,
};

/** A broken connection or stream, as opposed to an answer from the server. */
export function isStreamBreak(err: unknown): boolean {
  if (!(err instanceof ConnectError)) return false;
  if (err.code === Code.Unavailable || err.code === Code.Aborted) return true;
  // A server that shuts down resets its open streams with RST_STREAM CANCEL, which the transport
  // reports as CANCELED; a cancel of our own (the caller's signal) is told apart before this.
  if (err.code === Code.Canceled) return /http\/2 stream closed/i.test(err.message);
  return (
    err.code === Code.Internal &&
    /http\/2 stream closed|stream reset|ECONNRESET|premature close/i.test(err.message)
  );
}

export async function* resumableEvents(
  open: OpenEventStream,
  fromMessageId: string,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  hooks: Pick<RetryHooks, "sleep" | "random" | "onRetry"> = {},
): AsyncGenerator<JobSetEvent> {
  let lastId = fromMessageId;
  let failures = 0;
  for (;;) {
    const attempt = new AbortController();
    const onAbort = (): void => attempt.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      for await (const m of open(lastId, attempt.signal)) {
        // A server may resend the message we resumed from; never deliver it twice.
        if (m.id !== "" && m.id === lastId) continue;
        failures = 0;
        if (m.id !== "") lastId = m.id;
        if (m.message === undefined) continue;
        yield { id: m.id, message: m.message };
      }
      return;
    } catch (err) {
      if (signal?.aborted === true || !isStreamBreak(err)) throw err;
      failures++;
      if (failures >= policy.maxAttempts) throw err;
      const delay = backoffDelayMs(failures - 1, policy, hooks.random);
      hooks.onRetry?.(err, failures, delay);
      await (hooks.sleep ?? sleep)(delay);
    } finally {
      signal?.removeEventListener("abort", onAbort);
      attempt.abort(); // closes the stream when the consumer stops early
    }
  }
}
