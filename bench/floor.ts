import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { kernelCommandLine } from "../src/kernel/cmdline.js";
import { cachedLpj } from "../src/kernel/lpj.js";
import { initramfsWith } from "./static.js";

/**
 * The bare kernel's floor: the same kernel and boot parameters as the wrapper's, with an init that only
 * powers off (the spawner, as PID 1 with no bench_n). Returns the argv that boots it once.
 */
export function floorBoot(kernel: string, memBytes: number, spawner: string, dir: string): string[] {
  const initrd = join(dir, "floor-initrd");
  writeFileSync(initrd, initramfsWith(spawner));
  const args = kernelCommandLine({ memBytes, umid: `ujw-floor-${process.pid}`, umlDir: dir, initrd, lpj: cachedLpj(), verbose: false });
  // The floor has no job channels: only the console, to nowhere.
  return [kernel, ...args.filter((a) => !/^ssl\d=/.test(a))];
}
