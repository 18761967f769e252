// Terminal mode, driven for real through tmux; the boot and import spinners, recorded through script(1).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { wrapperPath } from "../helpers.js";

const session = `ujw-test-${process.pid}`;
const tmux = (...args: string[]) => spawnSync("tmux", ["-L", session, ...args], { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-t", session).stdout;
const hasTmux = spawnSync("tmux", ["-V"]).status === 0;

async function waitFor(pattern: RegExp, ms = 15000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > until) throw new Error(`screen never showed ${pattern}:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("terminal mode", { skip: !hasTmux && "tmux is not installed" }, () => {
  before(() => {
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "sh");
    tmux("send-keys", "-t", session, "PS1='host$ '; stty -g > /tmp/" + session + ".before; clear", "Enter");
  });
  after(() => {
    tmux("kill-server");
    rmSync(`/tmp/${session}.before`, { force: true });
  });

  it("gives the job a terminal: size, resize, Ctrl-C, job control; restores the host's", async () => {
    await waitFor(/host\$\s*$/m);
    tmux("send-keys", "-t", session, `${wrapperPath(null)} sh -i`, "Enter");
    tmux("send-keys", "-t", session, "PS1='guest$ '; clear", "Enter");
    await waitFor(/^guest\$/);
    tmux("send-keys", "-t", session, "tty; stty size", "Enter");
    await waitFor(/\/dev\/pts\/\d+\n30 100/);
    tmux("resize-window", "-t", session, "-x", "120", "-y", "40");
    tmux("send-keys", "-t", session, "clear; stty size", "Enter");
    await waitFor(/^40 120$/m);
    tmux("send-keys", "-t", session, "sleep 60", "Enter");
    await new Promise((r) => setTimeout(r, 500));
    tmux("send-keys", "-t", session, "C-c");
    tmux("send-keys", "-t", session, "echo status=$?", "Enter");
    await waitFor(/status=130/);
    tmux("send-keys", "-t", session, "sleep 60", "Enter");
    await new Promise((r) => setTimeout(r, 500));
    tmux("send-keys", "-t", session, "C-z");
    tmux("send-keys", "-t", session, "clear; jobs", "Enter");
    await waitFor(/Stopped.*sleep 60/);
    tmux("send-keys", "-t", session, "kill -9 %1", "Enter");
    await new Promise((r) => setTimeout(r, 500));
    tmux("send-keys", "-t", session, "wait; clear; exit 4", "Enter");
    await waitFor(/^host\$/);
    tmux("send-keys", "-t", session, `echo rc=$?; stty -g | cmp - /tmp/${session}.before && echo restored`, "Enter");
    const text = await waitFor(/restored/);
    assert.match(text, /rc=4/);
  });
});

describe("boot progress", () => {
  it("shows a spinner on a terminal while a slow boot goes on, and nothing on a pipe", async () => {
    const typescript = join(tmpdir(), `ujw-script-${process.pid}`);
    try {
      const env = { ...process.env, UML_JOB_WRAPPER_PROGRESS_DELAY_MS: "0" };
      const command = `stty rows 24 cols 80; ${wrapperPath(null)} --no-tty echo job-done`;
      const r = spawnSync("script", ["-q", "-e", "-c", command, typescript], { env, encoding: "utf8", timeout: 60000 });
      assert.equal(r.status, 0, r.stderr);
      const recorded = readFileSync(typescript, "utf8");
      assert.match(recorded, /booting the guest kernel/);
      assert.match(recorded, /job-done/);
      const piped = spawnSync(wrapperPath(null), ["echo", "x"], { env, encoding: "utf8" });
      assert.equal(piped.stderr, "");
    } finally {
      rmSync(typescript, { force: true });
    }
  });
});

describe("import progress", () => {
  it("shows how far an archive's import has got on a terminal", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ujw-import-"));
    try {
      spawnSync("sh", ["-c", `mkdir ${dir}/tree && head -c 20000000 /dev/urandom > ${dir}/tree/blob && tar -C ${dir}/tree -czf ${dir}/root.tar.gz .`]);
      const env = { ...process.env, XDG_CACHE_HOME: join(dir, "cache") };
      const command = `stty rows 24 cols 80; ${wrapperPath(null)} rootfs import ${dir}/root.tar.gz`;
      const r = spawnSync("script", ["-q", "-e", "-c", command, join(dir, "typescript")], { env, encoding: "utf8", timeout: 60000 });
      assert.equal(r.status, 0, r.stderr);
      const recorded = readFileSync(join(dir, "typescript"), "utf8");
      assert.match(recorded, /importing .*root\.tar\.gz: \d+%/);
      assert.match(recorded, /root\t\/.*\/rootfs\/root\/root/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
