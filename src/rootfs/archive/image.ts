import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { WrapperError } from "../../result/errors.js";

interface Descriptor {
  mediaType?: string;
  digest: string;
  platform?: { architecture?: string; os?: string };
}

const INDEX_TYPES = new Set(["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"]);

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (err) {
    throw new WrapperError(`the image's ${file.split("/").pop()} is unreadable: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function blob(dir: string, digest: string): string {
  const [algorithm, hex] = digest.split(":");
  if (!algorithm || !hex || !/^[a-z0-9]+$/.test(algorithm) || !/^[a-f0-9]+$/.test(hex))
    throw new WrapperError(`the image names a malformed blob digest '${digest}'`);
  return join(dir, "blobs", algorithm, hex);
}

/** From an index, the manifest for linux on this machine's architecture (or the only one). */
function pickManifest(dir: string, descriptors: Descriptor[]): Descriptor {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const linux = descriptors.filter((d) => !d.platform || (d.platform.os === "linux" && d.platform.architecture === arch));
  const chosen = linux[0] ?? descriptors[0];
  if (!chosen) throw new WrapperError("the image's index lists no manifest");
  if (chosen.mediaType && INDEX_TYPES.has(chosen.mediaType))
    return pickManifest(dir, readJson<{ manifests: Descriptor[] }>(blob(dir, chosen.digest)).manifests);
  return chosen;
}

/**
 * The layer files of an unpacked `docker save` archive or OCI image layout, lowest first; null when dir
 * is neither (a plain root file system tarball).
 */
export function imageLayers(dir: string): string[] | null {
  if (existsSync(join(dir, "oci-layout")) && existsSync(join(dir, "index.json"))) {
    const manifest = pickManifest(dir, readJson<{ manifests: Descriptor[] }>(join(dir, "index.json")).manifests);
    const layers = readJson<{ layers?: Descriptor[] }>(blob(dir, manifest.digest)).layers ?? [];
    return layers.map((l) => blob(dir, l.digest));
  }
  const manifest = join(dir, "manifest.json");
  if (!existsSync(manifest)) return null;
  const images = readJson<unknown>(manifest);
  if (!Array.isArray(images) || !images[0] || !Array.isArray((images[0] as { Layers?: unknown }).Layers)) return null;
  return ((images[0] as { Layers: string[] }).Layers).map((l) => join(dir, l));
}
