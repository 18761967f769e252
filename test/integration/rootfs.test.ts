// --rootfs: jobs on another userland (directory, ext4 image, tarballs, OCI and docker-save archives),
// with the working directory at its host path and the root source left exactly as it was.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { after, before, describe, it } from "node:test";
import { join } from "node:path";
import { USERS, isRoot, label, userIds, wrapper } from "../helpers.js";
import { MARKER, buildRoots, busyboxTree, fingerprint, type Roots } from "./roots.js";
import { workdir } from "./workdir.js";

let roots: Roots;
before(() => (roots = buildRoots()));
after(() => roots.remove());

/** A private cache for the user's imports. */
function cacheFor(user: string | null): NodeJS.ProcessEnv {
  const dir = join(roots.base, `cache-${user ?? "self"}`);
  mkdirSync(dir, { recursive: true });
  if (user) spawnSync("chown", [`${user}:`, dir]);
  return { ...process.env, XDG_CACHE_HOME: dir };
}

const CHECKS = [
  "cat /etc/marker",
  "test -e /etc/debian_version && echo HOST-USERLAND",
  "pwd",
  "cat input",
  "echo written > output",
  "whoami",
  "ls -l output | sed 's/  */ /g' | cut -d' ' -f3",
  'test -d "$HOME" && echo home',
  "test -s /mnt/host/etc/debian_version && echo host-at-mnt",
  "echo scratch > /tmp/t && cat /tmp/t",
  "test -r /proc/self/status && test -c /dev/null && test -d /sys/kernel && echo proc-dev-sys",
  "{ echo changed > /etc/marker; touch /etc/new; } 2>/dev/null; echo end", // a root's own files may be root's
].join("; ");

async function runChecks(source: string, user: string | null): Promise<void> {
  const w = workdir(user);
  try {
    writeFileSync(`${w.dir}/input`, "from the host\n");
    const name = spawnSync("id", ["-un", ...(user ? [user] : [])], { encoding: "utf8" }).stdout.trim();
    const r = await wrapper([`--rootfs=${source}`, "sh", "-c", CHECKS], { user, cwd: w.dir, env: cacheFor(user) });
    assert.equal(r.code, 0, r.stderr);
    const expected = [MARKER.trim(), w.dir, "from the host", name, name, "home", "host-at-mnt", "scratch", "proc-dev-sys", "end"];
    assert.deepEqual(r.stdout.toString().trim().split("\n"), expected);
    assert.equal(readFileSync(`${w.dir}/output`, "utf8"), "written\n");
    const st = spawnSync("stat", ["-c", "%u", `${w.dir}/output`], { encoding: "utf8" }).stdout.trim();
    assert.equal(Number(st), userIds(user).uid, "the job's files belong to the caller");
  } finally {
    w.remove();
  }
}

for (const user of USERS) {
  describe(`--rootfs (${label(user)})`, () => {
    for (const kind of ["dir", "image", "tarGz"] as const) {
      it(`runs the job on a busybox root given as ${kind === "dir" ? "a directory" : kind === "image" ? "an ext4 image" : "a .tar.gz"}, and leaves the source unchanged`, async () => {
        const source = roots[kind];
        const before = fingerprint(source);
        await runChecks(source, user);
        await runChecks(source, user); // a second run finds the first one's changes gone
        assert.equal(fingerprint(source), before);
      });
    }

    it("boots a root that holds nothing but one static binary", async () => {
      const before = fingerprint(roots.single);
      const r = await wrapper([`--rootfs=${roots.single}`, "/busybox", "sh", "-c", "/busybox id -un; /busybox ls /"], { user });
      assert.equal(r.code, 0, r.stderr);
      const [name, ...entries] = r.stdout.toString().trim().split("\n");
      assert.equal(name, spawnSync("id", ["-un", ...(user ? [user] : [])], { encoding: "utf8" }).stdout.trim());
      assert.ok(entries.includes("busybox") && entries.includes("proc"), entries.join(" "));
      assert.equal(fingerprint(roots.single), before);
    });
  });
}

describe("--rootfs archives", () => {
  for (const kind of ["tarXz", "tarZst"] as const)
    it(`imports a ${kind === "tarXz" ? ".tar.xz" : ".tar.zst"} once and runs on it`, async (t) => {
      const source = roots[kind];
      if (!source) return t.skip("zstd is not installed");
      const env = { ...process.env, XDG_CACHE_HOME: join(roots.base, `cache-${kind}`) };
      for (let run = 0; run < 2; run++) {
        const r = await wrapper([`--rootfs=${source}`, "cat", "/etc/marker"], { env });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.toString(), MARKER);
      }
      const listed = (await wrapper(["rootfs", "list"], { env })).stdout.toString();
      assert.equal(listed.split("\n").filter(Boolean).length, 1, listed);
    });

  for (const kind of ["oci", "docker"] as const)
    it(`applies the layers of ${kind === "oci" ? "an OCI image layout" : "a docker-save"} archive in order, whiteouts honoured`, async () => {
      const script = "cat /etc/marker /etc/layered; ls /etc/opaque; test -e /etc/gone || echo gone-is-gone";
      const r = await wrapper([`--rootfs=${roots[kind]}`, "sh", "-c", script], { env: cacheFor(null) });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.toString(), `${MARKER}yes\nnew\ngone-is-gone\n`);
    });

  it("rootfs import, list and rm manage the cache; a run uses an import by name", async () => {
    const env = { ...process.env, XDG_CACHE_HOME: join(roots.base, "cache-commands") };
    const imported = await wrapper(["rootfs", "import", "--name", "bb", roots.tarGz], { env });
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout.toString(), /^bb\t\/.*\/uml-job-wrapper\/rootfs\/bb\/root\n$/);
    const listed = await wrapper(["rootfs", "list"], { env });
    assert.match(listed.stdout.toString(), new RegExp(`^bb\ttarball\t.*\t${roots.tarGz} \\(`));
    const ran = await wrapper(["--rootfs=bb", "cat", "/etc/marker"], { env });
    assert.equal(ran.stdout.toString(), MARKER);
    const again = await wrapper(["rootfs", "import", "--name", "bb", roots.tarGz], { env });
    assert.equal(again.code, 125);
    assert.match(again.stderr, /^uml-job-wrapper: an imported root file system is already called 'bb'/);
    assert.equal((await wrapper(["rootfs", "rm", "bb"], { env })).code, 0);
    assert.equal((await wrapper(["rootfs", "list"], { env })).stdout.toString(), "");
    const gone = await wrapper(["--rootfs=bb", "true"], { env });
    assert.equal(gone.code, 125);
    assert.match(gone.stderr, /^uml-job-wrapper: --rootfs bb is not usable: no such file or directory \(and no imported root file system has that name/);
  });
});

for (const user of USERS) {
  describe(`--rootfs with --sandbox and --read-only (${label(user)})`, () => {
    it("--sandbox-keep: the host keeps nothing, the keep directory holds exactly the changes", async () => {
      const w = workdir(user);
      const keep = join(w.dir, "..", `${w.dir.split("/").pop()}-keep`);
      try {
        for (const f of ["existing", "doomed"]) writeFileSync(join(w.dir, f), `${f}\n`);
        spawnSync("chmod", ["666", join(w.dir, "existing"), join(w.dir, "doomed")]);
        const before = fingerprint(w.dir);
        const script = "echo more >> existing; rm doomed; echo new > created; touch /mnt/host/etc/ujw-nope 2>/dev/null || echo host-read-only";
        const r = await wrapper([`--rootfs=${roots.dir}`, `--sandbox-keep=${keep}`, "sh", "-c", script], { user, cwd: w.dir });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.toString(), "host-read-only\n");
        assert.equal(fingerprint(w.dir), before);
        const kept = spawnSync("find", [".", "-type", "f"], { cwd: join(keep, w.dir), encoding: "utf8" }).stdout.trim().split("\n").sort();
        assert.deepEqual(kept, ["./.wh.doomed", "./created", "./existing"]);
        assert.equal(readFileSync(join(keep, w.dir, "existing"), "utf8"), "existing\nmore\n");
      } finally {
        w.remove();
        spawnSync("rm", ["-rf", keep]);
      }
    });

    it("--bind shows a host directory at another path in the root, writable as on the host", async () => {
      const w = workdir(user);
      const data = workdir(user);
      try {
        writeFileSync(join(data.dir, "in"), "bound\n");
        const r = await wrapper([`--rootfs=${roots.dir}`, `--bind=${data.dir}:/data`, "sh", "-c", "cat /data/in; echo out > /data/out"], { user, cwd: w.dir });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.toString(), "bound\n");
        assert.equal(readFileSync(join(data.dir, "out"), "utf8"), "out\n");
      } finally {
        w.remove();
        data.remove();
      }
    });

    it("--read-only: the job writes only its own /tmp", async () => {
      const w = workdir(user);
      try {
        const script = "touch here 2>/dev/null || echo cwd-ro; touch /etc/x 2>/dev/null || echo root-ro; touch /tmp/x && echo tmp-rw";
        const r = await wrapper([`--rootfs=${roots.dir}`, "--read-only", "sh", "-c", script], { user, cwd: w.dir });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.toString(), "cwd-ro\nroot-ro\ntmp-rw\n");
        assert.equal(spawnSync("ls", ["-A", w.dir], { encoding: "utf8" }).stdout, "");
      } finally {
        w.remove();
      }
    });
  });
}

describe("--rootfs-writable", () => {
  it("lets the job change an ext4 image itself", async () => {
    const image = join(roots.base, "writable.ext4");
    spawnSync("cp", [roots.image, image]);
    const r = await wrapper([`--rootfs=${image}`, "--rootfs-writable", "sh", "-c", "echo kept > /etc/kept"]);
    assert.equal(r.code, 0, r.stderr);
    const read = await wrapper([`--rootfs=${image}`, "cat", "/etc/kept"]);
    assert.equal(read.stdout.toString(), "kept\n");
  });

  for (const [args, pattern] of [
    [["--rootfs-writable", "true"], /--rootfs-writable needs --rootfs/],
    [["--bind=/tmp:/data", "true"], /--bind needs --rootfs/],
    [["--rootfs=/tmp", "--bind=/tmp", "true"], /--bind \/tmp: expected HOST:GUEST/],
    [[`--rootfs=/etc/hostname`, "true"], /--rootfs \/etc\/hostname is neither a directory, an ext2\/3\/4 image nor a tar archive/],
    [["--rootfs=/no/such/root", "true"], /--rootfs \/no\/such\/root is not usable: no such file or directory/],
    [["--rootfs=/tmp", "--rootfs-writable", "--sandbox", "true"], /--rootfs-writable lets the job change the root file system: it does not go with --read-only or --sandbox/],
    [["--sandbox-keep=/etc", "true"], /--sandbox-keep \/etc is not empty/],
  ] as Array<[string[], RegExp]>)
    it(`refuses ${args.slice(0, -1).join(" ")} with one line and 125`, async () => {
      const r = await wrapper(args);
      assert.equal(r.code, 125);
      assert.match(r.stderr, new RegExp(`^uml-job-wrapper: ${pattern.source}[^\n]*\n$`));
    });
});

describe("hostfs confinement", { skip: !isRoot && "only guest root can try to mount" }, () => {
  it("confines a foreign root's hostfs to the directories the job uses (hostfs=), so guest root cannot mount the host's /etc", async () => {
    // The run directory, the root and the working directory share a parent: the one runs are kept in.
    const base = mkdtempSync(join(process.env.XDG_RUNTIME_DIR || tmpdir(), "ujw-confined-"));
    try {
      busyboxTree(join(base, "root"));
      mkdirSync(join(base, "work"));
      const script = "mkdir -p /x; mount -t hostfs none /x -o /etc 2>/dev/null && ls /x/passwd || echo refused; pwd";
      const r = await wrapper([`--rootfs=${join(base, "root")}`, "--host-mount=none", "sh", "-c", script], { cwd: join(base, "work") });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.toString(), `refused\n${join(base, "work")}\n`);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
