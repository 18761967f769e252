import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rawEnvironment, rawTrailingArgs, splitNul } from "../../src/cli/raw-argv.js";
import { mountOptions } from "../../src/machine/preflight.js";
import { defineCli } from "../../src/options/definitions.js";

function parse(...args: string[]) {
  const cli = defineCli("0").exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  cli.parse(["node", "uml-job-wrapper", ...args]);
  return { opts: cli.opts(), command: cli.args };
}

describe("command line", () => {
  it("stops at the command: its options are its own", () => {
    assert.deepEqual(parse("ls", "-l", "--mem=1G").command, ["ls", "-l", "--mem=1G"]);
    const p = parse("--mem=100M", "--echo", "--", "--odd-name", "x");
    assert.equal(p.opts.mem, 100 * 2 ** 20);
    assert.equal(p.opts.echo, true);
    assert.deepEqual(p.command, ["--odd-name", "x"]);
    assert.deepEqual(parse("-l", "/a", "--link=/b", "true").opts.link, ["/a", "/b"]);
  });

  it("takes options from the environment, the command line winning", () => {
    process.env.UML_JOB_WRAPPER_MEM = "300M";
    try {
      assert.equal(parse("true").opts.mem, 300 * 2 ** 20);
      assert.equal(parse("--mem=2G", "true").opts.mem, 2 * 2 ** 30);
    } finally {
      delete process.env.UML_JOB_WRAPPER_MEM;
    }
  });

  it("rejects bad values and unknown options", () => {
    assert.throws(() => parse("--mem=lots", "true"), /invalid/);
    assert.throws(() => parse("--bogus", "true"), /unknown option/);
    assert.throws(() => parse("--boot-timeout=-1", "true"), /invalid/);
  });

  it("keeps raw argument and environment bytes", () => {
    const cmdline = Buffer.from("node\0/bin/ujw\0--mem=1G\0a b\0\0\xff\0", "latin1");
    assert.deepEqual(splitNul(cmdline).map((b) => b.toString("latin1")), ["node", "/bin/ujw", "--mem=1G", "a b", "", "\xff"]);
    assert.deepEqual(rawTrailingArgs(3, cmdline).map((b) => b.toString("latin1")), ["a b", "", "\xff"]);
    assert.deepEqual(rawEnvironment(Buffer.from("A=1\0junk\0B=\n\0")).map(String), ["A=1", "B=\n"]);
  });

  it("finds the mount options of the mount holding a path", () => {
    const mi = [
      "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw",
      "30 22 0:5 / /dev/shm rw,nosuid,nodev - tmpfs tmpfs rw",
      "31 22 0:6 / /tmp/no\\040exec rw,noexec - tmpfs tmpfs rw",
    ].join("\n");
    assert.ok(mountOptions("/dev/shm", mi).includes("nosuid"));
    assert.ok(mountOptions("/tmp/no exec/x", mi).includes("noexec"));
    assert.ok(!mountOptions("/dev/shmx", mi).includes("nosuid"));
    assert.deepEqual(mountOptions("/home", mi), ["rw", "relatime"]);
  });
});
