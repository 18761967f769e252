import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";

const OVERLAY = "kernel/fs/overlayfs/overlay.ko";

/**
 * The host directory holding a kernel's modules, laid out as <release>/kernel/... (the guest loads
 * overlay.ko from there for --sandbox and --rootfs). Debian's /usr/bin/linux.uml keeps them in
 * /usr/lib/uml/modules; a kernel unpacked elsewhere keeps them at the same place relative to its bin/.
 */
export function modulesDirFor(kernel: string): string {
  return join(dirname(kernel), "..", "lib", "uml", "modules");
}

/**
 * Copies the overlay module of each kernel release in modulesDir into the run directory and returns
 * the copy's modules directory: the guest then needs nothing from the host's /usr, which lets the
 * guest's hostfs be confined to the directories the job uses.
 */
export function stageOverlayModule(modulesDir: string, runDir: string): string {
  const staged = join(runDir, "modules");
  for (const release of existsSync(modulesDir) ? readdirSync(modulesDir) : []) {
    const module = join(modulesDir, release, OVERLAY);
    if (!existsSync(module)) continue;
    mkdirSync(dirname(join(staged, release, OVERLAY)), { recursive: true });
    copyFileSync(module, join(staged, release, OVERLAY));
  }
  return staged;
}
