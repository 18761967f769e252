import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { S_IFCHR, S_IFDIR, S_IFREG, cpioArchive } from "../../src/rootfs/cpio.js";
import { swapHeader } from "../../src/rootfs/swap.js";

/** Lists a newc archive the way the kernel's initramfs unpacker walks it. */
function list(archive: Buffer): Array<{ name: string; mode: number; data: Buffer; rdev: [number, number] }> {
  const out = [];
  let at = 0;
  const align = (n: number) => (n + 3) & ~3;
  for (;;) {
    assert.equal(archive.toString("latin1", at, at + 6), "070701");
    const field = (i: number) => parseInt(archive.toString("latin1", at + 6 + 8 * i, at + 14 + 8 * i), 16);
    const [mode, size, rmaj, rmin, nameSize] = [field(1), field(6), field(9), field(10), field(11)];
    const name = archive.toString("latin1", at + 110, at + 110 + nameSize - 1);
    const dataAt = align(at + 110 + nameSize);
    if (name === "TRAILER!!!") return out;
    out.push({ name, mode, data: archive.subarray(dataAt, dataAt + size), rdev: [rmaj, rmin] as [number, number] });
    at = align(dataAt + size);
  }
}

describe("initramfs pieces", () => {
  it("writes a newc archive with files, directories and device nodes", () => {
    const data = Buffer.from("odd length!");
    const entries = list(
      cpioArchive([
        { name: "dev", mode: S_IFDIR | 0o755 },
        { name: "dev/console", mode: S_IFCHR | 0o600, rdev: { major: 5, minor: 1 } },
        { name: "init", mode: S_IFREG | 0o755, data },
        { name: "spec", mode: S_IFREG | 0o600, data: Buffer.from("x") },
      ]),
    );
    assert.deepEqual(entries.map((e) => e.name), ["dev", "dev/console", "init", "spec"]);
    assert.deepEqual(entries[1]!.rdev, [5, 1]);
    assert.equal(entries[2]!.mode, 0o100755);
    assert.deepEqual(entries[2]!.data, data);
    assert.equal(entries[3]!.data.toString(), "x");
  });

  it("writes a swap header that the kernel accepts (version 1, last page, signature)", () => {
    const h = swapHeader(64 * 2 ** 20);
    assert.equal(h.length, 4096);
    assert.equal(h.readUInt32LE(1024), 1);
    assert.equal(h.readUInt32LE(1028), 64 * 256 - 1);
    assert.equal(h.toString("latin1", 4086), "SWAPSPACE2");
  });
});
