import { performance } from "node:perf_hooks";
import type { Duplex, Readable, Writable } from "node:stream";
import { forwardStdin } from "../channels/stdin.js";
import { relayOutput } from "../channels/output.js";
import { catchSignals } from "../channels/signals.js";
import { attachTerminal } from "../channels/terminal.js";
import { Stopper } from "../exit/stopper.js";
import { FD } from "../kernel/cmdline.js";
import { ControlChannel } from "../protocol/control-channel.js";
import { u32 } from "../protocol/frames.js";
import { HostMsg, type GuestMessage } from "../protocol/messages.js";
import { signalNumber } from "../result/result.js";
import { showBootProgress } from "../ui/progress.js";
import { ConsoleLog } from "./console-log.js";
import { debug } from "./debug.js";
import { killKernel, launchKernel, type LaunchOptions } from "./launch.js";

export interface GuestIO {
  stdin: Readable | null;
  stdout: Writable;
  stderr: Writable;
  /** Where to show the console live (--echo). */
  echo?: Writable;
  /** A file descriptor that gets the whole console (--log-file). */
  logFd?: number;
  /** The job has a terminal: put the host's in raw mode and pass size changes on. */
  terminal: boolean;
  /** Show a spinner here while a slow boot goes on (a terminal; never with echo). */
  progress?: Writable;
}

export interface GuestRun extends LaunchOptions {
  io: GuestIO;
  /** The run directory, through which stdin travels. */
  runDir: string;
  bootTimeoutMs: number;
  /** Stop the job this long after it started (boot not counted). */
  timeoutMs?: number;
  /** After a stop request, how long the job has before it is killed. */
  killAfterMs: number;
  /** Pass SIGINT, SIGTERM and the like from the wrapper to the job. */
  forwardSignals: boolean;
}

/** What happened to one guest, as the host saw it. Times are performance.now() values. */
export interface GuestOutcome {
  startedAt: number;
  ready: Extract<GuestMessage, { type: "ready" }> | null;
  readyAt: number | null;
  exit: Extract<GuestMessage, { type: "exit" }> | null;
  exitAt: number | null;
  error: Extract<GuestMessage, { type: "error" }> | null;
  endedAt: number;
  kernelExit: { code: number | null; signal: NodeJS.Signals | null };
  launchError: Error | null;
  bootTimedOut: boolean;
  /** Why the wrapper stopped the job, if it did. */
  stopped: Stopper["reason"];
  /** A signal that reached the wrapper before the job could receive it. */
  interruptedBy: { signo: number; name: NodeJS.Signals } | null;
  console: ConsoleLog;
}

/** How long to wait for the job's output after the kernel exited (helpers could hold it open). */
const OUTPUT_GRACE_MS = 2000;

/** Boots one guest, runs its job to the end and shuts it down. Never rejects. */
export function runGuest(g: GuestRun): Promise<GuestOutcome> {
  const console = new ConsoleLog(g.io.echo, g.io.logFd);
  const child = launchKernel(g);
  const o: GuestOutcome = {
    startedAt: performance.now(), ready: null, readyAt: null, exit: null, exitAt: null, error: null, endedAt: 0,
    kernelExit: { code: null, signal: null }, launchError: null, bootTimedOut: false, stopped: null,
    interruptedBy: null, console,
  };
  child.stdout!.on("data", (c: Buffer) => console.push(c));
  child.stderr!.on("data", (c: Buffer) => console.push(c));
  const channels = child.stdio as unknown as Duplex[];
  const outputs = [relayOutput(channels[FD.jobStdout]!, g.io.stdout), relayOutput(channels[FD.jobStderr]!, g.io.stderr)];
  const control = new ControlChannel(channels[FD.control]!);
  const jobRunning = () => o.ready !== null && !o.exit && !o.error;
  const stopper = new Stopper(
    { signalJob: (signo) => jobRunning() && control.send(HostMsg.SIGNAL, u32(signo)), killGuest: () => killKernel(child) },
    g.killAfterMs,
  );
  const cleanups: Array<() => void> = [() => stopper.dispose()];
  const stopProgress = g.io.progress ? showBootProgress(g.io.progress) : () => {};
  cleanups.push(stopProgress);

  const bootTimer = setTimeout(() => {
    o.bootTimedOut = true;
    killKernel(child);
  }, g.bootTimeoutMs);
  cleanups.push(() => clearTimeout(bootTimer));

  control.on("message", (msg) => {
    debug(`guest: ${JSON.stringify(msg)}`);
    if (msg.type === "ready") {
      clearTimeout(bootTimer);
      stopProgress();
      o.ready = msg;
      o.readyAt = performance.now();
      if (g.io.terminal && g.io.stdin) cleanups.push(attachTerminal(g.io.stdin, g.io.stdout, control));
      if (g.io.stdin) cleanups.push(forwardStdin(g.io.stdin, control, g.runDir, g.runAs));
      else control.send(HostMsg.STDIN_EOF);
    } else if (msg.type === "started" && g.timeoutMs !== undefined) {
      const timer = setTimeout(() => stopper.stop(signalNumber("SIGTERM"), { kind: "timeout" }), g.timeoutMs);
      cleanups.push(() => clearTimeout(timer));
    } else if (msg.type === "exit" || msg.type === "error") {
      if (msg.type === "exit") o.exit = msg;
      else o.error = msg;
      o.exitAt = performance.now();
    }
  });

  if (g.forwardSignals)
    cleanups.push(
      catchSignals((signo, name) => {
        if (!o.ready) {
          o.interruptedBy = { signo, name };
          killKernel(child);
        } else if (name === "SIGINT" || name === "SIGTERM") {
          stopper.stop(signo, { kind: "signal", name });
        } else if (jobRunning()) {
          control.send(HostMsg.SIGNAL, u32(signo));
        }
      }),
    );

  return new Promise((resolve) => {
    let finished = false;
    const finish = async () => {
      if (finished) return; // a failed spawn reports both "error" and "exit"
      finished = true;
      killKernel(child); // closes the supervisor's pipe: nothing of this guest may outlive the run
      for (const cleanup of cleanups.reverse()) cleanup();
      // The kernel's exit can be seen before the last frames and output are read from their sockets.
      const grace = new Promise((r) => setTimeout(r, OUTPUT_GRACE_MS).unref());
      await Promise.race([Promise.all([...outputs, control.drained]), grace]);
      o.stopped = stopper.reason;
      o.endedAt = performance.now();
      resolve(o);
    };
    child.once("error", (err) => {
      o.launchError = err;
      void finish();
    });
    child.once("exit", (code, signal) => {
      debug(`kernel exited: code ${code} signal ${signal}`);
      o.kernelExit = { code, signal };
      void finish();
    });
  });
}
