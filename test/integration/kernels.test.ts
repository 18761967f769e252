// `kernel install|list|use`: a real Debian kernel (trixie's, Linux 6.12) fetched from the machine's
// configured mirror into a scratch per-user cache, then used for jobs, --sandbox included, as each user.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { download } from "../../src/kernel/debian/download.js";
import { debianArchive, readAptSources } from "../../src/kernel/debian/sources.js";
import { USERS, label, wrapper, type CallOptions } from "../helpers.js";
import { workdir } from "./workdir.js";

const archive = debianArchive(readAptSources());
const skip = !archive && "no Debian mirror in apt's sources";

/** A scratch home for the wrapper's per-user cache and config, owned by user. */
function scratchUser(user: string | null): { env: NodeJS.ProcessEnv; remove: () => void } {
  const w = workdir(user, "/var/tmp");
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: join(w.dir, "cache"), XDG_CONFIG_HOME: join(w.dir, "config") };
  delete env.UML_JOB_WRAPPER_KERNEL;
  return { env, remove: w.remove };
}

for (const user of USERS) {
  describe(`kernel install|list|use (${label(user)})`, { skip }, () => {
    const home = scratchUser(user);
    after(home.remove);
    const call = (args: string[], o: CallOptions = {}) => wrapper(args, { user, env: home.env, ...o });
    let release = "";

    it("installs trixie's kernel, verified, into the per-user cache, and test-boots it", async () => {
      const r = await call(["kernel", "install", "trixie"]);
      assert.equal(r.code, 0, r.stderr);
      release = /installed: Linux (6\.12\.\d+) at /.exec(r.stderr)?.[1] ?? "";
      assert.ok(release, r.stderr);
      assert.match(r.stderr, /test boot of Linux 6\.12/);
      const again = await call(["kernel", "install", "trixie"]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stderr, /already installed: Linux 6\.12/);
    });

    it("lists it with where it came from, as the default (the newest)", async () => {
      const kernel = `${home.env.XDG_CACHE_HOME}/uml-job-wrapper/kernels/${release}/usr/bin/linux.uml`;
      const r = await call(["kernel", "list"]);
      assert.equal(r.code, 0, r.stderr);
      const out = r.stdout.toString();
      assert.match(out, new RegExp(`^\\*\\s+${release}\\s+${kernel}\\s+Debian trixie, user-mode-linux 6\\.12`, "m"));
      assert.match(out, /^\s+6\.1\.\d+\s+\/usr\/bin\/linux\.uml\s+system$/m);
      assert.match(out, new RegExp(`^default: ${kernel} \\(the newest kernel installed\\)$`, "m"));
    });

    it("runs jobs on it, chosen by `kernel use`, and passes their exit codes through", async () => {
      assert.equal((await call(["kernel", "use", "system"])).code, 0);
      assert.match((await call(["uname", "-r"])).stdout.toString(), /^6\.1\./);
      const use = await call(["kernel", "use", "trixie"]);
      assert.equal(use.code, 0, use.stderr);
      assert.match(use.stderr, new RegExp(`default kernel: ${release} \\(recorded in .*config\\.json\\)`));
      const r = await call(["sh", "-c", "uname -r; exit 7"]);
      assert.equal(r.code, 7, r.stderr);
      assert.equal(r.stdout.toString(), `${release}\n`);
      const forced = await call(["--kernel=/usr/bin/linux.uml", "uname", "-r"]);
      assert.match(forced.stdout.toString(), /^6\.1\./, "--kernel wins over `kernel use`");
    });

    it("loads its own overlay module for --sandbox", async () => {
      const w = workdir(user);
      try {
        const r = await call(["--sandbox", "sh", "-c", "uname -r && echo new > created && cat created"], { cwd: w.dir });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.toString(), `${release}\nnew\n`);
        assert.equal(spawnSync("ls", ["-A", w.dir], { encoding: "utf8" }).stdout, "");
      } finally {
        w.remove();
      }
    });
  });
}

describe("kernel install failures", { skip, concurrency: 3 }, () => {
  const home = scratchUser(null);
  after(home.remove);
  const install = (suite: string, mirror?: string) =>
    wrapper(["kernel", "install", suite], { env: { ...home.env, ...(mirror ? { UML_JOB_WRAPPER_MIRROR: mirror } : {}) } });
  const lastLine = (stderr: string) => stderr.trim().split("\n").pop();

  it("an unreachable mirror", async () => {
    const r = await install("trixie", "http://127.0.0.1:47/debian");
    assert.equal(r.code, 125);
    assert.match(lastLine(r.stderr)!, /^uml-job-wrapper: cannot download http:\/\/127\.0\.0\.1:47\/debian\/dists\/trixie\/InRelease: .*ECONNREFUSED/);
  });

  it("a suite without the package", async () => {
    const r = await install(`${archive!.suite}-updates`);
    assert.equal(r.code, 125);
    assert.match(lastLine(r.stderr)!, /^uml-job-wrapper: Debian \S+-updates has no user-mode-linux package for \w+$/);
  });

  it("bad subcommand use, and a kernel name not installed", async () => {
    for (const args of [["kernel", "use"], ["kernel", "install", "a", "b"], ["kernel", "bogus"]]) {
      const r = await wrapper(args, { env: home.env });
      assert.equal(r.code, 125, args.join(" "));
      assert.match(r.stderr, /^uml-job-wrapper: [^\n]+\n$/);
    }
    const r = await wrapper(["kernel", "use", "9.9.9"], { env: home.env });
    assert.equal(r.code, 125);
    assert.match(r.stderr, /^uml-job-wrapper: no installed kernel is called 9\.9\.9: /);
  });

  it("a tampered InRelease", async () => {
    const mirror = join(home.env.XDG_CACHE_HOME!, "..", "mirror");
    mkdirSync(join(mirror, "dists", "trixie"), { recursive: true });
    const signed = (await download(`${archive!.uri}/dists/trixie/InRelease`)).toString();
    writeFileSync(join(mirror, "dists", "trixie", "InRelease"), signed.replace(/^(Suite: \w+)/m, "$1x"));
    assert.ok(readFileSync(join(mirror, "dists", "trixie", "InRelease")).length > 1000);
    const r = await install("trixie", `file://${mirror}`);
    assert.equal(r.code, 125);
    assert.match(lastLine(r.stderr)!, /^uml-job-wrapper: file:\S+ is not signed by Debian's archive keys \(a bad signature\): refusing it$/);
  });
});
