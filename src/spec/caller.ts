import { readFileSync } from "node:fs";

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
