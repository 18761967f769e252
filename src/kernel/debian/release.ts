import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { WrapperError } from "../../result/errors.js";
import { parseParagraphs } from "./deb822.js";
import { download, type Digest } from "./download.js";

/** Debian's archive keys, from the debian-archive-keyring package (what apt trusts for Debian's archive). */
export const DEBIAN_KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";

/** The signed part of a suite's InRelease file that we use. */
export interface Release {
  suite: string;
  codename: string;
  validUntil?: Date;
  /** The mirror serves index files under by-hash/SHA256/<hash> too, which cannot change under us. */
  byHash: boolean;
  /** The SHA256 section: index file path ("main/binary-amd64/Packages.gz") → its digest. */
  files: Map<string, Digest>;
}

export function parseRelease(text: string): Release {
  const p = parseParagraphs(text)[0] ?? new Map<string, string>();
  const files = new Map<string, Digest>();
  for (const line of (p.get("sha256") ?? "").split("\n")) {
    const [sha256, size, path] = line.trim().split(/\s+/);
    if (sha256 && size && path) files.set(path, { sha256, size: Number(size) });
  }
  const validUntil = p.get("valid-until");
  return {
    suite: p.get("suite") ?? "",
    codename: p.get("codename") ?? "",
    validUntil: validUntil ? new Date(validUntil) : undefined,
    byHash: /^yes$/i.test(p.get("acquire-by-hash") ?? ""),
    files,
  };
}

/**
 * Reads gpgv's status lines: null when at least one signature is good and none is bad, else why not.
 * Signatures by keys the keyring lacks are ignored, as apt does (Debian signs with several keys).
 */
export function signatureProblem(status: string): string | null {
  if (/^\[GNUPG:\] BADSIG /m.test(status)) return "a bad signature";
  if (/^\[GNUPG:\] GOODSIG /m.test(status)) return null;
  if (/^\[GNUPG:\] (EXPKEYSIG|REVKEYSIG) /m.test(status)) return "signatures by expired or revoked keys only";
  if (/^\[GNUPG:\] NO_PUBKEY /m.test(status)) return "no signature by a key in the keyring (is debian-archive-keyring up to date?)";
  return "no valid signature";
}

/** Checks an InRelease file's signature with gpgv against Debian's keyring; returns the signed text only. */
export function verifyInRelease(data: Buffer, what: string, keyring = DEBIAN_KEYRING): string {
  if (!existsSync(keyring)) throw new WrapperError(`cannot verify ${what}: no ${keyring} (install debian-archive-keyring)`);
  const r = spawnSync("gpgv", ["--status-fd", "2", "--output", "-", "--keyring", keyring, "-"], { input: data, maxBuffer: 64 << 20 });
  if (r.error) throw new WrapperError(`cannot verify ${what}: gpgv: ${r.error.message} (install gpgv)`);
  const problem = signatureProblem(r.stderr.toString());
  if (problem) throw new WrapperError(`${what} is not signed by Debian's archive keys (${problem}): refusing it`);
  return r.stdout.toString();
}

/** Whether the machine's apt checks Valid-Until (Acquire::Check-Valid-Until, on by default). */
export function aptChecksValidUntil(): boolean {
  const r = spawnSync("apt-config", ["shell", "V", "Acquire::Check-Valid-Until"], { encoding: "utf8" });
  return !/^V='?(false|no|off|0)'?$/im.test(r.stdout ?? "");
}

/** The checks apt makes on a verified Release: it is the suite asked for, and (when apt checks it) still valid. */
export function checkRelease(release: Release, suite: string, what: string, now = new Date(), checkValidUntil = true): void {
  if (release.suite !== suite && release.codename !== suite)
    throw new WrapperError(`${what} is for ${release.codename || release.suite || "no suite"}, not ${suite}: refusing it`);
  if (checkValidUntil && release.validUntil && release.validUntil < now)
    throw new WrapperError(`${what} expired on ${release.validUntil.toISOString()} (the mirror is out of date): refusing it`);
}

/** A suite's InRelease from the mirror, its signature and validity checked. */
export async function fetchRelease(mirror: string, suite: string): Promise<Release> {
  const url = `${mirror}/dists/${suite}/InRelease`;
  const data = await download(url);
  const release = parseRelease(verifyInRelease(data, url));
  checkRelease(release, suite, url, new Date(), aptChecksValidUntil());
  return release;
}
