/** Defaults, in one place for the help text, the README and run(). */
export const DEFAULTS = {
  /** Guest memory. Only pages the job touches cost host memory; a larger size costs boot time. */
  mem: "1G",
  /** The smallest guest that boots and runs a job. */
  minMem: "32M",
  hostMount: "/mnt/host",
  bootTimeoutSeconds: 60,
  /** The grace period between SIGTERM and SIGKILL when the job is stopped. */
  killAfterSeconds: 5,
} as const;
