import { chownSync, closeSync, openSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { kernelCommandLine } from "./kernel/cmdline.js";
import { cachedLpj, learnLpj } from "./kernel/lpj.js";
import { modulesDirFor, stageOverlayModule } from "./kernel/modules.js";
import { hostfsRootFor } from "./machine/hostfs-root.js";
import { runGuest, type GuestOutcome } from "./machine/guest.js";
import { debug } from "./machine/debug.js";
import { GUEST_NET, startNetwork, type Network } from "./machine/network.js";
import { checkMemoryDir } from "./machine/preflight.js";
import { createRunDir, removeStaleRuns, runBase } from "./machine/run-dir.js";
import { resolveRun, type ResolvedRun } from "./options/resolve.js";
import type { RunOptions } from "./options/run-options.js";
import { WrapperError, describeSystemError } from "./result/errors.js";
import { resultFromOutcome } from "./result/from-outcome.js";
import type { RunResult } from "./result/result.js";
import { initramfs } from "./rootfs/initramfs.js";
import { createSwapFile } from "./rootfs/swap.js";
import { encodeSpec } from "./spec/encode.js";
import { foreignRootSpec, importRoot } from "./rootfs/foreign-root.js";

/** Writes what the guest needs into the run directory; returns the kernel's arguments. */
function prepareRunDir(r: ResolvedRun, dir: string, fullLog: boolean): string[] {
  const foreign = r.root ? foreignRootSpec(r) : {};
  const needsOverlay = r.sandbox || (r.root?.kind === "dir" && !r.root.writable);
  const hostfsRoot = hostfsRootFor(r, dir);
  const spec = encodeSpec({
    ...foreign,
    hostfsRoot,
    argv: r.command,
    env: r.env,
    cwd: r.cwd,
    runDir: dir,
    ...r.identity,
    swapDevice: r.swapBytes ? "/dev/ubdb" : undefined,
    hostMount: r.hostMount ?? undefined,
    terminal: r.terminal,
    readOnlyRoot: r.readOnly,
    writable: r.writable,
    sandbox: r.sandbox,
    modulesDir: needsOverlay ? stageOverlayModule(modulesDirFor(r.kernel), dir) : undefined,
    keepDir: r.keepDir,
    net: r.net ? GUEST_NET : undefined,
  });
  const initrd = join(dir, "initrd");
  writeFileSync(initrd, initramfs(spec), { mode: 0o600 });
  const swapFile = r.swapBytes ? join(dir, "swap") : undefined;
  if (swapFile) createSwapFile(swapFile, r.swapBytes);
  if (r.runAs) for (const f of [dir, initrd, swapFile, r.keepDir]) if (f) chownSync(f, r.runAs.uid, r.runAs.gid);
  const lpj = cachedLpj();
  return kernelCommandLine({
    memBytes: r.memBytes,
    umid: `ujw-${process.pid}-${dir.slice(-6)}`,
    umlDir: dir,
    initrd,
    lpj,
    verbose: fullLog || !lpj, // the first boot prints the calibration result to learn from
    swapFile,
    hostfsRoot,
    rootImage: r.root?.kind === "image" ? { file: r.root.path, cow: r.root.writable ? undefined : join(dir, "root.cow") } : undefined,
  });
}

function openLog(path: string): number {
  try {
    return openSync(path, "w", 0o644);
  } catch (err) {
    throw new WrapperError(`cannot write the log file ${path}: ${describeSystemError(err)}`);
  }
}

function failure(err: WrapperError): RunResult {
  return {
    exitCode: err.exitCode,
    ending: "wrapper-error",
    status: null,
    signal: null,
    message: err.message,
    kernelLogTail: err.kernelLogTail,
    timings: { bootMs: 0, jobMs: 0, shutdownMs: 0, totalMs: 0 },
    kernel: null,
    kernelRelease: null,
    peakRssKiB: null,
  };
}

/** Boots one guest in a fresh run directory and runs the job; the directory is gone afterwards. */
async function attempt(r: ResolvedRun, options: RunOptions, base: string, logFd: number | undefined): Promise<GuestOutcome> {
  const dir = createRunDir(base);
  let network: Network | undefined;
  try {
    const args = prepareRunDir(r, dir, Boolean(options.echo || options.logFile));
    if (r.net) {
      network = await startNetwork(dir, r.runAs);
      args.push(network.kernelArg);
    }
    const outcome = await runGuest({
      kernel: r.kernel,
      args,
      runDir: dir,
      runAs: r.runAs,
      tmpDir: r.tmpDir,
      bootTimeoutMs: r.bootTimeoutMs,
      timeoutMs: r.timeoutMs,
      killAfterMs: r.killAfterMs,
      forwardSignals: options.forwardSignals ?? false,
      io: {
        stdin: options.stdin ?? null,
        stdout: options.stdout ?? process.stdout,
        stderr: options.stderr ?? process.stderr,
        echo: options.echo,
        logFd,
        terminal: r.terminal !== undefined,
        progress: options.echo ? undefined : options.progress,
      },
    });
    if (!args.includes("quiet")) learnLpj(outcome.console.text());
    return outcome;
  } finally {
    network?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A guest that died before it was ready, on its own (linux.uml now and then aborts early), has run
 * nothing and read no input: it can be booted again.
 */
function worthRetrying(o: GuestOutcome): boolean {
  return !o.ready && !o.launchError && !o.bootTimedOut && !o.interruptedBy;
}

/**
 * Runs one command in a fresh UML guest and resolves when the guest is gone. Never rejects for a failure
 * the user can act on: those come back as a result with ending "wrapper-error" and a message.
 */
export async function run(options: RunOptions): Promise<RunResult> {
  let logFd: number | undefined;
  try {
    const r = resolveRun(options);
    checkMemoryDir(r.tmpDir, r.memBytes);
    await importRoot(r, options.progress);
    const base = runBase(r.identity.uid);
    if (r.runAs) chownSync(base, r.runAs.uid, r.runAs.gid);
    removeStaleRuns(base);
    if (options.logFile) logFd = openLog(options.logFile);
    let outcome = await attempt(r, options, base, logFd);
    if (worthRetrying(outcome)) {
      debug(`the guest died before it was ready (${outcome.console.tail(1)[0] ?? "no message"}): booting again`);
      outcome = await attempt(r, options, base, logFd);
    }
    return resultFromOutcome(outcome, r.kernel);
  } catch (err) {
    if (err instanceof WrapperError) return failure(err);
    throw err;
  } finally {
    if (logFd !== undefined) closeSync(logFd);
  }
}
