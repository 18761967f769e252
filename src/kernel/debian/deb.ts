import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { WrapperError } from "../../result/errors.js";
import { downloadVerified } from "./download.js";
import type { PackageEntry } from "./packages.js";

/**
 * Unpacks a .deb's files into a directory with dpkg-deb (part of dpkg, which every Debian system has).
 * A reader of our own would still need an xz or zstd decompressor for the data member, which Node lacks.
 */
export function unpackDeb(deb: string, into: string): void {
  const r = spawnSync("dpkg-deb", ["-x", deb, into], { encoding: "utf8" });
  if (r.error) throw new WrapperError(`cannot unpack ${deb}: dpkg-deb: ${r.error.message} (this needs Debian's dpkg)`);
  if (r.status !== 0) throw new WrapperError(`cannot unpack ${deb}: ${r.stderr.trim().split("\n").pop()}`);
}

/** Downloads a package, checks it against the signed index, and unpacks it into `into`. */
export async function installDeb(mirror: string, entry: PackageEntry, into: string): Promise<void> {
  const data = await downloadVerified(`${mirror}/${entry.filename}`, entry);
  const deb = join(into, `.${entry.name}.deb`);
  writeFileSync(deb, data);
  try {
    unpackDeb(deb, into);
  } finally {
    rmSync(deb, { force: true });
  }
}
