// Modes that keep the host's files as they are: --read-only, --writable and --sandbox, on the host's root.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { USERS, label, wrapper } from "../helpers.js";
import { workdir } from "./workdir.js";
import { fingerprint } from "./roots.js";

for (const user of USERS) {
  describe(`--read-only (${label(user)})`, () => {
    it("lets the job read the host but write only its private /tmp", async () => {
      const w = workdir(user, "/var/tmp");
      try {
        writeFileSync(`${w.dir}/existing`, "kept\n");
        spawnSync("chmod", ["666", `${w.dir}/existing`]);
        const script = [
          "cat existing",
          "echo changed > existing 2>/dev/null && echo WROTE-EXISTING",
          "touch new 2>/dev/null && echo WROTE-NEW",
          "touch /mnt/host" + w.dir + "/via-mnt 2>/dev/null && echo WROTE-VIA-MNT",
          "echo scratch > /tmp/ujw-ro-scratch && cat /tmp/ujw-ro-scratch",
        ].join("; ");
        const r = await wrapper(["--read-only", "sh", "-c", script], { user, cwd: w.dir });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.toString(), "kept\nscratch\n");
        assert.equal(readFileSync(`${w.dir}/existing`, "utf8"), "kept\n");
        assert.deepEqual(spawnSync("ls", [w.dir], { encoding: "utf8" }).stdout.trim().split("\n"), ["existing"]);
        assert.equal(spawnSync("ls", ["/tmp/ujw-ro-scratch"]).status, 2, "the guest's /tmp is not the host's");
      } finally {
        w.remove();
      }
    });

    it("refuses a working directory under the host's /tmp, which the guest's own /tmp hides", async () => {
      const r = await wrapper(["--read-only", "true"], { user, cwd: "/tmp" });
      assert.equal(r.code, 125);
      assert.match(r.stderr, /^uml-job-wrapper: with --read-only the guest has its own \/tmp/);
    });
  });
}

for (const user of USERS) {
  describe(`--writable (${label(user)})`, () => {
    it("leaves only the named host directories writable, under /tmp too", async () => {
      const w = workdir(user); // under the host's /tmp, which the guest's own /tmp would hide
      const other = workdir(user, "/var/tmp");
      try {
        const script = `echo kept > result && { touch ${other.dir}/no 2>/dev/null || echo elsewhere-read-only; } && pwd`;
        const r = await wrapper([`--writable=${w.dir}`, "sh", "-c", script], { user, cwd: w.dir });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.toString(), `elsewhere-read-only\n${w.dir}\n`);
        assert.equal(readFileSync(`${w.dir}/result`, "utf8"), "kept\n");
        assert.equal(spawnSync("ls", ["-A", other.dir], { encoding: "utf8" }).stdout, "");
      } finally {
        w.remove();
        other.remove();
      }
    });
  });

  describe(`--sandbox (${label(user)})`, () => {
    it("lets the job write, delete and rename anywhere it could, and the host keeps nothing", async () => {
      const w = workdir(user);
      try {
        writeFileSync(`${w.dir}/existing`, "kept\n");
        writeFileSync(`${w.dir}/a`, "a\n");
        spawnSync("chmod", ["666", `${w.dir}/existing`, `${w.dir}/a`]);
        const before = spawnSync("ls", ["-la", w.dir], { encoding: "utf8" }).stdout;
        const script = "echo new > created && echo changed >> existing && rm a && mkdir d && mv created d/moved && ls && cat existing d/moved";
        const r = await wrapper(["--sandbox", "sh", "-c", script], { user, cwd: w.dir });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.toString(), "d\nexisting\nkept\nchanged\nnew\n");
        assert.equal(spawnSync("ls", ["-la", w.dir], { encoding: "utf8" }).stdout, before);
        assert.equal(readFileSync(`${w.dir}/existing`, "utf8"), "kept\n");
      } finally {
        w.remove();
      }
    });

    it("--sandbox-keep saves exactly the changes, deletions and renames as OCI whiteouts", async () => {
      const w = workdir(user);
      const keep = `${w.dir}-keep`;
      try {
        for (const f of ["existing", "a", "old"]) writeFileSync(`${w.dir}/${f}`, `${f}\n`);
        spawnSync("chmod", ["666", `${w.dir}/existing`, `${w.dir}/a`, `${w.dir}/old`]);
        const before = fingerprint(w.dir);
        const script = "echo changed >> existing && rm a && mv old renamed && mkdir d && echo new > d/new && ln -s existing link";
        const r = await wrapper([`--sandbox-keep=${keep}`, "sh", "-c", script], { user, cwd: w.dir });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(fingerprint(w.dir), before);
        const kept = spawnSync("find", [".", "!", "-type", "d"], { cwd: `${keep}${w.dir}`, encoding: "utf8" }).stdout.trim().split("\n").sort();
        assert.deepEqual(kept, ["./.wh.a", "./.wh.old", "./d/new", "./existing", "./link", "./renamed"]);
        assert.equal(readFileSync(`${keep}${w.dir}/existing`, "utf8"), "existing\nchanged\n");
        assert.equal(spawnSync("readlink", [`${keep}${w.dir}/link`], { encoding: "utf8" }).stdout, "existing\n");
        const top = spawnSync("find", [keep, "-maxdepth", "1", "-mindepth", "1"], { encoding: "utf8" }).stdout.trim();
        assert.equal(top, `${keep}/tmp`, "nothing but the job's changes");
      } finally {
        w.remove();
        spawnSync("rm", ["-rf", keep]);
      }
    });
  });
}
