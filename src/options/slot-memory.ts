import { readFileSync } from "node:fs";
import { parseSize } from "./sizes.js";

/** What a batch slot's memory is read from; injectable for tests. */
export interface SlotSources {
  env: NodeJS.ProcessEnv;
  readFile: (path: string) => string;
}

const MiB = 2 ** 20;

/** Room left for the wrapper itself: Node, and UML's own process, beside the guest's memory file. */
export const SLOT_RESERVE = 128 * MiB;

function condorMemory(s: SlotSources): number | null {
  const ad = s.env._CONDOR_MACHINE_AD;
  if (!ad) return null;
  try {
    const m = /^\s*Memory\s*=\s*(\d+)\s*$/im.exec(s.readFile(ad));
    return m ? Number(m[1]) * MiB : null;
  } catch {
    return null;
  }
}

function slurmMemory(env: NodeJS.ProcessEnv): number | null {
  if (env.SLURM_MEM_PER_NODE) return Number(env.SLURM_MEM_PER_NODE) * MiB || null;
  const perCpu = Number(env.SLURM_MEM_PER_CPU);
  const cpus = Number(env.SLURM_CPUS_ON_NODE ?? env.SLURM_CPUS_PER_TASK ?? 1);
  return perCpu > 0 ? perCpu * (cpus > 0 ? cpus : 1) * MiB : null;
}

/** The memory limit of our cgroup (v2), when there is one. */
function cgroupMemory(s: SlotSources): number | null {
  try {
    const line = s.readFile("/proc/self/cgroup").split("\n").find((l) => l.startsWith("0::"));
    if (!line) return null;
    const max = s.readFile(`/sys/fs/cgroup${line.slice(3).trim()}/memory.max`).trim();
    return max === "max" ? null : Number(max) || null;
  } catch {
    return null;
  }
}

/**
 * The memory of the batch slot this job runs in, as HTCondor ($_CONDOR_MACHINE_AD), Slurm
 * (SLURM_MEM_PER_NODE, SLURM_MEM_PER_CPU) or the cgroup limit tell it, in that order; null outside one.
 */
export function slotMemory(s: SlotSources = { env: process.env, readFile: (p) => readFileSync(p, "utf8") }): number | null {
  return condorMemory(s) ?? slurmMemory(s.env) ?? cgroupMemory(s);
}

/**
 * The default guest memory inside a slot: the slot less what the wrapper itself needs, and no more than
 * fits the guest memory directory (a tmpfs, often half the machine), but at least the smallest guest.
 */
export function guestMemoryForSlot(slotBytes: number, memoryDirFree: number): number {
  const fits = Math.floor((memoryDirFree * 0.9) / MiB) * MiB;
  return Math.max(parseSize("32M")!, Math.min(slotBytes - SLOT_RESERVE, fits));
}
