import { spawnSync } from "node:child_process";
import { gunzipSync } from "node:zlib";
import { WrapperError } from "../../result/errors.js";
import { parseParagraphs } from "./deb822.js";
import { downloadVerified, type Digest } from "./download.js";
import type { Release } from "./release.js";

/** What a Packages index says of one binary package. */
export interface PackageEntry extends Digest {
  name: string;
  version: string;
  architecture: string;
  /** Path of the .deb below the mirror's base URI ("pool/main/...deb"). */
  filename: string;
}

/** The stanza of package `name` for `arch` (or "all") in a Packages index, or null when there is none. */
export function findPackage(index: string, name: string, arch: string): PackageEntry | null {
  const key = `Package: ${name}\n`;
  for (let at = index.startsWith(key) ? 0 : index.indexOf(`\n${key}`); at !== -1; at = index.indexOf(`\n${key}`, at + 1)) {
    const end = index.indexOf("\n\n", at + 1);
    const p = parseParagraphs(index.slice(at, end === -1 ? undefined : end))[0];
    if (!p) continue;
    const architecture = p.get("architecture") ?? "";
    if (architecture !== arch && architecture !== "all") continue;
    const [filename, size, sha256, version] = [p.get("filename"), p.get("size"), p.get("sha256"), p.get("version")];
    if (!filename || !size || !sha256 || !version) continue;
    return { name, version, architecture, filename, size: Number(size), sha256 };
  }
  return null;
}

function hasXz(): boolean {
  return spawnSync("xz", ["--version"]).status === 0;
}

function unxz(data: Buffer): Buffer {
  const r = spawnSync("xz", ["-dc"], { input: data, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new WrapperError(`xz cannot decompress a Packages index: ${r.stderr?.toString().trim() || r.error?.message}`);
  return r.stdout;
}

/** The compressed forms of an index we can read, smallest first: .xz needs the xz tool, .gz Node's zlib. */
const FORMATS: Array<{ suffix: string; usable: () => boolean; decompress: (data: Buffer) => Buffer }> = [
  { suffix: ".xz", usable: hasXz, decompress: unxz },
  { suffix: ".gz", usable: () => true, decompress: (data) => gunzipSync(data) },
  { suffix: "", usable: () => true, decompress: (data) => data },
];

/** The binary-package index of a suite's main component for one architecture, checked against the signed Release. */
export async function fetchPackagesIndex(mirror: string, suiteName: string, release: Release, arch: string): Promise<string> {
  const base = `main/binary-${arch}/Packages`;
  for (const format of FORMATS) {
    const digest = release.files.get(base + format.suffix);
    if (!digest || !format.usable()) continue;
    const dists = `${mirror}/dists/${suiteName}`;
    const url = release.byHash ? `${dists}/main/binary-${arch}/by-hash/SHA256/${digest.sha256}` : `${dists}/${base}${format.suffix}`;
    return format.decompress(await downloadVerified(url, digest)).toString("utf8");
  }
  throw new WrapperError(`${suiteName} on ${mirror} has no index of main for ${arch}`);
}
