import { homedir } from "node:os";
import { join } from "node:path";

/** The per-user cache directory (XDG): the delay-loop calibration, installed kernels, tools. */
export function cacheDir(env = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "uml-job-wrapper");
}

/** The per-user configuration directory (XDG). */
export function configDir(env = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "uml-job-wrapper");
}

/** Where `kernel install` puts kernels: one directory per release, laid out as the package is (usr/bin/linux.uml). */
export function kernelsDir(env = process.env): string {
  return join(cacheDir(env), "kernels");
}

/** The kernel binary of an installed release. */
export function cachedKernelPath(release: string, env = process.env): string {
  return join(kernelsDir(env), release, "usr", "bin", "linux.uml");
}
