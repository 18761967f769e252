import { performance } from "node:perf_hooks";

/** UML_JOB_WRAPPER_DEBUG=1 traces the run on stderr: for diagnosing the wrapper itself. */
const enabled = Boolean(process.env.UML_JOB_WRAPPER_DEBUG);

export function debug(what: string): void {
  if (enabled) process.stderr.write(`[ujw ${performance.now().toFixed(1)} ms] ${what}\n`);
}
