import { debug } from "../machine/debug.js";
import { signalNumber } from "../result/result.js";

export interface StopTarget {
  /** Sends a signal to the job's process group (once the job runs). */
  signalJob(signo: number): void;
  /** Kills the whole guest. */
  killGuest(): void;
}

export type StopReason = { kind: "signal"; name: NodeJS.Signals } | { kind: "timeout" };

/** How long a guest gets to report the end of a SIGKILLed job before it is killed itself. */
const GUEST_GRACE_MS = 3000;

/**
 * A second stop request escalates only if it comes this long after the first: batch systems send the
 * same SIGTERM more than once within milliseconds (Slurm at a time limit does), and that is one request.
 */
const REPEAT_WINDOW_MS = 1000;

const SIGKILL = signalNumber("SIGKILL");

/**
 * Stops a job the way `timeout --kill-after` does: the requested signal first, SIGKILL when the job
 * outlives the grace period (or at a second request), and the whole guest if even that goes unanswered.
 */
export class Stopper {
  reason: StopReason | null = null;
  private firstAt = 0;
  private timers: NodeJS.Timeout[] = [];
  private killed = false;

  constructor(
    private readonly target: StopTarget,
    private readonly killAfterMs: number,
  ) {}

  stop(signo: number, reason: StopReason): void {
    if (this.reason) {
      if (Date.now() - this.firstAt >= REPEAT_WINDOW_MS) this.kill();
      return;
    }
    this.reason = reason;
    this.firstAt = Date.now();
    debug(`stopping the job with signal ${signo} (${reason.kind})`);
    this.target.signalJob(signo);
    this.later(this.killAfterMs, () => this.kill());
  }

  kill(): void {
    if (this.killed) return;
    this.killed = true;
    debug("killing the job");
    this.target.signalJob(SIGKILL);
    this.later(GUEST_GRACE_MS, () => this.target.killGuest());
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
  }

  private later(ms: number, action: () => void): void {
    this.timers.push(setTimeout(action, ms));
  }
}
