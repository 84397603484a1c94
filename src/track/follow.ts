// Follows an application's event stream until its outcome is known or the watch times out.
// The stream (the Armada client's) reconnects by itself; this only folds and decides.
import { ExitCode } from "../exit-codes.js";
import type { ApplicationState } from "./application-state.js";
import { applyEvent } from "./application-state.js";
import type { JobEvent } from "./job-event.js";
import type { Outcome } from "./outcome.js";
import { applicationOutcome } from "./outcome.js";

export interface FollowOptions {
  /** 0 or undefined: no limit (spark.armada.driver.watchTimeout's default). */
  watchTimeoutMs?: number;
  /** Called after each event is folded in. */
  onEvent?: (state: ApplicationState, event: JobEvent) => void;
}

export interface FollowResult {
  state: ApplicationState;
  outcome: Outcome;
}

const timedOut = Symbol("timed out");

export async function followApplication(
  events: AsyncIterable<JobEvent>,
  initial: ApplicationState,
  options: FollowOptions = {},
): Promise<FollowResult> {
  let state = initial;
  const already = applicationOutcome(state);
  if (already) return { state, outcome: already };
  const iterator = events[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const deadline =
    options.watchTimeoutMs && options.watchTimeoutMs > 0
      ? new Promise<typeof timedOut>((resolve) => {
          timer = setTimeout(() => resolve(timedOut), options.watchTimeoutMs);
        })
      : undefined;
  try {
    for (;;) {
      const next = deadline ? await Promise.race([iterator.next(), deadline]) : await iterator.next();
      if (next === timedOut) {
        const seconds = Math.round((options.watchTimeoutMs ?? 0) / 1000);
        return {
          state,
          outcome: {
            exitCode: ExitCode.watchTimeout,
            reason: `stopped watching after ${seconds}s (spark.armada.driver.watchTimeout); the application keeps running`,
          },
        };
      }
      if (next.done) {
        return {
          state,
          outcome: {
            exitCode: ExitCode.unavailable,
            reason: "the event stream ended before the application did",
          },
        };
      }
      state = applyEvent(state, next.value);
      options.onEvent?.(state, next.value);
      const outcome = applicationOutcome(state);
      if (outcome) return { state, outcome };
    }
  } finally {
    if (timer) clearTimeout(timer);
    // Ends the underlying gRPC stream.
    void iterator.return?.();
  }
}
