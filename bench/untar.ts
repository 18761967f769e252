import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { median } from "./measure.js";
import { ms, report } from "./report.js";
import { jobMs } from "./wrapper.js";
import { native } from "./workloads.js";

/** A tarball of `files` small files (100 bytes, 100 to a directory), made in dir; returns its path. */
function smallFilesTarball(dir: string, files: number): string {
  const src = join(dir, "small-files");
  for (let i = 0; i < files; i++) {
    const sub = join(src, `d${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `f${i}.txt`), `${"small file ".repeat(9)}${i}\n`.slice(0, 100));
  }
  const tarball = join(dir, "small-files.tar");
  const r = spawnSync("tar", ["cf", tarball, "-C", src, "."], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cannot make the tarball: ${r.stderr}`);
  rmSync(src, { recursive: true });
  return tarball;
}

/**
 * hostfs metadata cost: untar many small files in the guest into a host directory (through hostfs, the
 * wrapper's normal mode) against the same natively, and into the guest's own tmpfs (/dev/shm: system
 * calls without hostfs) against the same into the host's tmpfs.
 */
export function untar(runs: number, dir: string, files: number): void {
  const tarball = smallFilesTarball(dir, files);
  const into = join(dir, "untarred");
  const shm = "/dev/shm/ujw-bench-untar";
  const untarInto = (d: string) => `mkdir -p ${d} && cd ${d} && tar xf ${tarball}`;
  const samples = { hostfs: [] as number[], guestTmpfs: [] as number[], native: [] as number[], hostTmpfs: [] as number[] };
  for (let i = 0; i < runs; i++) {
    samples.hostfs.push(jobMs(untarInto(into)));
    rmSync(into, { recursive: true, force: true });
    samples.guestTmpfs.push(jobMs(untarInto(shm)));
    samples.native.push(native(untarInto(into)));
    rmSync(into, { recursive: true, force: true });
    samples.hostTmpfs.push(native(untarInto(shm)));
    rmSync(shm, { recursive: true, force: true });
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<keyof typeof samples, number>;
  const what = `untar ${files} small files into`;
  report({ group: "hostfs", what: `${what} a host directory (hostfs)`, subject: "in the guest", subjectValue: ms(m.hostfs), baseline: "native", baselineValue: ms(m.native), ratio: m.hostfs / m.native });
  report({ group: "hostfs", what: `${what} tmpfs (/dev/shm)`, subject: "in the guest, its own", subjectValue: ms(m.guestTmpfs), baseline: "native, the host's", baselineValue: ms(m.hostTmpfs), ratio: m.guestTmpfs / m.hostTmpfs });
}
