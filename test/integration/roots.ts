// Small root file systems built by the tests themselves: a busybox-static userland as a directory, an
// ext4 image, tarballs, an OCI image layout and a `docker save` archive.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const BUSYBOX = "/bin/busybox";
/** What the roots' /etc/marker says, so a test can tell which userland it runs on. */
export const MARKER = "busybox test root\n";
const APPLETS = ["sh", "ls", "cat", "id", "pwd", "echo", "touch", "rm", "mv", "mkdir", "stat", "wc", "sed", "uname", "grep", "head", "ln", "wget", "ip", "test", "whoami", "mount", "true"];

function sh(cmd: string, args: string[], cwd?: string): Buffer {
  return execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
}

/** A busybox root: /bin with applets, /etc with a marker and a passwd that knows only root. */
export function busyboxTree(dir: string): void {
  mkdirSync(join(dir, "bin"), { recursive: true });
  mkdirSync(join(dir, "etc"));
  copyFileSync(BUSYBOX, join(dir, "bin/busybox"));
  chmodSync(join(dir, "bin/busybox"), 0o755);
  for (const a of APPLETS) symlinkSync("busybox", join(dir, "bin", a));
  writeFileSync(join(dir, "etc/marker"), MARKER);
  writeFileSync(join(dir, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
  writeFileSync(join(dir, "etc/group"), "root:x:0:\n");
}

function tarOf(dir: string, out: string, ...flags: string[]): string {
  sh("tar", ["--sort=name", "--owner=0", "--group=0", ...flags, "-C", dir, "-cf", out, "."]);
  return out;
}

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** Two layers over the busybox tree: the upper deletes /etc/gone, empties /etc/opaque and adds files. */
function layers(base: string): [string, string] {
  const lower = join(base, "layer1");
  busyboxTree(lower);
  writeFileSync(join(lower, "etc/gone"), "deleted by the upper layer\n");
  mkdirSync(join(lower, "etc/opaque"));
  writeFileSync(join(lower, "etc/opaque/old"), "hidden by the upper layer\n");
  const upper = join(base, "layer2");
  mkdirSync(join(upper, "etc/opaque"), { recursive: true });
  writeFileSync(join(upper, "etc/.wh.gone"), "");
  writeFileSync(join(upper, "etc/opaque/.wh..wh..opq"), "");
  writeFileSync(join(upper, "etc/opaque/new"), "from the upper layer\n");
  writeFileSync(join(upper, "etc/layered"), "yes\n");
  return [tarOf(lower, join(base, "layer1.tar")), tarOf(upper, join(base, "layer2.tar.gz"), "-z")];
}

function ociArchive(base: string, [l1, l2]: [string, string]): string {
  const dir = join(base, "oci");
  mkdirSync(join(dir, "blobs/sha256"), { recursive: true });
  const put = (file: string) => {
    const digest = sha256(file);
    copyFileSync(file, join(dir, "blobs/sha256", digest));
    return `sha256:${digest}`;
  };
  const putJson = (value: unknown) => {
    const file = join(base, "blob.json");
    writeFileSync(file, JSON.stringify(value));
    return { digest: put(file), size: readFileSync(file).length };
  };
  const config = putJson({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] } });
  const manifest = putJson({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: { mediaType: "application/vnd.oci.image.config.v1+json", ...config },
    layers: [
      { mediaType: "application/vnd.oci.image.layer.v1.tar", digest: put(l1) },
      { mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: put(l2) },
    ],
  });
  writeFileSync(join(dir, "oci-layout"), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(join(dir, "index.json"), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: "application/vnd.oci.image.manifest.v1+json", ...manifest, platform: { architecture: "amd64", os: "linux" } }] }));
  return tarOf(dir, join(base, "image-oci.tar"));
}

function dockerArchive(base: string, [l1, l2]: [string, string]): string {
  const dir = join(base, "docker");
  for (const [i, layer] of [l1, l2].entries()) {
    mkdirSync(join(dir, `l${i}`), { recursive: true });
    copyFileSync(layer, join(dir, `l${i}`, "layer.tar"));
  }
  writeFileSync(join(dir, "config.json"), "{}");
  writeFileSync(join(dir, "manifest.json"), JSON.stringify([{ Config: "config.json", RepoTags: ["test:latest"], Layers: ["l0/layer.tar", "l1/layer.tar"] }]));
  return tarOf(dir, join(base, "image-docker.tar"));
}

export interface Roots {
  base: string;
  dir: string;
  image: string;
  tarGz: string;
  tarXz: string;
  tarZst: string | null;
  oci: string;
  docker: string;
  /** A root holding one static binary and nothing else: no shell, no /etc. */
  single: string;
  remove(): void;
}

export function buildRoots(): Roots {
  const base = mkdtempSync(join(tmpdir(), "ujw-roots-"));
  const dir = join(base, "busybox");
  busyboxTree(dir);
  const single = join(base, "single");
  mkdirSync(single);
  copyFileSync(BUSYBOX, join(single, "busybox"));
  chmodSync(join(single, "busybox"), 0o755);
  const image = join(base, "busybox.ext4");
  sh("mkfs.ext4", ["-q", "-F", "-d", dir, image, "16M"]);
  const hasZstd = spawnSync("zstd", ["--version"]).status === 0;
  const ls = layers(base);
  const roots: Roots = {
    base,
    dir,
    image,
    tarGz: tarOf(dir, join(base, "busybox.tar.gz"), "-z"),
    tarXz: tarOf(dir, join(base, "busybox.tar.xz"), "-J"),
    tarZst: hasZstd ? tarOf(dir, join(base, "busybox.tar.zst"), "--zstd") : null,
    oci: ociArchive(base, ls),
    docker: dockerArchive(base, ls),
    single,
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
  sh("chmod", ["-R", "a+rX", base]);
  return roots;
}

/** A fingerprint of a directory tree or file: contents, modes, owners and times, so any change shows. */
export function fingerprint(path: string): string {
  const listing = spawnSync("sh", ["-c", `cd "$1" 2>/dev/null && find . -printf '%p %y %m %U %G %s %T@ %l\\n' | sort || stat -c '%s %Y %a' "$1"`, "sh", path], { encoding: "utf8" }).stdout;
  const contents = spawnSync("sh", ["-c", `{ find "$1" -type f -print0 | sort -z | xargs -0 -r sha256sum; }`, "sh", path], { encoding: "utf8" }).stdout;
  return createHash("sha256").update(listing).update(contents).digest("hex");
}
