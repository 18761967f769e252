// Binary-clean, complete, backpressured streams between the host and the job.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { USERS, label, wrapper } from "../helpers.js";
import { workdir } from "./workdir.js";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Every byte value, the terminal-special ones (CR, LF, NUL, ^C, ^D, ^Z) among them, then random bytes. */
function binaryPayload(randomSize: number): Buffer {
  const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  return Buffer.concat([all, Buffer.from("\r\n\0\x03\x04\x1a\r\r\n\n"), randomBytes(randomSize), all]);
}

for (const user of USERS) {
  describe(`streams (${label(user)})`, { concurrency: 2 }, () => {
    it("carries random binary stdin -> cat -> stdout byte for byte", async () => {
      const input = binaryPayload(32 * 2 ** 20);
      const r = await wrapper(["cat"], { user, input });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.length, input.length);
      assert.ok(r.stdout.equals(input), "stdout differs from stdin");
    });

    it("delivers 64 MiB written right before exit, whole, on stdout and on stderr", async () => {
      const w = workdir(user);
      try {
        const data = randomBytes(64 * 2 ** 20);
        writeFileSync(`${w.dir}/data`, data);
        const r = await wrapper(["sh", "-c", "cat data; cat data >&2; exit 9"], { user, cwd: w.dir });
        assert.equal(r.code, 9);
        assert.equal(r.stdout.length, data.length);
        assert.equal(sha(r.stdout), sha(data));
        assert.equal(Buffer.from(r.stderr, "latin1").length > 0, true);
      } finally {
        w.remove();
      }
    });

    it("loses nothing to a slow reader", async () => {
      const r = await wrapper([], {
        user,
        shell: `"$@" -- sh -c 'seq 1 300000; echo end' | (sleep 2; cat)`,
      });
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.toString().split("\n");
      assert.equal(lines.length, 300002);
      assert.equal(lines[299999], "300000");
      assert.equal(lines[300000], "end");
    });

    it("delivers stdin that was all written (and closed) before the guest was ready", async () => {
      const r = await wrapper(["sh", "-c", "sleep 1; cat; echo EOF-seen"], { user, input: "early\n" });
      assert.equal(r.stdout.toString(), "early\nEOF-seen\n");
    });

    it("lets a job that ignores its stdin finish", async () => {
      const r = await wrapper(["sh", "-c", "echo done"], { user, input: randomBytes(4 * 2 ** 20) });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.toString(), "done\n");
    });
  });
}
