// The behaviours of the original job wrapper, each checked on a real UML guest, as root and as an
// unprivileged user.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { TEST_USER, USERS, isRoot, label, umlProcesses, userIds, wrapper } from "../helpers.js";
import { workdir } from "./workdir.js";

const hostKernel = spawnSync("uname", ["-r"], { encoding: "utf8" }).stdout.trim();

for (const user of USERS) {
  describe(`the job runs as if on the host (${label(user)})`, { concurrency: 3 }, () => {
    it("boots a UML kernel of its own with our agent as PID 1", async () => {
      const r = await wrapper(["sh", "-c", "uname -r; grep -m1 -i 'model name' /proc/cpuinfo; cat /proc/1/cmdline"], { user });
      assert.equal(r.code, 0, r.stderr);
      const [release, cpu, init] = r.stdout.toString().split("\n");
      assert.notEqual(release, hostKernel);
      assert.match(cpu!, /UML/);
      assert.equal(init!.split("\0")[0], "/init");
    });

    it("shows the host file system at /mnt/host", async () => {
      const r = await wrapper(["cat", "/mnt/host/etc/hostname"], { user });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.toString(), readFileSync("/etc/hostname", "utf8"));
    });

    it("passes every byte of arguments and environment unchanged", async () => {
      // printf builds bytes that are not UTF-8; the job prints each argument NUL-terminated.
      const r = await wrapper([], {
        user,
        shell: `V=$(printf 'x\\377\\nq"$y') exec "$@" -- sh -c 'printf "%s\\0" "$@"; printf "%s" "$V"' job "a b" "" "it's" "$(printf 'nl\\nx')" "$(printf '\\200\\376')"`,
      });
      assert.equal(r.code, 0, r.stderr);
      const expected = Buffer.concat([
        Buffer.from("a b\0\0it's\0nl\nx\0", "latin1"),
        Buffer.from([0x80, 0xfe, 0]),
        Buffer.from('x\xff\nq"$y', "latin1"),
      ]);
      assert.deepEqual(r.stdout, expected);
    });

    it("keeps the working directory, uid, gid, groups and umask", async () => {
      const w = workdir(user);
      try {
        const ids = userIds(user);
        const r = await wrapper([], { user, cwd: w.dir, shell: 'umask 027; exec "$@" -- sh -c "pwd; id -u; id -g; id -G; umask"' });
        assert.equal(r.code, 0, r.stderr);
        const [pwd, uid, gid, groups, umask] = r.stdout.toString().trim().split("\n");
        assert.equal(pwd, w.dir);
        assert.equal(Number(uid), ids.uid);
        assert.equal(Number(gid), ids.gid);
        assert.deepEqual(groups!.split(" ").map(Number).sort(), [...ids.groups].sort());
        assert.equal(umask, "0027");
      } finally {
        w.remove();
      }
    });

    it("writes host files, owned by the caller", async () => {
      const w = workdir(user);
      try {
        writeFileSync(`${w.dir}/existing`, "old\n");
        spawnSync("chmod", ["666", `${w.dir}/existing`]);
        const r = await wrapper(["sh", "-c", "echo new > created && echo more >> existing && mkdir sub"], { user, cwd: w.dir });
        assert.equal(r.code, 0, r.stderr);
        const ids = userIds(user);
        assert.equal(readFileSync(`${w.dir}/created`, "utf8"), "new\n");
        assert.equal(readFileSync(`${w.dir}/existing`, "utf8"), "old\nmore\n");
        for (const f of ["created", "sub"]) {
          const st = statSync(`${w.dir}/${f}`);
          assert.equal(st.uid, ids.uid, f);
          assert.equal(st.gid, ids.gid, f);
        }
      } finally {
        w.remove();
      }
    });

    it("shows --link directories at the same path", async () => {
      const w = workdir(user);
      try {
        writeFileSync(`${w.dir}/marker`, "linked\n");
        const r = await wrapper([`--link=${w.dir}`, "cat", `${w.dir}/marker`], { user });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.toString(), "linked\n");
      } finally {
        w.remove();
      }
    });

    it("streams stdout and stderr apart, live, with no kernel messages", async () => {
      const r = await wrapper(["sh", "-c", "echo out1; echo err1 >&2; echo out2; echo err2 >&2"], { user });
      assert.equal(r.code, 0);
      assert.equal(r.stdout.toString(), "out1\nout2\n");
      assert.equal(r.stderr, "err1\nerr2\n");
      const quiet = await wrapper(["true"], { user });
      assert.equal(quiet.stdout.length + quiet.stderr.length, 0, quiet.stderr);
    });

    it("forwards stdin with its EOF", async () => {
      const input = Buffer.alloc(300 * 1024, "abcdefghijklmnopqrstuvwxyz\n");
      const r = await wrapper(["sh", "-c", "wc -c; echo after-eof"], { user, input });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.toString(), `${input.length}\nafter-eof\n`);
      const empty = await wrapper(["cat"], { user, input: "" });
      assert.equal(empty.code, 0);
      assert.equal(empty.stdout.length, 0);
    });

    it("sizes guest memory with --mem, from the environment too", async () => {
      const memTotal = (out: Buffer) => Number(/MemTotal:\s+(\d+)/.exec(out.toString())![1]) * 1024;
      const r = await wrapper(["--mem=100M", "cat", "/proc/meminfo"], { user });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(memTotal(r.stdout) > 64 * 2 ** 20 && memTotal(r.stdout) <= 100 * 2 ** 20, `${memTotal(r.stdout)}`);
      const env = { ...process.env, UML_JOB_WRAPPER_MEM: "200M" };
      const fromEnv = await wrapper(["cat", "/proc/meminfo"], { user, env });
      assert.ok(memTotal(fromEnv.stdout) > 150 * 2 ** 20 && memTotal(fromEnv.stdout) <= 200 * 2 ** 20);
      const cliWins = await wrapper(["--mem=100M", "cat", "/proc/meminfo"], { user, env });
      assert.ok(memTotal(cliWins.stdout) <= 100 * 2 ** 20);
    });

    it("adds a swap area with --swap", async () => {
      const r = await wrapper(["--swap=64M", "cat", "/proc/swaps"], { user });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout.toString(), /\/dev\/ubdb\s+\S+\s+65532\b/);
    });

    it("shows the guest console on stderr with --echo, and only then", async () => {
      const r = await wrapper(["--echo", "echo", "job-output"], { user });
      assert.equal(r.code, 0);
      assert.equal(r.stdout.toString(), "job-output\n");
      assert.match(r.stderr, /Linux version/);
      const env = { ...process.env, UML_JOB_WRAPPER_ECHO: "1" };
      assert.match((await wrapper(["true"], { user, env })).stderr, /Linux version/);
      const off = { ...process.env, UML_JOB_WRAPPER_ECHO: "0" };
      assert.equal((await wrapper(["true"], { user, env: off })).stderr, "");
    });

    it("runs $SHELL when no command is given", async () => {
      const r = await wrapper([], { user, input: "echo from-shell $((6*7))\n", env: { ...process.env, SHELL: "/bin/sh" } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.toString(), "from-shell 42\n");
    });
  });
}

describe("root running a job for another user", { skip: !isRoot && "needs root" }, () => {
  it("drops to that user before booting: their ids, their files, their HOME", async () => {
    const w = workdir(TEST_USER);
    try {
      const ids = userIds(TEST_USER);
      const r = await wrapper([`--user=${TEST_USER}`, "sh", "-c", 'id -u; id -g; id -G; echo "$USER $HOME"; echo x > made'], { cwd: w.dir });
      assert.equal(r.code, 0, r.stderr);
      const [uid, gid, groups, names] = r.stdout.toString().trim().split("\n");
      assert.equal(Number(uid), ids.uid);
      assert.equal(Number(gid), ids.gid);
      assert.deepEqual(groups!.split(" ").map(Number).sort(), [...ids.groups].sort());
      assert.equal(names, `${TEST_USER} /home/${TEST_USER}`);
      assert.equal(statSync(`${w.dir}/made`).uid, ids.uid);
      assert.equal(umlProcesses().filter((p) => p.includes("uml-job-wrapper-0/")).length, 0);
    } finally {
      w.remove();
    }
  });

  it("is refused to anyone but root", { skip: !isRoot && "needs root to switch users" }, async () => {
    const r = await wrapper(["--user=root", "id"], { user: TEST_USER });
    assert.equal(r.code, 125);
    assert.equal(r.stderr, "uml-job-wrapper: only root can run a job as another user\n");
  });
});

describe("host mounts stay where they are", { skip: !isRoot && "needs root to create a directory in /mnt" }, () => {
  it("keeps the host's own /mnt entries visible beside /mnt/host", async () => {
    const dir = `/mnt/ujw-test-${process.pid}`;
    mkdirSync(dir);
    try {
      writeFileSync(`${dir}/f`, "in mnt\n");
      const r = await wrapper(["sh", "-c", `cat ${dir}/f; ls -d /mnt/host/etc`]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.toString(), "in mnt\n/mnt/host/etc\n");
    } finally {
      spawnSync("rm", ["-rf", dir]);
    }
    assert.throws(() => rmdirSync(dir));
  });
});

