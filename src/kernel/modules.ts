import { dirname, join } from "node:path";

/**
 * The host directory holding a kernel's modules, laid out as <release>/kernel/... (the guest loads
 * overlay.ko from there for --sandbox and --rootfs). Debian's /usr/bin/linux.uml keeps them in
 * /usr/lib/uml/modules; a kernel unpacked elsewhere keeps them at the same place relative to its bin/.
 */
export function modulesDirFor(kernel: string): string {
  return join(dirname(kernel), "..", "lib", "uml", "modules");
}
