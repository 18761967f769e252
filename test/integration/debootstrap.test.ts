// The slow group: a real Debian userland of another release (debootstrap --variant=minbase trixie, from
// the mirror this machine's apt uses) as --rootfs. Needs root (debootstrap does) and the Debian archive.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { findDebianArchive } from "../../src/kernel/debian/sources.js";
import { USERS, isRoot, label, wrapper } from "../helpers.js";
import { fingerprint } from "./roots.js";
import { workdir } from "./workdir.js";

const SUITE = "trixie";

let root: string;
let base: string;

describe(`--rootfs on a debootstrap'd Debian ${SUITE} (slow)`, { skip: (!isRoot && "debootstrap needs root") || (!existsSync("/usr/sbin/debootstrap") && "debootstrap is not installed"), timeout: 900000 }, () => {
  before(() => {
    const uri = findDebianArchive().uri; // the mirror this machine's apt uses, as `kernel install` finds it
    base = mkdtempSync("/var/tmp/ujw-debootstrap-");
    chmodSync(base, 0o755); // the test user's jobs boot it too
    root = join(base, SUITE);
    const r = spawnSync("debootstrap", ["--variant=minbase", SUITE, root, uri], { encoding: "utf8", timeout: 600000 });
    assert.equal(r.status, 0, `debootstrap failed:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  for (const user of USERS)
    it(`runs the job on ${SUITE}'s userland, in the host's directory, as the caller (${label(user)})`, async () => {
      const w = workdir(user);
      try {
        writeFileSync(join(w.dir, "input"), "from the host\n");
        const before = fingerprint(root);
        const script = ". /etc/os-release; echo $VERSION_CODENAME; ldd --version | head -1 | grep -o '[0-9.]*$'; pwd; cat input; id -un; echo out > output; ls -l output | cut -d' ' -f3; touch /usr/bin/ujw 2>/dev/null; echo done";
        const r = await wrapper([`--rootfs=${root}`, "bash", "-c", script], { user, cwd: w.dir });
        assert.equal(r.code, 0, r.stderr);
        const [codename, glibc, pwd, input, name, owner, done] = r.stdout.toString().trim().split("\n");
        const me = spawnSync("id", ["-un", ...(user ? [user] : [])], { encoding: "utf8" }).stdout.trim();
        assert.deepEqual([codename, pwd, input, name, owner, done], [SUITE, w.dir, "from the host", me, me, "done"]);
        const hostGlibc = /[\d.]+$/.exec(spawnSync("ldd", ["--version"], { encoding: "utf8" }).stdout.split("\n")[0]!)![0];
        assert.ok(Number(glibc!.split(".")[1]) > Number(hostGlibc.split(".")[1]), `guest glibc ${glibc} is newer than the host's ${hostGlibc}`);
        assert.equal(readFileSync(join(w.dir, "output"), "utf8"), "out\n");
        assert.equal(fingerprint(root), before, "the debootstrap tree is unchanged");
      } finally {
        w.remove();
      }
    });
});
