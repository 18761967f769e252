import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { compressionOf, looksLikeTar } from "../../src/rootfs/archive/decompress.js";
import { imageLayers } from "../../src/rootfs/archive/image.js";
import { classifyRootfs } from "../../src/rootfs/source.js";
import { WrapperError } from "../../src/result/errors.js";
import { commonDirectory } from "../../src/machine/hostfs-root.js";

const dir = mkdtempSync(join(tmpdir(), "ujw-unit-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, data: Buffer | string): string {
  writeFileSync(join(dir, name), data);
  return join(dir, name);
}

function tarHeader(): Buffer {
  const h = Buffer.alloc(512);
  h.write("file", 0);
  h.write("ustar", 257);
  return h;
}

describe("--rootfs sources", () => {
  it("tells directories, ext images and archives apart by their contents, not their names", () => {
    const ext = Buffer.alloc(2048);
    ext.writeUInt16LE(0xef53, 1080);
    assert.deepEqual(classifyRootfs(dir), { kind: "dir", path: dir });
    assert.equal(classifyRootfs(file("disk.img", ext)).kind, "image");
    assert.equal(classifyRootfs(file("root.bin", tarHeader())).kind, "archive");
    assert.equal(classifyRootfs(file("x.tgz", Buffer.from([0x1f, 0x8b, 8, 0]))).kind, "archive");
    assert.throws(() => classifyRootfs(file("notes.tar", "just text")), (e: unknown) => e instanceof WrapperError && /neither a directory/.test(e.message));
  });

  it("recognises gzip, xz and zstd by magic number", () => {
    assert.equal(compressionOf(Buffer.from([0x1f, 0x8b, 8])), "gzip");
    assert.equal(compressionOf(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])), "xz");
    assert.equal(compressionOf(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])), "zstd");
    assert.equal(compressionOf(Buffer.from("plain")), "none");
    assert.ok(looksLikeTar(tarHeader()));
    assert.ok(!looksLikeTar(Buffer.alloc(512, 0x41)));
  });

  it("reads the layer order of docker-save and OCI layouts, and nothing from a plain tree", () => {
    const docker = join(dir, "docker");
    mkdirSync(docker);
    writeFileSync(join(docker, "manifest.json"), JSON.stringify([{ Config: "c.json", Layers: ["a/layer.tar", "b/layer.tar"] }]));
    assert.deepEqual(imageLayers(docker), [join(docker, "a/layer.tar"), join(docker, "b/layer.tar")]);
    const oci = join(dir, "oci");
    mkdirSync(join(oci, "blobs/sha256"), { recursive: true });
    writeFileSync(join(oci, "oci-layout"), "{}");
    writeFileSync(join(oci, "blobs/sha256/aa"), JSON.stringify({ layers: [{ digest: "sha256:bb" }, { digest: "sha256:cc" }] }));
    writeFileSync(join(oci, "index.json"), JSON.stringify({ manifests: [{ digest: "sha256:aa", platform: { os: "linux", architecture: "amd64" } }] }));
    assert.deepEqual(imageLayers(oci), [join(oci, "blobs/sha256/bb"), join(oci, "blobs/sha256/cc")]);
    assert.equal(imageLayers(join(dir)), null);
  });
});

describe("hostfs confinement", () => {
  it("finds the deepest directory holding every host path, whole components only", () => {
    assert.equal(commonDirectory(["/tmp/a/run-1", "/tmp/a/proj", "/tmp/a"]), "/tmp/a");
    assert.equal(commonDirectory(["/tmp/ab", "/tmp/ac"]), "/tmp");
    assert.equal(commonDirectory(["/tmp/x", "/"]), "/");
    assert.equal(commonDirectory(["/home/u/p", "/run/user/1"]), "/");
  });
});
