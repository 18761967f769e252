import assert from "node:assert/strict";
import { chmodSync, writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { USERS, label, wrapper } from "../helpers.js";
import { workdir } from "./workdir.js";

for (const user of USERS) {
  describe(`exit codes (${label(user)})`, { concurrency: 3 }, () => {
    for (const status of [0, 3, 255]) {
      it(`returns the job's own status ${status}`, async () => {
        const r = await wrapper(["sh", "-c", `exit ${status}`], { user });
        assert.equal(r.code, status, r.stderr);
      });
    }

    it("returns 128+N when the job dies of signal N", async () => {
      assert.equal((await wrapper(["sh", "-c", "kill -KILL $$"], { user })).code, 137);
      assert.equal((await wrapper(["sh", "-c", "kill -TERM $$"], { user })).code, 143);
    });

    it("returns 127 with a one-line message for a command that does not exist", async () => {
      const r = await wrapper(["no-such-command-ujw"], { user });
      assert.equal(r.code, 127);
      assert.equal(r.stderr, "uml-job-wrapper: no-such-command-ujw: No such file or directory\n");
    });

    it("returns 126 for a command that is not executable", async () => {
      const w = workdir(user);
      try {
        writeFileSync(`${w.dir}/script`, "echo never\n");
        chmodSync(`${w.dir}/script`, 0o644);
        const r = await wrapper([`${w.dir}/script`], { user });
        assert.equal(r.code, 126);
        assert.equal(r.stderr, `uml-job-wrapper: ${w.dir}/script: Permission denied\n`);
        assert.equal((await wrapper(["/tmp"], { user })).code, 126);
      } finally {
        w.remove();
      }
    });

    it("runs a script without #! through /bin/sh, as execvp does", async () => {
      const w = workdir(user);
      try {
        writeFileSync(`${w.dir}/script`, "echo via-sh \"$1\"\n");
        chmodSync(`${w.dir}/script`, 0o755);
        const r = await wrapper(["script", "arg"], { user, env: { ...process.env, PATH: `${w.dir}:/usr/bin:/bin` } });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.toString(), "via-sh arg\n");
      } finally {
        w.remove();
      }
    });
  });
}
