import { accessSync, constants, readFileSync, statSync, statfsSync } from "node:fs";
import { WrapperError, describeSystemError } from "../result/errors.js";
import { isWithin } from "../options/paths.js";
import { formatSize } from "../options/sizes.js";

/** The directory where UML puts guest memory: the same choice linux.uml makes (arch/um/os-Linux/mem.c). */
export function umlTempDir(env: NodeJS.ProcessEnv): string {
  for (const name of ["TMPDIR", "TMP", "TEMP"]) if (env[name]) return env[name]!;
  try {
    if (statSync("/dev/shm").isDirectory()) return "/dev/shm";
  } catch {
    // fall through
  }
  return "/tmp";
}

/** The mount options of the mount holding path, from /proc/self/mountinfo (longest matching mount point). */
export function mountOptions(path: string, mountinfo = readFileSync("/proc/self/mountinfo", "latin1")): string[] {
  let best = "";
  let options: string[] = [];
  for (const line of mountinfo.split("\n")) {
    const f = line.split(" ");
    if (f.length < 6) continue;
    const point = f[4]!.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    if (isWithin(path, point) && point.length >= best.length) {
      best = point;
      options = f[5]!.split(",");
    }
  }
  return options;
}

/** Free bytes in a directory's file system (0 when it cannot be read). */
export function freeBytes(dir: string): number {
  try {
    const fs = statfsSync(dir);
    return fs.bavail * fs.bsize;
  } catch {
    return 0;
  }
}

/**
 * UML maps guest memory from a file in its temp directory with PROT_EXEC and needs room for all of it;
 * either lack makes it die mid-boot without a useful message, so check first.
 */
export function checkMemoryDir(dir: string, memBytes: number): void {
  const fix = "set TMPDIR to a directory on an executable file system with enough room, or lower --mem";
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw new WrapperError(`guest memory directory ${dir} is not usable (${describeSystemError(err)}): ${fix}`);
  }
  if (mountOptions(dir).includes("noexec"))
    throw new WrapperError(`guest memory directory ${dir} is on a noexec mount: ${fix}`);
  const free = freeBytes(dir);
  if (free < memBytes)
    throw new WrapperError(
      `guest memory directory ${dir} has ${formatSize(free)} free but --mem is ${formatSize(memBytes)}: ${fix}`,
    );
}
