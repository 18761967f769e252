import type { RunResult } from "./result.js";

/** The schema version of the JSON record; bumped when a field changes meaning or goes away. */
export const RESULT_SCHEMA_VERSION = 1;

/** The machine-readable record of a run (--result, --json). Documented in README.md. */
export function resultRecord(r: RunResult): Record<string, unknown> {
  const ms = (n: number) => Math.round(n * 10) / 10;
  return {
    schema: RESULT_SCHEMA_VERSION,
    exitCode: r.exitCode,
    ending: r.ending,
    status: r.status,
    signal: r.signal,
    message: r.message,
    timings: { bootMs: ms(r.timings.bootMs), jobMs: ms(r.timings.jobMs), shutdownMs: ms(r.timings.shutdownMs), totalMs: ms(r.timings.totalMs) },
    kernel: r.kernel,
    kernelRelease: r.kernelRelease,
    peakRssKiB: r.peakRssKiB,
    kernelLogTail: r.kernelLogTail,
  };
}
