import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { WrapperError, describeSystemError } from "../../result/errors.js";

/** A file's expected size and SHA-256, as a signed Release or Packages file lists it. */
export interface Digest {
  size: number;
  sha256: string;
}

const TIMEOUT_MS = 10 * 60 * 1000;

/** Fetches a URL (http, https or file) whole. */
export async function download(url: string): Promise<Buffer> {
  if (url.startsWith("file:")) {
    try {
      return readFileSync(fileURLToPath(url));
    } catch (err) {
      throw new WrapperError(`cannot read ${url}: ${describeSystemError(err)}`);
    }
  }
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    const cause = (err as { cause?: Error }).cause;
    throw new WrapperError(`cannot download ${url}: ${cause?.message ?? describeSystemError(err)} (is the network up?)`);
  }
  if (!response.ok) throw new WrapperError(`cannot download ${url}: ${response.status} ${response.statusText}`);
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (err) {
    throw new WrapperError(`download of ${url} broke off: ${describeSystemError(err)}`);
  }
}

/** Throws unless data has the expected size and SHA-256. */
export function checkDigest(what: string, data: Buffer, expected: Digest): void {
  const sha256 = createHash("sha256").update(data).digest("hex");
  if (data.length !== expected.size || sha256 !== expected.sha256)
    throw new WrapperError(`${what} does not match its signed checksum (got ${data.length} bytes, SHA-256 ${sha256}; expected ${expected.size} bytes, ${expected.sha256}): refusing it`);
}

/** Fetches a URL and checks it against its signed digest. */
export async function downloadVerified(url: string, expected: Digest): Promise<Buffer> {
  const data = await download(url);
  checkDigest(url, data, expected);
  return data;
}
