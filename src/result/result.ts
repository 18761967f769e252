import { EXIT } from "./exit-codes.js";
import { constants as osConstants } from "node:os";

/** How a run ended. */
export type Ending =
  | "exited" // the job exited by itself
  | "signaled" // the job was killed by a signal
  | "timeout" // --timeout expired and the job was stopped
  | "out-of-memory" // the guest kernel killed the job for lack of memory
  | "not-found" // the command does not exist in the guest
  | "not-executable" // the command exists but cannot be executed
  | "wrapper-error" // bad options or environment: nothing was booted, or the guest could not start the job
  | "boot-failure" // the guest never came up
  | "panic"; // the guest kernel died

export interface Timings {
  /** From the start of run() until the guest agent said READY. */
  bootMs: number;
  /** From READY until the guest reported the job's end. */
  jobMs: number;
  /** From the job's end until the kernel process exited. */
  shutdownMs: number;
  totalMs: number;
}

export interface RunResult {
  /** What the wrapper exits with: see EXIT. */
  exitCode: number;
  ending: Ending;
  /** The job's exit status, when it exited. */
  status: number | null;
  /** The signal that killed the job, e.g. "SIGKILL". */
  signal: string | null;
  /** Why the job did not run, for every ending but exited and signaled. */
  message: string | null;
  /** The end of the kernel log, for guest failures. */
  kernelLogTail: string[];
  timings: Timings;
  /** The kernel that was booted. */
  kernel: string | null;
  /** The guest kernel's release, once it booted. */
  kernelRelease: string | null;
  /** The job's peak resident memory in KiB, as the guest kernel measured it. */
  peakRssKiB: number | null;
}

export function signalName(signo: number): string {
  const entry = Object.entries(osConstants.signals).find(([, n]) => n === signo);
  return entry ? entry[0] : `SIG${signo}`;
}

export function signalNumber(name: NodeJS.Signals): number {
  return osConstants.signals[name];
}

/** The exit code for a job that was killed by signal signo. */
export function signalExitCode(signo: number): number {
  return EXIT.signalBase + signo;
}
