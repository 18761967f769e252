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
 * wrapper's normal mode) and into the guest's own tmpfs (/dev/shm: system calls without hostfs), each
 * against the same untar natively.
 */
export function untar(runs: number, dir: string, files: number): void {
  const tarball = smallFilesTarball(dir, files);
  const into = join(dir, "untarred");
  const untarInto = (d: string) => `mkdir -p ${d} && cd ${d} && tar xf ${tarball}`;
  const samples = { hostfs: [] as number[], tmpfs: [] as number[], native: [] as number[] };
  for (let i = 0; i < runs; i++) {
    samples.hostfs.push(jobMs(untarInto(into)));
    rmSync(into, { recursive: true, force: true });
    samples.tmpfs.push(jobMs(untarInto("/dev/shm/ujw-bench-untar")));
    samples.native.push(native(untarInto(into)));
    rmSync(into, { recursive: true, force: true });
  }
  const [h, t, n] = [median(samples.hostfs), median(samples.tmpfs), median(samples.native)];
  const what = `untar ${files} small files into`;
  report({ group: "hostfs", what: `${what} a host directory (hostfs)`, subject: "in the guest", subjectValue: ms(h), baseline: "native", baselineValue: ms(n), ratio: h / n });
  report({ group: "hostfs", what: `${what} the guest's tmpfs (/dev/shm)`, subject: "in the guest", subjectValue: ms(t), baseline: "native, into a host directory", baselineValue: ms(n), ratio: t / n });
}
