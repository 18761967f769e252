import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

/** The repository's root (tests run from dist/test/). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The unprivileged user the suite runs jobs as, created by test/run.mjs when it runs as root. */
export const TEST_USER = process.env.UJW_TEST_USER ?? "ujwtest";

export const isRoot = process.getuid!() === 0;

/** Who the integration tests run the wrapper as: always ourselves; as root, also the test user. */
export const USERS: Array<string | null> = isRoot ? [null, TEST_USER] : [null];

/** The wrapper as the given user can execute it (a copy when the checkout is private, see run.mjs). */
export function wrapperPath(user: string | null): string {
  return user ? (process.env.UJW_TEST_USER_BIN ?? `${ROOT}bin/uml-job-wrapper`) : `${ROOT}bin/uml-job-wrapper`;
}

export interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

export interface CallOptions {
  user?: string | null;
  input?: string | Buffer;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Runs the wrapper through `sh -c` so that tests can build arguments byte by byte with printf. */
  shell?: string;
}

/** Runs the wrapper CLI as a user would and collects everything it printed. */
export function wrapper(args: string[], o: CallOptions = {}): Promise<Outcome> {
  const bin = wrapperPath(o.user ?? null);
  let argv = o.shell ? ["sh", "-c", o.shell, "sh", bin, ...args] : [bin, ...args];
  if (o.user) argv = ["/usr/sbin/runuser", "-u", o.user, "--", ...argv];
  const child = spawn(argv[0]!, argv.slice(1), { cwd: o.cwd ?? "/tmp", env: o.env ?? process.env });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (c: Buffer) => out.push(c));
  child.stderr.on("data", (c: Buffer) => err.push(c));
  child.stdin.on("error", () => {});
  child.stdin.end(o.input ?? "");
  return new Promise((resolve) =>
    child.on("close", (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() }),
    ),
  );
}

export function userIds(user: string | null): { uid: number; gid: number; groups: number[] } {
  const id = (flag: string) => spawnSync("id", [flag, ...(user ? [user] : [])], { encoding: "utf8" }).stdout.trim();
  return { uid: Number(id("-u")), gid: Number(id("-g")), groups: id("-G").split(" ").map(Number) };
}

export function label(user: string | null): string {
  return user ? `as ${user}` : isRoot ? "as root" : "as the caller";
}

/** Where this suite's runs keep their run directories (other runs on the machine are not ours to judge). */
const RUN_ROOT = process.env.XDG_RUNTIME_DIR || tmpdir();

/** The directory holding this suite's run directories for a uid (as src/machine/run-dir.ts makes it). */
export function runBaseOf(uid: number): string {
  return `${RUN_ROOT}/uml-job-wrapper-${uid}`;
}

/** UML kernel processes of this suite's runs still running. */
export function umlProcesses(): string[] {
  const r = spawnSync("pgrep", ["-a", "-f", "linux(\\.uml)? .*mem="], { encoding: "utf8" });
  return r.stdout.split("\n").filter((p) => p.includes(`uml_dir=${RUN_ROOT}/uml-job-wrapper-`));
}

export const kernelInstalled = existsSync("/usr/bin/linux.uml");
