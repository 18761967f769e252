import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { findKernel } from "../src/kernel/find.js";
import { cachedKernels } from "../src/kernel/installed.js";
import { note } from "./report.js";

export interface Kernel {
  path: string;
  /** What it calls itself (`linux.uml --version`), else its path. */
  release: string;
}

function release(path: string): string {
  const r = spawnSync(path, ["--version"], { encoding: "utf8", timeout: 10_000 });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim().split("\n")[0]! : path;
}

/**
 * The kernels to measure: the system's (the wrapper's default) first, then the cached ones, then those
 * named in UJW_BENCH_KERNELS (`path1:path2`); each once.
 */
export function benchKernels(): Kernel[] {
  const extra = (process.env.UJW_BENCH_KERNELS ?? "").split(":").filter(Boolean);
  const seen = new Set<string>();
  const kernels: Kernel[] = [];
  for (const path of [findKernel(undefined), ...cachedKernels().map((k) => k.path), ...extra]) {
    if (!existsSync(path)) {
      note(`kernel ${path} (UJW_BENCH_KERNELS): not found, skipped`);
      continue;
    }
    const real = realpathSync(path);
    if (seen.has(real)) continue;
    seen.add(real);
    const r = release(path);
    kernels.push({ path, release: kernels.some((k) => k.release === r) ? `${r} (${path})` : r });
  }
  return kernels;
}
