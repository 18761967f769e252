import { accessSync, constants, readdirSync, realpathSync } from "node:fs";
import { delimiter, join } from "node:path";
import { cachedKernelPath, kernelsDir } from "./paths.js";
import { releaseOf } from "./releases.js";

export interface InstalledKernel {
  path: string;
  /** The kernel release ("6.12.113"), or null when it cannot be told without running the kernel. */
  release: string | null;
  /** "system": on PATH or in /usr/bin; "cache": put in the per-user cache by `kernel install`. */
  source: "system" | "cache";
}

/** Names of UML kernels on PATH, in order of preference (Debian's user-mode-linux ships linux.uml). */
const KERNEL_NAMES = ["linux.uml", "linux"];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The UML kernels on PATH and in /usr/bin, in order of preference, each file once. */
export function systemKernels(path = process.env.PATH ?? ""): InstalledKernel[] {
  const dirs = [...path.split(delimiter).filter(Boolean), "/usr/bin"];
  const seen = new Set<string>();
  const found: InstalledKernel[] = [];
  for (const name of KERNEL_NAMES)
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (!isExecutable(candidate)) continue;
      const real = realpathSync(candidate);
      if (seen.has(real)) continue;
      seen.add(real);
      found.push({ path: candidate, release: releaseOf(candidate), source: "system" });
    }
  return found;
}

/** The kernels `kernel install` put in the per-user cache, one directory per release. */
export function cachedKernels(env = process.env): InstalledKernel[] {
  let names: string[];
  try {
    names = readdirSync(kernelsDir(env)).filter((n) => !n.startsWith("."));
  } catch {
    return [];
  }
  return names
    .map((release) => ({ path: cachedKernelPath(release, env), release, source: "cache" as const }))
    .filter((k) => isExecutable(k.path));
}

export function installedKernels(env = process.env): InstalledKernel[] {
  return [...systemKernels(env.PATH ?? ""), ...cachedKernels(env)];
}
