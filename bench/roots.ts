// Boot time per kind of root file system (--rootfs), beside the host root's, measured side by side.
import { existsSync } from "node:fs";
import { buildRoots } from "../test/integration/roots.js";
import { sideBySide, timeCommand } from "./measure.js";
import { ms, report } from "./report.js";
import { WRAPPER } from "./wrapper.js";

/** `true` on the host's root and on each kind of root (busybox roots built here; the archive imported first). */
export function rootKinds(runs: number, debootstrapDir = process.env.UJW_BENCH_DEBOOTSTRAP): void {
  const roots = buildRoots();
  const env = { ...process.env, XDG_CACHE_HOME: `${roots.base}/cache` };
  try {
    const kinds: Record<string, string> = {
      "a directory (busybox; hostfs under overlayfs)": roots.dir,
      "an ext4 image (busybox; ubd under copy-on-write)": roots.image,
      "an imported .tar.gz (busybox; cached directory)": roots.tarGz,
    };
    if (debootstrapDir && existsSync(debootstrapDir)) kinds["a debootstrap minbase directory"] = debootstrapDir;
    const run = (source?: string) => () => timeCommand([WRAPPER, ...(source ? [`--rootfs=${source}`] : []), "--", "true"], { env });
    run(roots.tarGz)(); // the import happens once, outside the measurement
    const variants: Record<string, () => number> = { host: run() };
    for (const [kind, source] of Object.entries(kinds)) variants[kind] = run(source);
    const m = sideBySide(runs, variants);
    for (const kind of Object.keys(kinds))
      report({ group: "wrapper", what: `boot + \`true\` on ${kind}`, subject: "--rootfs=… -- true", subjectValue: ms(m[kind]!), baseline: "the host's root", baselineValue: ms(m.host!), ratio: m[kind]! / m.host! });
  } finally {
    roots.remove();
  }
}
