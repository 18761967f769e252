import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { WrapperError } from "../result/errors.js";
import { installDeb } from "./debian/deb.js";
import type { DebianArchive } from "./debian/sources.js";
import { DebianSuite } from "./debian/suite.js";
import { cacheDir } from "./paths.js";

function runs(command: string): boolean {
  return spawnSync(command, ["--version"]).status === 0;
}

/**
 * A patchelf to run: the system's when installed, else the host release's own package, fetched through
 * the same signed chain as the kernels and kept in the cache (so that no root is needed).
 */
export async function findPatchelf(archive: DebianArchive, say: (line: string) => void): Promise<string> {
  if (runs("patchelf")) return "patchelf";
  const dir = join(cacheDir(), "tools", "patchelf");
  const tool = join(dir, "usr", "bin", "patchelf");
  if (runs(tool)) return tool;
  say(`patchelf is not installed: fetching Debian ${archive.suite}'s into ${dir}`);
  const suite = await DebianSuite.open(archive.uri, archive.suite);
  mkdirSync(join(dir, ".."), { recursive: true });
  const stage = mkdtempSync(`${dir}.staging-`);
  try {
    await installDeb(suite.mirror, suite.package("patchelf"), stage);
    rmSync(dir, { recursive: true, force: true });
    renameSync(stage, dir);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  if (!runs(tool)) throw new WrapperError(`patchelf from Debian ${archive.suite} does not run here: install patchelf (apt-get install patchelf)`);
  return tool;
}

function patchelf(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: "utf8" });
  if (r.status !== 0) throw new WrapperError(`patchelf ${args.join(" ")} failed: ${(r.stderr || r.error?.message || "").trim()}`);
  return r.stdout.trim();
}

export function interpreterOf(tool: string, binary: string): string {
  return patchelf(tool, ["--print-interpreter", binary]);
}

/** Makes a binary load its C library from libDir, through that library's own dynamic loader. */
export function pointAtLibc(tool: string, binary: string, interpreter: string, libDir: string): void {
  patchelf(tool, ["--set-interpreter", interpreter, "--set-rpath", libDir, binary]);
}
