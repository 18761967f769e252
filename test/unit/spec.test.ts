import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SPEC_MAGIC, Tag } from "../../src/protocol/messages.js";
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
});
