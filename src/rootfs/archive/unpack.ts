import { readdirSync, rmSync } from "node:fs";
import { basename, dirname, join, normalize } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { x as extract } from "tar";

const WHITEOUT = ".wh.";
const OPAQUE = ".wh..wh..opq";

function removeChildren(dir: string, keep: Set<string>): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (!keep.has(join(dir, name))) rmSync(join(dir, name), { recursive: true, force: true });
}

/**
 * Unpacks a tar stream into dir, over what earlier layers put there, honouring OCI whiteouts: .wh.NAME
 * deletes NAME, .wh..wh..opq empties its directory of what lower layers had. Device nodes are skipped
 * (the guest has its own /dev); owners are kept only when running as root.
 */
export async function unpackLayer(tar: Readable, dir: string): Promise<void> {
  const ours = new Set<string>(); // entries of this layer: an opaque marker hides only lower layers' entries
  const unpacker = extract({
    cwd: dir,
    preserveOwner: process.getuid!() === 0,
    chmod: true,
    processUmask: 0,
    maxDecompressionRatio: Infinity,
    filter: (path, entry) => {
      const target = join(dir, normalize(path));
      const name = basename(target);
      if (name === OPAQUE) {
        removeChildren(dirname(target), ours);
        return false;
      }
      if (name.startsWith(WHITEOUT)) {
        rmSync(join(dirname(target), name.slice(WHITEOUT.length)), { recursive: true, force: true });
        return false;
      }
      const type = "type" in entry ? entry.type : "";
      if (type === "CharacterDevice" || type === "BlockDevice" || type === "FIFO") return false;
      ours.add(target.replace(/\/$/, ""));
      return true;
    },
  });
  await pipeline(tar, unpacker);
}
