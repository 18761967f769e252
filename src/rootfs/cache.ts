import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { WrapperError, describeSystemError } from "../result/errors.js";
import { isWithin } from "../options/paths.js";
import { cacheDir } from "../kernel/paths.js";
import { openDecompressed } from "./archive/decompress.js";
import { imageLayers } from "./archive/image.js";
import { unpackLayer } from "./archive/unpack.js";

/** A root file system imported from an archive, ready to boot. */
export interface CachedRoot {
  name: string;
  /** The unpacked tree. */
  dir: string;
  /** The archive it came from, and that file's size and mtime when imported. */
  source: string;
  size: number;
  mtimeMs: number;
  kind: "tarball" | "image";
  importedAt: string;
}

export function cacheBase(env = process.env): string {
  return join(cacheDir(env), "rootfs");
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function listRoots(base = cacheBase()): CachedRoot[] {
  if (!existsSync(base)) return [];
  const roots: CachedRoot[] = [];
  for (const name of readdirSync(base).sort()) {
    try {
      roots.push({ ...(JSON.parse(readFileSync(join(base, name, "source.json"), "utf8")) as CachedRoot), name, dir: join(base, name, "root") });
    } catch {
      // an import in progress, or not ours
    }
  }
  return roots;
}

export function findRoot(name: string, base = cacheBase()): CachedRoot | undefined {
  return listRoots(base).find((r) => r.name === name);
}

/** Removes a tree even where it holds directories without write permission (as images do). */
export function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    const open = (d: string) => {
      chmodSync(d, 0o700);
      for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) open(join(d, e.name));
    };
    open(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function removeRoot(name: string, base = cacheBase()): void {
  if (!findRoot(name, base)) throw new WrapperError(`no imported root file system is called '${name}' (see: uml-job-wrapper rootfs list)`);
  removeTree(join(base, name));
}

function defaultName(archive: string, base: string): string {
  const stem = basename(archive).replace(/\.(tar(\.(gz|xz|zst|zstd|bz2))?|tgz|txz|tzst)$/i, "").replace(/[^A-Za-z0-9._-]/g, "_") || "root";
  let name = stem.replace(/^[._-]+/, "") || "root";
  for (let n = 2; existsSync(join(base, name)); n++) name = `${stem}-${n}`;
  return name;
}

export interface ImportOptions {
  name?: string;
  /** Told how many bytes of the archive have been read, and when a layer starts. */
  onProgress?: (event: { read: number; total: number; layer?: { index: number; count: number } }) => void;
  base?: string;
}

async function unpackArchive(archive: string, into: string, o: ImportOptions): Promise<CachedRoot["kind"]> {
  const total = statSync(archive).size;
  let read = 0;
  const outer = join(into, "outer");
  mkdirSync(outer);
  await unpackLayer(await openDecompressed(archive, (n) => o.onProgress?.({ read: (read += n), total })), outer);
  const layers = imageLayers(outer);
  if (!layers) {
    renameSync(outer, join(into, "root"));
    return "tarball";
  }
  mkdirSync(join(into, "root"));
  for (const [index, layer] of layers.entries()) {
    if (!isWithin(layer, outer) || !existsSync(layer)) throw new WrapperError(`the image lists a layer it does not contain: ${layer.slice(outer.length + 1)}`);
    o.onProgress?.({ read, total, layer: { index, count: layers.length } });
    await unpackLayer(await openDecompressed(layer), join(into, "root"));
  }
  removeTree(outer);
  return "image";
}

/** Imports a root file system tarball, `docker save` archive or OCI image layout archive into the cache. */
export async function importArchive(archive: string, o: ImportOptions = {}): Promise<CachedRoot> {
  const base = o.base ?? cacheBase();
  const source = realpathSync(archive);
  const st = statSync(source);
  mkdirSync(base, { recursive: true, mode: 0o700 });
  if (o.name !== undefined && !NAME.test(o.name)) throw new WrapperError(`'${o.name}' is not a usable name: use letters, digits, '.', '_' and '-'`);
  if (o.name !== undefined && existsSync(join(base, o.name))) throw new WrapperError(`an imported root file system is already called '${o.name}': remove it first (rootfs rm ${o.name})`);
  const name = o.name ?? defaultName(source, base);
  const staging = mkdtempSync(join(base, ".import-"));
  try {
    const kind = await unpackArchive(source, staging, o);
    const record = { source, size: st.size, mtimeMs: st.mtimeMs, kind, importedAt: new Date().toISOString() };
    writeFileSync(join(staging, "source.json"), `${JSON.stringify(record, null, 2)}\n`);
    renameSync(staging, join(base, name));
    return { ...record, name, dir: join(base, name, "root") };
  } catch (err) {
    removeTree(staging);
    if (err instanceof WrapperError) throw new WrapperError(`cannot import ${archive}: ${err.message}`);
    throw new WrapperError(`cannot import ${archive}: ${describeSystemError(err)}`);
  }
}

/** The cached import of this archive if it has not changed since, else a fresh import. */
export async function rootForArchive(archive: string, o: ImportOptions = {}): Promise<CachedRoot> {
  const source = realpathSync(archive);
  const st = statSync(source);
  const cached = listRoots(o.base).find((r) => r.source === source && r.size === st.size && r.mtimeMs === st.mtimeMs);
  return cached ?? importArchive(source, o);
}
