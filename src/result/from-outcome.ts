import { constants as osConstants } from "node:os";
import type { GuestOutcome } from "../machine/guest.js";
import { Stage } from "../protocol/messages.js";
import { EXIT } from "./exit-codes.js";
import { signalExitCode, signalName, type Ending, type RunResult } from "./result.js";

const ENOENT = osConstants.errno.ENOENT;
const SIGKILL = osConstants.signals.SIGKILL;

function fields(ending: Ending, exitCode: number, message: string | null = null): Pick<RunResult, "ending" | "exitCode" | "message"> {
  return { ending, exitCode, message };
}

/** Why the run ended, in the user's terms. */
function classify(o: GuestOutcome): Pick<RunResult, "ending" | "exitCode" | "message"> {
  if (o.stopped?.kind === "timeout") return fields("timeout", EXIT.timeout, "the job ran out of time (--timeout) and was stopped");
  // A failed job whose guest killed something for lack of memory failed for that reason.
  if (o.exit?.oom && (o.exit.how === "signaled" || o.exit.code !== 0))
    return fields("out-of-memory", EXIT.wrapperFailure, "the guest ran out of memory and its kernel killed the job or part of it: raise --mem or add --swap");
  if (o.exit?.how === "exited") return fields("exited", o.exit.code);
  if (o.exit?.how === "signaled") return fields("signaled", signalExitCode(o.exit.code));
  if (o.error?.stage === Stage.EXEC)
    return o.error.errno === ENOENT
      ? fields("not-found", EXIT.notFound, o.error.message)
      : fields("not-executable", EXIT.notExecutable, o.error.message);
  if (o.error?.stage === Stage.KEEP)
    return fields("wrapper-error", EXIT.wrapperFailure, `the job ended, but its changes could not be saved (--sandbox-keep): ${o.error.message}`);
  if (o.error) return fields("wrapper-error", EXIT.wrapperFailure, `the guest could not start the job: ${o.error.message}`);
  if (o.stopped?.kind === "signal" && !o.exit)
    return fields("signaled", signalExitCode(SIGKILL), `the job did not end after ${o.stopped.name} and was killed`);
  if (o.interruptedBy)
    return fields("signaled", signalExitCode(o.interruptedBy.signo), `interrupted by ${o.interruptedBy.name} before the job started`);
  if (o.launchError) return fields("wrapper-error", EXIT.wrapperFailure, `cannot start the kernel: ${o.launchError.message}`);
  const how = o.kernelExit.signal ? `was killed by ${o.kernelExit.signal}` : `exited with code ${o.kernelExit.code}`;
  if (o.bootTimedOut) return fields("boot-failure", EXIT.wrapperFailure, "the guest did not finish booting in time (see --boot-timeout)");
  const panicked = /Kernel panic|Aiee|Attempted to kill init/.test(o.console.text()) || o.kernelExit.code === 134;
  if (panicked) return fields("panic", EXIT.wrapperFailure, `the guest kernel panicked (it ${how})`);
  if (!o.ready) return fields("boot-failure", EXIT.wrapperFailure, `the guest did not boot: the kernel ${how}`);
  return fields("wrapper-error", EXIT.wrapperFailure, `the guest stopped before the job ended: the kernel ${how}`);
}

export function resultFromOutcome(o: GuestOutcome, kernel: string): RunResult {
  const c = classify(o);
  const guestFailed =
    c.ending === "boot-failure" || c.ending === "panic" || c.ending === "out-of-memory" || (c.ending === "wrapper-error" && !o.error);
  const jobEnd = o.exitAt ?? o.endedAt;
  const readyAt = o.readyAt ?? jobEnd;
  return {
    ...c,
    status: o.exit?.how === "exited" ? o.exit.code : null,
    signal: o.exit?.how === "signaled" ? signalName(o.exit.code) : o.interruptedBy?.name ?? (o.stopped && !o.exit ? "SIGKILL" : null),
    kernelLogTail: guestFailed ? o.console.tail() : [],
    timings: {
      bootMs: readyAt - o.startedAt,
      jobMs: jobEnd - readyAt,
      shutdownMs: o.endedAt - jobEnd,
      totalMs: o.endedAt - o.startedAt,
    },
    kernel,
    kernelRelease: o.ready?.kernelRelease ?? null,
    peakRssKiB: o.exit?.peakRssKiB ?? null,
  };
}
