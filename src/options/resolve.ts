import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { classifyRootfs, type RootSource } from "../rootfs/source.js";
import type { Bind } from "../spec/job-spec.js";
import { findKernel } from "../kernel/find.js";
import { validateKernel } from "../kernel/validate.js";
import { freeBytes, umlTempDir } from "../machine/preflight.js";
import { wantsTerminal, windowSize, type WindowSize } from "../channels/terminal.js";
import { WrapperError, describeSystemError } from "../result/errors.js";
import { callerIdentity, envEntries, type Identity } from "../spec/caller.js";
import { DEFAULTS } from "./defaults.js";
import type { RunOptions } from "./run-options.js";
import { isWithin } from "./paths.js";
import { formatSize, parseSize } from "./sizes.js";
import { guestMemoryForSlot, slotMemory } from "./slot-memory.js";

/** RunOptions checked and completed: everything a run needs, nothing left to default. */
export interface ResolvedRun {
  command: Array<string | Uint8Array>;
  env: Array<string | Uint8Array>;
  cwd: string;
  kernel: string;
  memBytes: number;
  swapBytes: number;
  links: string[];
  hostMount: string | null;
  /** Who the job runs as. */
  identity: Identity;
  /** Set when the kernel must run as another user than the wrapper's (root starting a user's job). */
  runAs?: Identity;
  tmpDir: string;
  bootTimeoutMs: number;
  timeoutMs?: number;
  killAfterMs: number;
  /** Terminal mode, with the terminal's size at start. */
  terminal?: WindowSize;
  readOnly: boolean;
  writable: string[];
  sandbox: boolean;
  /** A foreign root instead of the host's (archives are imported by run()). */
  root?: RootSource & { writable: boolean };
  /** With a foreign root: host directories shown at other paths. */
  binds: Bind[];
  /** With sandbox: where the job's changes are saved. */
  keepDir?: string;
  net: boolean;
}

function toBytes(what: string, value: number | string | undefined, fallback: string): number {
  const bytes = typeof value === "number" ? value : parseSize(value ?? fallback);
  if (bytes === null || !Number.isFinite(bytes)) throw new WrapperError(`invalid ${what} size '${value}': expected a size such as 512M or 2G`);
  return bytes;
}

/** Paths the guest has its own of: a job cannot work in the host's. */
const GUEST_OWN = ["/proc", "/sys", "/dev"];

function checkDirectory(what: string, dir: string): void {
  if (!isAbsolute(dir)) throw new WrapperError(`${what} ${dir} is not an absolute path`);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (err) {
    throw new WrapperError(`${what} ${dir} is not usable: ${describeSystemError(err)}`);
  }
  if (!isDir) throw new WrapperError(`${what} ${dir} is not a directory`);
  if (GUEST_OWN.some((p) => isWithin(dir, p)))
    throw new WrapperError(`${what} ${dir} cannot be reached from the guest, which has its own ${GUEST_OWN.join(", ")}`);
}

function currentDirectory(): string {
  try {
    return process.cwd();
  } catch (err) {
    throw new WrapperError(`cannot determine the working directory (was it deleted?): ${describeSystemError(err)}`);
  }
}

/** --sandbox-keep's directory: made if missing, refused if it holds anything (nothing may be overwritten). */
function keepDirectory(dir: string): string {
  const path = resolve(dir);
  try {
    mkdirSync(path, { mode: 0o755 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw new WrapperError(`--sandbox-keep ${dir} cannot be created: ${describeSystemError(err)}`);
    checkDirectory("--sandbox-keep", path);
    if (readdirSync(path).length) throw new WrapperError(`--sandbox-keep ${dir} is not empty: give a new or empty directory`);
  }
  return path;
}

export function resolveRun(o: RunOptions): ResolvedRun {
  if (o.command.length === 0) throw new WrapperError("no command given");
  const tmpDir = umlTempDir(process.env);
  const slot = o.mem === undefined ? slotMemory() : null;
  const memBytes = slot !== null ? guestMemoryForSlot(slot, freeBytes(tmpDir)) : toBytes("--mem", o.mem, DEFAULTS.mem);
  const minMem = parseSize(DEFAULTS.minMem)!;
  if (memBytes < minMem) throw new WrapperError(`--mem ${formatSize(memBytes)} is too small: a guest needs at least ${DEFAULTS.minMem}`);
  const swapBytes = o.swap === undefined ? 0 : toBytes("--swap", o.swap, "0");
  if (o.swap !== undefined && swapBytes < 64 * 1024) throw new WrapperError(`--swap ${o.swap} is too small: use at least 64K`);

  const cwd = o.cwd ?? currentDirectory();
  checkDirectory("working directory", cwd);
  const writable = o.writable ?? [];
  for (const dir of writable) checkDirectory("--writable", dir);
  const readOnly = Boolean(o.readOnly) || writable.length > 0;
  const sandbox = Boolean(o.sandbox) || o.sandboxKeep !== undefined;
  if (readOnly && sandbox) throw new WrapperError("--read-only (or --writable) and --sandbox do not go together: choose one");
  const root = o.rootfs === undefined ? undefined : { ...classifyRootfs(o.rootfs), writable: Boolean(o.rootfsWritable) };
  if (o.rootfsWritable && !root) throw new WrapperError("--rootfs-writable needs --rootfs");
  if (root?.writable && (readOnly || sandbox))
    throw new WrapperError("--rootfs-writable lets the job change the root file system: it does not go with --read-only or --sandbox");
  if (!root && readOnly && isWithin(cwd, "/tmp") && !writable.some((w) => isWithin(cwd, w)))
    throw new WrapperError(`with --read-only the guest has its own /tmp, so the working directory ${cwd} cannot be reached: run from elsewhere`);
  const links = [...(o.links ?? [cwd, ...(existsSync("/afs") ? ["/afs"] : [])])]; // a copy: the caller's array stays as it was
  for (const dir of links) checkDirectory("--link", dir);
  if (root && !links.includes(cwd)) links.unshift(cwd); // a foreign root has the working directory at its host path too
  const binds = o.binds ?? [];
  if (binds.length && !root) throw new WrapperError("--bind needs --rootfs: on the host's root every host directory is already at its own path");
  for (const b of binds) {
    checkDirectory("--bind", b.host);
    if (!isAbsolute(b.guest) || GUEST_OWN.some((p) => isWithin(b.guest, p)))
      throw new WrapperError(`--bind ${b.host}:${b.guest}: the guest path must be absolute and outside ${GUEST_OWN.join(", ")}`);
  }
  const hostMount = o.hostMount === undefined ? DEFAULTS.hostMount : o.hostMount === "none" ? null : o.hostMount;
  if (hostMount !== null && !/^\/[^/]+\/[^/]/.test(hostMount))
    throw new WrapperError(`--host-mount ${hostMount} must be an absolute path below a top-level directory, such as /mnt/host`);

  const caller = callerIdentity();
  if (o.user && caller.uid !== 0 && o.user.uid !== caller.uid) throw new WrapperError("only root can run a job as another user");
  const identity = o.user ?? caller;
  const stdout = o.stdout ?? process.stdout;
  if (o.timeoutMs !== undefined && !(o.timeoutMs > 0)) throw new WrapperError("--timeout must be a positive duration");
  const runAs = identity.uid !== caller.uid ? identity : undefined;
  const kernel = findKernel(o.kernel, runAs);
  validateKernel(kernel);
  return {
    command: o.command,
    env: Array.isArray(o.env) ? o.env : envEntries(o.env ?? process.env),
    cwd,
    kernel,
    memBytes,
    swapBytes,
    links,
    binds,
    hostMount,
    identity,
    runAs,
    tmpDir,
    bootTimeoutMs: o.bootTimeoutMs ?? DEFAULTS.bootTimeoutSeconds * 1000,
    timeoutMs: o.timeoutMs,
    killAfterMs: o.killAfterMs ?? DEFAULTS.killAfterSeconds * 1000,
    terminal: o.tty ?? wantsTerminal(o.stdin, stdout) ? windowSize(stdout) : undefined,
    readOnly,
    writable,
    sandbox,
    root,
    keepDir: o.sandboxKeep === undefined ? undefined : keepDirectory(o.sandboxKeep),
    net: o.net ?? false,
  };
}
