import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { WrapperError } from "../result/errors.js";

/** Who runs the wrapper: the job gets the same identity. */
export interface Identity {
  uid: number;
  gid: number;
  groups: number[];
  umask: number;
}

/** The umask, read without changing it (process.umask() with no argument is deprecated). */
export function currentUmask(): number {
  const status = readFileSync("/proc/self/status", "latin1");
  const m = /^Umask:\s*([0-7]+)/m.exec(status);
  return m ? parseInt(m[1]!, 8) : 0o022;
}

export function callerIdentity(): Identity {
  return {
    uid: process.getuid!(),
    gid: process.getgid!(),
    groups: process.getgroups!(),
    umask: currentUmask(),
  };
}

/** The environment as NAME=value entries. */
export function envEntries(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${v}`);
}

/** Another user: the identity `id` reports (the umask stays the caller's), and their login names. */
export function identityOf(user: string): Identity & { name: string; home: string } {
  const id = (flag: string) => {
    const r = spawnSync("id", [flag, "--", user], { encoding: "utf8" });
    if (r.status !== 0) throw new WrapperError(`unknown user '${user}'`);
    return r.stdout.trim();
  };
  const uid = Number(id("-u"));
  const passwd = spawnSync("getent", ["passwd", String(uid)], { encoding: "utf8" }).stdout.split(":");
  return {
    uid,
    gid: Number(id("-g")),
    groups: id("-G").split(/\s+/).map(Number),
    umask: currentUmask(),
    name: id("-un"),
    home: passwd[5] || "/",
  };
}

/** The environment entries with USER, LOGNAME and HOME set for another user, as runuser does. */
export function envFor(entries: Array<string | Uint8Array>, user: { name: string; home: string }): Array<string | Uint8Array> {
  const replaced = new Set(["USER", "LOGNAME", "HOME"]);
  const kept = entries.filter((e) => !replaced.has(Buffer.from(e).toString("latin1").split("=")[0]!));
  return [...kept, `USER=${user.name}`, `LOGNAME=${user.name}`, `HOME=${user.home}`];
}
