import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { S_IFCHR, S_IFDIR, S_IFREG, cpioArchive, type CpioEntry } from "../src/rootfs/cpio.js";

/** The repository's root (this file runs from dist/bench/). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Builds bench/c/spawn.c as a static program (musl-gcc when there is one) into dir; returns its path. */
export function buildSpawner(dir: string): string {
  const cc = spawnSync("sh", ["-c", "command -v musl-gcc || echo cc"], { encoding: "utf8" }).stdout.trim();
  const out = join(dir, "spawn");
  const build = spawnSync(cc, ["-static", "-Os", "-o", out, `${ROOT}bench/c/spawn.c`], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`cannot build the bench's spawner: ${build.stderr}`);
  return out;
}

/** The files a dynamically linked program needs (itself, its loader, its libraries), from ldd. */
function withLibraries(program: string): string[] {
  const ldd = spawnSync("ldd", [program], { encoding: "utf8" }).stdout;
  const libs = [...ldd.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((m) => m[1]!);
  return [program, ...libs];
}

/** Every directory above a path, outermost first, as archive names ("usr", "usr/lib", …). */
function parents(path: string): string[] {
  const parts = path.split("/").filter(Boolean).slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

/**
 * An initramfs whose /init is the given static program, with /dev/console and, at their host paths, the
 * given programs and the libraries they load.
 */
export function initramfsWith(init: string, programs: string[] = []): Buffer {
  const files = [...new Set(programs.flatMap(withLibraries))];
  const dirs = [...new Set(["dev", ...files.flatMap(parents)])];
  const entries: CpioEntry[] = [
    ...dirs.map((name) => ({ name, mode: S_IFDIR | 0o755 })),
    { name: "dev/console", mode: S_IFCHR | 0o600, rdev: { major: 5, minor: 1 } },
    { name: "init", mode: S_IFREG | 0o755, data: readFileSync(init) },
    ...files.map((f) => ({ name: f.slice(1), mode: S_IFREG | 0o755, data: readFileSync(f) })),
  ];
  return cpioArchive(entries);
}

/** The milliseconds a spawner printed ("spawn: 12.3 ms"), or an error naming what ran. */
export function spawnerMs(output: string, what: string): number {
  const m = /spawn: ([\d.]+) ms/.exec(output);
  if (!m) throw new Error(`${what}: no timing in its output: ${output.slice(-500)}`);
  return Number(m[1]);
}
