// Bad input: a one-line error, exit 125, no UML left behind, nothing on the host changed.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isRoot, wrapper, type Outcome } from "../helpers.js";

function oneLineError(r: Outcome, pattern: RegExp): void {
  assert.equal(r.code, 125, r.stderr);
  assert.equal(r.stdout.length, 0);
  const lines = r.stderr.split("\n").filter(Boolean);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^uml-job-wrapper: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /); // no stack trace
}

describe("bad input", { concurrency: 4 }, () => {
  it("an unknown option", async () => oneLineError(await wrapper(["--frobnicate", "true"]), /unknown option '--frobnicate'/));
  it("--mem=lots", async () => oneLineError(await wrapper(["--mem=lots", "true"]), /--mem.*'lots' is invalid/));
  it("--mem=0", async () => oneLineError(await wrapper(["--mem=0", "true"]), /too small/));
  it("a bad size in the environment", async () =>
    oneLineError(await wrapper(["true"], { env: { ...process.env, UML_JOB_WRAPPER_MEM: "huge" } }), /'huge' from env 'UML_JOB_WRAPPER_MEM' is invalid/));
  it("a kernel that does not exist", async () =>
    oneLineError(await wrapper(["--kernel=/no/such/linux", "true"]), /\/no\/such\/linux.*no such file/));
  it("a kernel that is not a UML kernel (and is not run)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ujw-bad-"));
    try {
      const fake = join(dir, "fake-kernel");
      spawnSync("cp", ["/bin/touch", fake]);
      oneLineError(await wrapper([`--kernel=${fake}`, "true"], { cwd: dir }), /not a User-Mode Linux kernel/);
      // Run with kernel arguments, touch would have created files named after them.
      assert.deepEqual(spawnSync("ls", [dir], { encoding: "utf8" }).stdout.trim().split("\n"), ["fake-kernel"]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
  it("a working directory the guest cannot reach", async () => oneLineError(await wrapper(["true"], { cwd: "/proc" }), /working directory \/proc cannot be reached/));
  it("a --link that is not a directory", async () => oneLineError(await wrapper(["--link=/etc/hostname", "true"]), /--link \/etc\/hostname is not a directory/));
  it("a guest memory directory that does not exist", async () =>
    oneLineError(await wrapper(["true"], { env: { ...process.env, TMPDIR: "/no/such/dir" } }), /guest memory directory \/no\/such\/dir.*TMPDIR/));

  for (const [what, options, pattern] of [
    ["a noexec guest memory directory", "noexec,size=2g", /noexec.*TMPDIR/],
    ["a guest memory directory too small for --mem", "size=16m", /has 16M free but --mem is 1G/],
  ] as const) {
    it(what, { skip: !isRoot && "needs root to mount a tmpfs" }, async () => {
      const dir = mkdtempSync(join(tmpdir(), "ujw-mnt-"));
      try {
        assert.equal(spawnSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir]).status, 0);
        oneLineError(await wrapper(["--mem=1G", "true"], { env: { ...process.env, TMPDIR: dir } }), pattern);
      } finally {
        spawnSync("umount", [dir]);
        rmSync(dir, { recursive: true });
      }
    });
  }

  it("--help and --version print and exit 0", async () => {
    const help = await wrapper(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout.toString(), /--mem <size>[\s\S]*UML_JOB_WRAPPER_MEM[\s\S]*Exit status:[\s\S]*127/);
    const version = await wrapper(["--version"]);
    assert.equal(version.code, 0);
    assert.match(version.stdout.toString(), /^\d+\.\d+\.\d+\n$/);
  });
});
