// The exit codes of every command, documented in the README. Scripts and CI pipelines branch on
// these, so a number never changes meaning.
export const ExitCode = {
  /** The application succeeded (or the operation did). */
  ok: 0,
  /** An unexpected error inside armada-spark. */
  internal: 1,
  /** Bad command line or configuration; nothing was submitted. */
  usage: 2,
  /** Armada refused the submission (validation, missing queue, gang rejected, fits no node). */
  rejected: 3,
  /** The driver failed; the message carries its exit code. */
  driverFailed: 4,
  /** The application was cancelled. */
  cancelled: 5,
  /** The application was preempted. */
  preempted: 6,
  /** Fewer executors than required registered within spark.armada.executor.trackerTimeout. */
  executorsNotRegistered: 7,
  /** spark.armada.driver.watchTimeout (or watch --timeout, kill --wait) passed first; the application keeps running. */
  watchTimeout: 8,
  /** Armada could not be reached or refused our credentials. */
  unavailable: 9,
  /** The application was not found (status, logs, kill). */
  notFound: 10,
  /** Ctrl-C while following (128 + SIGINT, as shells report it); the application keeps running. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
