import { realpathSync, statSync, type Stats } from "node:fs";
import { dirname } from "node:path";
import type { Identity } from "../spec/caller.js";
import { kernelChoice } from "./config.js";
import { installedKernels, type InstalledKernel } from "./installed.js";
import { pickKernel, type KernelPick } from "./policy.js";

/** The execute (for a directory: search) bit that applies to `who`. */
function executeBit(st: Stats, who: Identity): boolean {
  const shift = st.uid === who.uid ? 6 : st.gid === who.gid || who.groups.includes(st.gid) ? 3 : 0;
  return ((st.mode >> shift) & 1) !== 0;
}

/** Whether another user could run this file: execute permission on it and search permission on every directory above it. */
export function executableBy(path: string, who: Identity): boolean {
  if (who.uid === 0) return true;
  try {
    let p = realpathSync(path);
    if (!executeBit(statSync(p), who)) return false;
    for (p = dirname(p); ; p = dirname(p)) {
      if (!executeBit(statSync(p), who)) return false;
      if (p === "/") return true;
    }
  } catch {
    return false;
  }
}

/**
 * The kernel to boot and why (see policy.ts): `requested` when given, else the `kernel use` choice, else
 * the newest installed kernel that `runAs` (the job's user, when root starts it for them) can run.
 */
export function chooseKernel(requested?: { path: string; from: string }, runAs?: Identity, env = process.env): KernelPick {
  if (requested) return pickKernel({ requested, installed: [] });
  const usable = runAs && ((k: InstalledKernel) => executableBy(k.path, runAs));
  return pickKernel({ choice: kernelChoice(env), installed: installedKernels(env), usable });
}

/** The path of the kernel to boot: the one asked for, else the default (chooseKernel). */
export function findKernel(requested: string | undefined, runAs?: Identity): string {
  return chooseKernel(requested ? { path: requested, from: "--kernel" } : undefined, runAs).path;
}
