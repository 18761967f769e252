import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Identity } from "../spec/caller.js";

export interface LaunchOptions {
  kernel: string;
  args: string[];
  /** The host user the kernel runs as when it is not the wrapper's own: files the job creates are theirs. */
  runAs?: Identity;
  /** The guest memory directory (see preflight). */
  tmpDir: string;
}

/** The host-side keeper of the kernel's process tree, built from supervisor/ by `npm run build`. */
export function supervisorPath(): string {
  return fileURLToPath(new URL("../../supervisor/uml-supervise", import.meta.url));
}

/**
 * Starts linux.uml through uml-supervise, which drops to the job's user when the wrapper runs as root
 * and makes sure that no process of the kernel's outlives the run, even when the wrapper is SIGKILLed.
 * stdio: 0 a pipe that we close to stop the guest (it closes by itself when we die); 1 and 2 the
 * console; 3, 4, 5 the job's stdout, stderr and the control channel (socketpairs, so the control
 * channel works both ways).
 */
export function launchKernel(o: LaunchOptions): ChildProcess {
  const drop = o.runAs ? [`--uid=${o.runAs.uid}`, `--gid=${o.runAs.gid}`, `--groups=${o.runAs.groups.join(",")}`] : [];
  return spawn(supervisorPath(), [...drop, "--", o.kernel, ...o.args], {
    stdio: ["pipe", "pipe", "pipe", "pipe", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", TMPDIR: o.tmpDir },
  });
}

/** Has the supervisor kill the kernel and all its processes now. */
export function killKernel(child: ChildProcess): void {
  child.stdin?.destroy();
}
