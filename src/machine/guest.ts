import { performance } from "node:perf_hooks";
import type { Duplex, Readable, Writable } from "node:stream";
import { forwardStdin } from "../channels/stdin.js";
import { relayOutput } from "../channels/output.js";
import { catchSignals } from "../channels/signals.js";
import { FD } from "../kernel/cmdline.js";
import { ControlChannel } from "../protocol/control-channel.js";
import { HostMsg, type GuestMessage } from "../protocol/messages.js";
import { u32 } from "../protocol/frames.js";
import { ConsoleLog } from "./console-log.js";
import { debug } from "./debug.js";
import { killKernelGroup, launchKernel, type LaunchOptions } from "./launch.js";

export interface GuestIO {
  stdin: Readable | null;
  stdout: Writable;
  stderr: Writable;
  /** Where to show the console live (--echo). */
  echo?: Writable;
}

export interface GuestRun extends LaunchOptions {
  io: GuestIO;
  /** The run directory, through which stdin travels. */
  runDir: string;
  bootTimeoutMs: number;
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
  /** A signal that reached the wrapper before the job could receive it. */
  interruptedBy: { signo: number; name: NodeJS.Signals } | null;
  console: ConsoleLog;
}

/** How long to wait for the job's output after the kernel exited (helpers could hold it open). */
const OUTPUT_GRACE_MS = 2000;

/** Boots one guest, runs its job to the end and shuts it down. Never rejects. */
export function runGuest(g: GuestRun): Promise<GuestOutcome> {
  const startedAt = performance.now();
  const console = new ConsoleLog(g.io.echo);
  const child = launchKernel(g);
  const o: GuestOutcome = {
    startedAt, ready: null, readyAt: null, exit: null, exitAt: null, error: null, endedAt: 0,
    kernelExit: { code: null, signal: null }, launchError: null, bootTimedOut: false, interruptedBy: null, console,
  };
  child.stdout!.on("data", (c: Buffer) => console.push(c));
  child.stderr!.on("data", (c: Buffer) => console.push(c));
  const channels = child.stdio as unknown as Duplex[];
  const stdout = relayOutput(channels[FD.jobStdout]!, g.io.stdout);
  const stderr = relayOutput(channels[FD.jobStderr]!, g.io.stderr);
  const control = new ControlChannel(channels[FD.control]!);
  let stopStdin = () => {};

  const bootTimer = setTimeout(() => {
    o.bootTimedOut = true;
    killKernelGroup(child);
  }, g.bootTimeoutMs);

  control.on("message", (msg) => {
    debug(`guest: ${JSON.stringify(msg)}`);
    if (msg.type === "ready") {
      clearTimeout(bootTimer);
      o.ready = msg;
      o.readyAt = performance.now();
      if (g.io.stdin) stopStdin = forwardStdin(g.io.stdin, control, g.runDir, g.runAs);
      else control.send(HostMsg.STDIN_EOF);
    } else if (msg.type === "exit") {
      o.exit = msg;
      o.exitAt = performance.now();
      stopStdin();
    } else if (msg.type === "error") {
      o.error = msg;
      o.exitAt = performance.now();
      stopStdin();
    }
  });

  const releaseSignals = g.forwardSignals
    ? catchSignals((signo, name) => {
        if (control.ready && !o.exit && !o.error) return control.send(HostMsg.SIGNAL, u32(signo));
        if (!control.ready) {
          o.interruptedBy = { signo, name };
          killKernelGroup(child);
        }
      })
    : () => {};

  return new Promise((resolve) => {
    const finish = async () => {
      clearTimeout(bootTimer);
      killKernelGroup(child); // UML's helper processes outlive it otherwise
      stopStdin();
      releaseSignals();
      const grace = new Promise((r) => setTimeout(r, OUTPUT_GRACE_MS).unref());
      await Promise.race([Promise.all([stdout, stderr]), grace]);
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
