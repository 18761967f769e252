import { Command } from "commander";
import { statSync } from "node:fs";
import { importArchive, listRoots, removeRoot, cacheBase, type CachedRoot } from "../rootfs/cache.js";
import { formatSize } from "../options/sizes.js";
import { showImportProgress } from "../ui/progress.js";

function describe(r: CachedRoot): string {
  let size = "";
  try {
    size = formatSize(statSync(r.source).size);
  } catch {
    size = "source gone";
  }
  return `${r.name}\t${r.kind}\t${r.importedAt.slice(0, 19).replace("T", " ")}\t${r.source} (${size})`;
}

/** `uml-job-wrapper rootfs import|list|rm`: the cache of root file systems imported from archives. */
export function rootfsCommand(): Command {
  const rootfs = new Command("rootfs").description(`root file systems imported from archives, kept in ${cacheBase()}`);
  rootfs
    .command("import")
    .description("import a root file system tarball (.tar, .tar.gz, .tar.xz, .tar.zst), a docker-save archive or an OCI image layout archive")
    .argument("<archive>")
    .option("-n, --name <name>", "the name to use it by (--rootfs=NAME); default: the archive's file name")
    .action(async (archive: string, o: { name?: string }) => {
      const progress = showImportProgress(process.stderr, archive);
      try {
        const root = await importArchive(archive, { name: o.name, onProgress: progress.update });
        progress.stop();
        process.stdout.write(`${root.name}\t${root.dir}\n`);
      } finally {
        progress.stop();
      }
    });
  rootfs
    .command("list")
    .description("list the imported root file systems: name, kind, when, from what")
    .action(() => {
      for (const r of listRoots()) process.stdout.write(`${describe(r)}\n`);
    });
  rootfs
    .command("rm")
    .description("remove imported root file systems")
    .argument("<name...>")
    .action((names: string[]) => names.forEach((n) => removeRoot(n)));
  return rootfs;
}
