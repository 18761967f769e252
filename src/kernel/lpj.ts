import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cacheDir } from "./paths.js";

/**
 * Loops per jiffy for this host, measured by the guest kernel on a first boot and cached, so later boots
 * skip the calibration (~60 ms). The value depends on the host CPU, not on the kernel.
 */
function cacheFile(): string {
  return join(cacheDir(), "lpj");
}

export function cachedLpj(): number | undefined {
  try {
    const n = parseInt(readFileSync(cacheFile(), "utf8"), 10);
    return n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** Finds "(lpj=N)" in a boot log and caches it. A cache that cannot be written is not an error. */
export function learnLpj(bootLog: string): void {
  const m = /\(lpj=(\d+)\)/.exec(bootLog);
  if (!m) return;
  try {
    const file = cacheFile();
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, `${m[1]}\n`);
  } catch {
    // no writable cache: calibrate again next time
  }
}
