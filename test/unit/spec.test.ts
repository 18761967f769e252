import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Flag, SPEC_MAGIC, Tag } from "../../src/protocol/messages.js";
import { encodeSpec } from "../../src/spec/encode.js";

/** Reads the records back the way guest/spec.c does. */
function records(spec: Buffer): Array<[number, Buffer]> {
  assert.equal(spec.subarray(0, 8).toString(), SPEC_MAGIC);
  const out: Array<[number, Buffer]> = [];
  for (let at = 8; at < spec.length; ) {
    const len = spec.readUInt32LE(at + 2);
    out.push([spec.readUInt16LE(at), spec.subarray(at + 6, at + 6 + len)]);
    at += 6 + len;
  }
  return out;
}

describe("job spec encoding", () => {
  it("keeps every byte of arguments and environment, in order", () => {
    const weird = [Buffer.from([0xff, 0xfe, 0x20, 0x0a]), "", "a b", "'\"$x`", "line\nbreak"];
    const spec = encodeSpec({ argv: ["prog", ...weird], env: ["A=1", Buffer.from([0x42, 0x3d, 0x80])], cwd: "/tmp", runDir: "/run/x", uid: 1000, gid: 100, groups: [4, 24], umask: 0o027 });
    const r = records(spec);
    const args = r.filter(([t]) => t === Tag.ARG).map(([, v]) => v);
    assert.deepEqual(args, ["prog", ...weird].map((a) => Buffer.from(a)));
    assert.deepEqual(r.filter(([t]) => t === Tag.ENV).map(([, v]) => v), [Buffer.from("A=1"), Buffer.from([0x42, 0x3d, 0x80])]);
    const num = (tag: number) => r.filter(([t]) => t === tag).map(([, v]) => v.readUInt32LE(0));
    assert.deepEqual(num(Tag.UID), [1000]);
    assert.deepEqual(num(Tag.GID), [100]);
    assert.deepEqual(num(Tag.GROUP), [4, 24]);
    assert.deepEqual(num(Tag.UMASK), [0o027]);
    assert.equal(r.find(([t]) => t === Tag.CWD)![1].toString(), "/tmp");
  });

  it("describes a foreign root, its links, the job's accounts, the keep directory and the network", () => {
    const spec = encodeSpec({
      argv: ["true"], env: [], cwd: "/w", runDir: "/r", uid: 1, gid: 2, groups: [], umask: 0o22,
      root: { device: "/dev/ubda", writable: true }, links: ["/w", "/afs"], binds: [{ host: "/srv/d", guest: "/data" }], passwdLine: "u:x:1:2::/h:/bin/sh",
      groupLines: ["g:x:2:"], keepDir: "/k", sandbox: true,
      net: { address: "10.0.2.100", prefixLength: 24, gateway: "10.0.2.2", dns: "10.0.2.3" },
    });
    const r = records(spec);
    const text = (tag: number) => r.filter(([t]) => t === tag).map(([, v]) => v.toString());
    assert.deepEqual(text(Tag.ROOT_DEVICE), ["/dev/ubda"]);
    assert.deepEqual(text(Tag.ROOT_DIR), []);
    assert.deepEqual(text(Tag.LINK), ["/w", "/afs"]);
    assert.deepEqual(text(Tag.BIND), ["/srv/d\0/data"]);
    assert.deepEqual(text(Tag.PASSWD), ["u:x:1:2::/h:/bin/sh"]);
    assert.deepEqual(text(Tag.GROUP_LINE), ["g:x:2:"]);
    assert.deepEqual(text(Tag.KEEP), ["/k"]);
    const flags = r.find(([t]) => t === Tag.FLAGS)![1].readUInt32LE(0);
    assert.equal(flags, Flag.SANDBOX | Flag.ROOT_WRITABLE);
    const net = r.find(([t]) => t === Tag.NET)![1];
    assert.deepEqual([net.readUInt32LE(0), net.readUInt32LE(4), net.readUInt32LE(8), net[12]], [0x0a000264, 0x0a000202, 0x0a000203, 24]);
  });
});
