/** The wrapper's exit codes, after POSIX `env` and `timeout`. The job's own status passes through. */
export const EXIT = {
  /** --timeout expired and the job was stopped. */
  timeout: 124,
  /** The wrapper or the guest failed: bad option, no kernel, boot failure, kernel panic. */
  wrapperFailure: 125,
  /** The command was found but could not be executed. */
  notExecutable: 126,
  /** The command was not found. */
  notFound: 127,
  /** Added to the signal number when the job was killed by a signal. */
  signalBase: 128,
} as const;
