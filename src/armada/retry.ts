// Retries with exponential backoff and full jitter, for calls that are safe to repeat.
import { Code, ConnectError } from "@connectrpc/connect";

export interface RetryPolicy {
  maxAttempts: number; // including the first
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 5_000,
  multiplier: 2,
};

/** Delay before retry number `retry` (0-based): uniform in [0, min(max, initial * multiplier^retry)]. */
export function backoffDelayMs(
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const cap = Math.min(policy.maxDelayMs, policy.initialDelayMs * Math.pow(policy.multiplier, retry));
  return Math.floor(random() * cap);
}

/** UNAVAILABLE: the server was not reached or refused the stream before handling it. */
export function isUnavailable(err: unknown): boolean {
  return err instanceof ConnectError && err.code === Code.Unavailable;
}

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  isRetryable?: (err: unknown) => boolean;
  onRetry?: (err: unknown, retry: number, delayMs: number) => void;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function withRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const retryable = hooks.isRetryable ?? isUnavailable;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= policy.maxAttempts || !retryable(err)) throw err;
      const delay = backoffDelayMs(attempt - 1, policy, hooks.random);
      hooks.onRetry?.(err, attempt, delay);
      await (hooks.sleep ?? sleep)(delay);
    }
  }
}
