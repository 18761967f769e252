import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kernelCommandLine } from "../src/kernel/cmdline.js";
import { cachedLpj } from "../src/kernel/lpj.js";
import { S_IFCHR, S_IFDIR, S_IFREG, cpioArchive } from "../src/rootfs/cpio.js";

/**
 * The bare kernel's floor: the same kernel and boot parameters as the wrapper's, with an init that only
 * powers off. Returns the argv that boots it once.
 */
export function floorBoot(kernel: string, memBytes: number): { argv: string[]; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "ujw-bench-floor-"));
  writeFileSync(join(dir, "poweroff.c"), "#include <sys/reboot.h>\nint main(void) { reboot(RB_POWER_OFF); return 0; }\n");
  const cc = spawnSync("sh", ["-c", `command -v musl-gcc || echo cc`], { encoding: "utf8" }).stdout.trim();
  const build = spawnSync(cc, ["-static", "-Os", "-o", join(dir, "poweroff"), join(dir, "poweroff.c")], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`cannot build the floor init: ${build.stderr}`);
  const initrd = join(dir, "initrd");
  writeFileSync(
    initrd,
    cpioArchive([
      { name: "dev", mode: S_IFDIR | 0o755 },
      { name: "dev/console", mode: S_IFCHR | 0o600, rdev: { major: 5, minor: 1 } },
      { name: "init", mode: S_IFREG | 0o755, data: readFileSync(join(dir, "poweroff")) },
    ]),
  );
  const args = kernelCommandLine({ memBytes, umid: `ujw-floor-${process.pid}`, umlDir: dir, initrd, lpj: cachedLpj(), verbose: false });
  // The floor has no job channels: only the console, to nowhere.
  return { argv: [kernel, ...args.filter((a) => !/^ssl\d=/.test(a))], dir };
}
