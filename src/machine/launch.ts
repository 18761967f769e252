import { spawn, type ChildProcess } from "node:child_process";
import type { Identity } from "../spec/caller.js";

export interface LaunchOptions {
  kernel: string;
  args: string[];
  /** The host user the kernel runs as when it is not the wrapper's own: files the job creates are theirs. */
  runAs?: Identity;
  /** The guest memory directory (see preflight). */
  tmpDir: string;
}

const SETPRIV = "/usr/bin/setpriv";

/**
 * Starts linux.uml through setpriv, which makes the kernel die with the wrapper (a SIGKILLed wrapper
 * would otherwise leave the guest running) and drops to the job's user when the wrapper runs as root.
 * stdio: 0 nothing; 1 and 2 the console; 3, 4, 5 the job's stdout, stderr and the control channel
 * (socketpairs, so the control channel works both ways).
 */
export function launchKernel(o: LaunchOptions): ChildProcess {
  const drop = o.runAs
    ? [`--reuid=${o.runAs.uid}`, `--regid=${o.runAs.gid}`, o.runAs.groups.length ? `--groups=${o.runAs.groups.join(",")}` : "--clear-groups"]
    : [];
  return spawn(SETPRIV, [...drop, "--pdeathsig", "TERM", "--", o.kernel, ...o.args], {
    stdio: ["ignore", "pipe", "pipe", "pipe", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", TMPDIR: o.tmpDir },
  });
}

/** Kills what is left of a kernel's process tree: UML is its own process group, helpers included. */
export function killKernelGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}
