// uml-job-wrapper under a real single-node Slurm (started and stopped here, as root).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ROOT, TEST_USER, isRoot, umlProcesses, wrapperPath } from "../helpers.js";
import { MARKER, busyboxTree } from "../integration/roots.js";

const lab = join(tmpdir(), `ujw-slurm-${process.pid}`);
const env = { ...process.env, SLURMLAB: lab, SLURMLAB_CPUS: "8", SLURM_CONF: `${lab}/etc/slurm.conf` };
const script = `${ROOT}test/slurm/slurm-local.sh`;
let work: string;
let guestRelease: string;

function sh(cmd: string, options: { user?: string; timeout?: number } = {}): Promise<{ code: number | null; out: string; err: string }> {
  const argv = options.user ? ["/usr/sbin/runuser", "-u", options.user, "--", "env", `SLURM_CONF=${env.SLURM_CONF}`, "sh", "-c", cmd] : ["sh", "-c", cmd];
  const child = spawn(argv[0]!, argv.slice(1), { env, cwd: work, timeout: options.timeout ?? 180000 });
  let out = "";
  let err = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (err += c));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

/** A batch script that execs the wrapper, as a user would write it (after saying the wrapper's pid). */
function batchScript(name: string, job: string): string {
  const file = join(work, name);
  writeFileSync(file, `#!/bin/sh\necho "wrapper-pid $$"\nexec ${wrapperPath(null)} -- sh -c '${job}'\n`);
  chmodSync(file, 0o755);
  return file;
}

async function waitForFile(path: string, pattern: RegExp, ms = 60000): Promise<string> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
    try {
      const text = readFileSync(path, "utf8");
      if (pattern.test(text)) return text;
    } catch {
      // not there yet
    }
  }
  throw new Error(`${path} never showed ${pattern}`);
}

const W = () => wrapperPath(null);

describe("Slurm", { skip: !isRoot && "starting Slurm needs root", concurrency: 4, timeout: 600000 }, () => {
  before(() => {
    work = mkdtempSync(join(tmpdir(), "ujw-slurm-work-"));
    chmodSync(work, 0o777);
    // The shipped oci.conf, pointed at this checkout's wrapper.
    mkdirSync(`${lab}/etc`, { recursive: true });
    const ociConf = readFileSync(`${ROOT}examples/slurm/oci.conf`, "utf8").replaceAll("/usr/local/bin/uml-job-wrapper", W());
    writeFileSync(`${lab}/etc/oci.conf`, ociConf);
    cpSync(`${ROOT}examples/slurm/host-bundle`, `${work}/bundle`, { recursive: true, verbatimSymlinks: true });
    chmodSync(`${work}/bundle`, 0o755);
    // The release of the kernel the wrapper boots by default (the newest installed one), for the checks.
    guestRelease = spawnSync(W(), ["uname", "-r"], { env, encoding: "utf8" }).stdout.trim();
    assert.match(guestRelease, /^\d+\.\d+\.\d+/);
    const up = spawnSync("bash", [script, "up"], { env, encoding: "utf8", timeout: 300000 });
    assert.equal(up.status, 0, `slurm-local.sh up failed:\n${up.stdout}\n${up.stderr}`);
  });
  after(() => {
    spawnSync("bash", [script, "purge"], { env, timeout: 120000 });
    rmSync(work, { recursive: true, force: true });
    rmSync(lab, { recursive: true, force: true });
  });

  it("srun keeps exit codes and signals", async () => {
    const ok = await sh(`srun ${W()} -- sh -c 'cat /proc/version'`);
    assert.equal(ok.code, 0, ok.err);
    assert.ok(ok.out.startsWith(`Linux version ${guestRelease} `), ok.out);
    const three = await sh(`srun ${W()} -- sh -c 'exit 3'`);
    assert.equal(three.code, 3, three.err);
    const killed = await sh(`srun ${W()} -- sh -c 'kill -9 $$'`);
    assert.equal(killed.code, 137, killed.err);
  });

  it("sbatch scripts that exec the wrapper: exit code and Slurm's output file", async () => {
    const file = batchScript("exit3.sh", 'echo "in the guest: $(uname -r)"; echo to-stderr >&2; exit 3');
    const r = await sh(`sbatch --wait -o ${work}/exit3.out ${file}`);
    assert.equal(r.code, 3, r.err);
    const out = readFileSync(`${work}/exit3.out`, "utf8");
    assert.match(out, /in the guest: 6\.1/);
    assert.match(out, /to-stderr/);
  });

  it("runs an unprivileged user's job as that user", async () => {
    const r = await sh(`srun ${W()} -- sh -c 'id -un; touch ${work}/by-user; stat -c %U ${work}/by-user'`, { user: TEST_USER });
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, `${TEST_USER}\n${TEST_USER}\n`);
  });

  it("runs several jobs at once on the node", async () => {
    const jobs = await Promise.all([1, 2, 3, 4].map((i) => sh(`srun ${W()} -- sh -c 'sleep 1; echo job-${i}; exit ${i}'`)));
    jobs.forEach((r, i) => {
      assert.equal(r.code, i + 1, r.err);
      assert.equal(r.out, `job-${i + 1}\n`);
    });
  });

  it("scancel reaches the job in the guest as SIGTERM and leaves nothing behind", async () => {
    const file = batchScript("cancel.sh", 'trap "echo got-TERM; exit 5" TERM; echo started; while :; do sleep 0.2; done');
    const id = (await sh(`sbatch --parsable -o ${work}/cancel.out ${file}`)).out.trim();
    const started = await waitForFile(`${work}/cancel.out`, /started/);
    const ours = () => umlProcesses().filter((p) => p.includes(`umid=ujw-${/wrapper-pid (\d+)/.exec(started)![1]}-`));
    assert.notDeepEqual(ours(), [], "the job's guest is running");
    await sh(`scancel ${id}`);
    const out = await waitForFile(`${work}/cancel.out`, /got-TERM/, 20000);
    assert.match(out, /CANCELLED/);
    for (let i = 0; i < 25 && ours().length; i++) await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(ours(), [], "the job's guest is gone");
  });

  it("Slurm's time limit reaches the job as SIGTERM", async () => {
    const file = batchScript("limit.sh", 'trap "echo got-TERM-at-limit; exit 6" TERM; echo started; while :; do sleep 0.2; done');
    const r = await sh(`sbatch --wait --time=0:05 -o ${work}/limit.out ${file}`);
    assert.notEqual(r.code, 0);
    const out = readFileSync(`${work}/limit.out`, "utf8");
    assert.match(out, /TIME LIMIT/);
    assert.match(out, /got-TERM-at-limit/);
  });

  it("runs --container jobs in UML through the OCI runtime entry (oci.conf)", async () => {
    const r = await sh(`srun --container=${work}/bundle sh -c 'cat /proc/version; pwd; exit 4'`);
    assert.equal(r.code, 4, r.err);
    const [version, pwd] = r.out.split("\n");
    assert.ok(version!.startsWith(`Linux version ${guestRelease} `), version);
    assert.notEqual(version, readFileSync("/proc/version", "utf8").trim());
    assert.equal(pwd, work);
    const user = await sh(`srun --container=${work}/bundle id -un`, { user: TEST_USER });
    assert.equal(user.code, 0, user.err);
    assert.equal(user.out, `${TEST_USER}\n`);
    // A batch script: Slurm hands over a container path that the bundle's mounts map back.
    writeFileSync(`${work}/oci-batch.sh`, "#!/bin/sh\nuname -r\npwd\nexit 3\n");
    const batch = await sh(`sbatch --wait --container=${work}/bundle -o ${work}/oci-batch.out ${work}/oci-batch.sh`);
    assert.equal(batch.code, 3, batch.err);
    const [release, where] = readFileSync(`${work}/oci-batch.out`, "utf8").split("\n");
    assert.equal(release, /^Linux version (\S+)/.exec(version!)![1], "the batch script ran in the guest kernel");
    assert.equal(where, work);
  });

  it("runs a --container bundle's own root file system (a busybox userland) in UML", async () => {
    const bundle = `${work}/busybox-bundle`;
    busyboxTree(`${bundle}/rootfs`);
    spawnSync("chmod", ["-R", "a+rX", bundle]);
    mkdirSync(`${work}/shared-data`, { recursive: true });
    writeFileSync(`${work}/shared-data/in`, "through the bundle's bind mount\n");
    const mounts = [{ destination: "/data", type: "bind", source: `${work}/shared-data`, options: ["rbind", "rw"] }];
    writeFileSync(`${bundle}/config.json`, JSON.stringify({ ociVersion: "1.0.2", process: { args: ["sh"], cwd: "/" }, root: { path: "rootfs" }, mounts }));
    const r = await sh(`srun --container=${bundle} sh -c 'cat /etc/marker; pwd; test -e /etc/debian_version || echo not-debian; cat /data/in; exit 5'`);
    assert.equal(r.code, 5, r.err);
    assert.equal(r.out, `${MARKER}${work}\nnot-debian\nthrough the bundle's bind mount\n`);
    writeFileSync(`${work}/bb-batch.sh`, "#!/bin/sh\ncat /etc/marker\npwd\nexit 6\n");
    const batch = await sh(`sbatch --wait --container=${bundle} -o ${work}/bb-batch.out ${work}/bb-batch.sh`, { user: TEST_USER });
    assert.equal(batch.code, 6, batch.err);
    assert.equal(readFileSync(`${work}/bb-batch.out`, "utf8"), `${MARKER}${work}\n`);
  });

  it("routes every job through the host bundle with the shipped cli_filter.lua, scripts unchanged", async () => {
    // cli_filter runs in the client: a client configuration = the cluster's slurm.conf + the filter.
    const dir = `${lab}/etc-filter`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/slurm.conf`, `${readFileSync(`${lab}/etc/slurm.conf`, "utf8")}\nCliFilterPlugins=cli_filter/lua\n`);
    const filter = readFileSync(`${ROOT}examples/slurm/cli_filter.lua`, "utf8").replace("/etc/uml-job-wrapper/host-bundle", `${work}/bundle`);
    writeFileSync(`${dir}/cli_filter.lua`, filter);
    const r = await sh(`SLURM_CONF=${dir}/slurm.conf srun cat /proc/version`);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.startsWith(`Linux version ${guestRelease} `), r.out);
    assert.notEqual(r.out.trim(), readFileSync("/proc/version", "utf8").trim());
  });

  it("sizes the guest from the batch job's memory (SLURM_MEM_PER_CPU)", async () => {
    const file = batchScript("mem.sh", "grep MemTotal /proc/meminfo");
    const r = await sh(`sbatch --wait --mem-per-cpu=600 -o ${work}/mem.out ${file}`);
    assert.equal(r.code, 0, r.err);
    const out = readFileSync(`${work}/mem.out`, "utf8");
    const kib = Number(/MemTotal:\s+(\d+)/.exec(out)![1]);
    assert.ok(kib * 1024 <= (600 - 128) * 2 ** 20 && kib * 1024 > 350 * 2 ** 20, out);
  });
});
