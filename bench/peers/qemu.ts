import { spawnSync } from "node:child_process";
import { accessSync, constants, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { initramfsWith } from "../static.js";
import { installed, type Peer } from "./peer.js";

const QEMU = "qemu-system-x86_64";

/** The host's kernel image: UJW_BENCH_QEMU_KERNEL, else the running kernel's in /boot, else any there. */
function hostKernel(): string | null {
  if (process.env.UJW_BENCH_QEMU_KERNEL) return process.env.UJW_BENCH_QEMU_KERNEL;
  const running = `/boot/vmlinuz-${spawnSync("uname", ["-r"], { encoding: "utf8" }).stdout.trim()}`;
  let others: string[] = [];
  try {
    others = readdirSync("/boot").filter((f) => f.startsWith("vmlinuz-")).sort().reverse().map((f) => `/boot/${f}`);
  } catch {
    // no /boot
  }
  for (const image of [running, ...others]) {
    try {
      accessSync(image, constants.R_OK);
      return image;
    } catch {
      // not there, or root's only (Debian's are 0600): the next
    }
  }
  return null;
}

/**
 * QEMU in software mode (TCG: no KVM here) booting the host's kernel with an initramfs holding only the
 * spawner as /init and /bin/true with its libraries; the spawner prints its timing on the serial
 * console and powers off.
 */
let kernel = "";
let initrd = "";
const argv = (n: number) => [
  QEMU, "-accel", "tcg", "-m", "256", "-nodefaults", "-no-reboot", "-display", "none", "-serial", "stdio",
  "-kernel", kernel, "-initrd", initrd,
  "-append", `console=ttyS0 quiet panic=-1 bench_n=${n} bench_exec=/bin/true`,
];

export const qemu: Peer = {
  name: "qemu (TCG)",
  label: "qemu -accel tcg, init runs /bin/true",
  timeoutMs: 300_000,
  setup(dir, spawner) {
    if (!installed(QEMU)) return "not installed";
    const image = hostKernel();
    if (!image) return "no readable host kernel image in /boot (set UJW_BENCH_QEMU_KERNEL=PATH to use another): skipped";
    kernel = image;
    initrd = join(dir, "qemu-initrd");
    writeFileSync(initrd, initramfsWith(spawner, ["/bin/true"]));
    return null;
  },
  trueArgv: () => argv(1),
  spawnArgv: (n) => argv(n),
};
