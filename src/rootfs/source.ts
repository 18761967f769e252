import { realpathSync, statSync } from "node:fs";
import { WrapperError, describeSystemError } from "../result/errors.js";
import { findRoot } from "./cache.js";
import { compressionOf, head, looksLikeTar } from "./archive/decompress.js";

/** What --rootfs names. Archives are imported into the cache before they are used. */
export type RootSource =
  | { kind: "dir"; path: string }
  | { kind: "image"; path: string }
  | { kind: "archive"; path: string };

/** The ext2/3/4 superblock magic, 0xEF53 little-endian at byte 1080. */
function isExtImage(start: Buffer): boolean {
  return start.length >= 1082 && start[1080] === 0x53 && start[1081] === 0xef;
}

export function classifyRootfs(value: string): RootSource {
  if (!value.includes("/")) {
    const cached = findRoot(value);
    if (cached) return { kind: "dir", path: cached.dir };
  }
  let path: string;
  let isDir: boolean;
  try {
    path = realpathSync(value);
    isDir = statSync(path).isDirectory();
  } catch (err) {
    const hint = value.includes("/") ? "" : " (and no imported root file system has that name: see rootfs list)";
    throw new WrapperError(`--rootfs ${value} is not usable: ${describeSystemError(err)}${hint}`);
  }
  if (isDir) return { kind: "dir", path };
  let start: Buffer;
  try {
    start = head(path, 2048);
  } catch (err) {
    throw new WrapperError(`--rootfs ${value} cannot be read: ${describeSystemError(err)}`);
  }
  if (isExtImage(start)) return { kind: "image", path };
  if (compressionOf(start) !== "none" || looksLikeTar(start)) return { kind: "archive", path };
  throw new WrapperError(`--rootfs ${value} is neither a directory, an ext2/3/4 image nor a tar archive`);
}
