import { spawnSync } from "node:child_process";

function getent(database: string, keys: number[]): string[] {
  const r = spawnSync("getent", [database, ...keys.map(String)], { encoding: "utf8" });
  return (r.stdout ?? "").split("\n").filter(Boolean);
}

/**
 * The job user's passwd line and its groups' lines as the host knows them (or made up, for ids the
 * host has no name for), for a foreign root that may not know them.
 */
export function accountLines(uid: number, gid: number, groups: number[], home: string | undefined): { passwd: string; groups: string[] } {
  const known = getent("passwd", [uid])[0]?.split(":");
  const name = known?.[0] ?? `uid${uid}`;
  const passwd = [name, "x", uid, gid, known?.[4] ?? "", home ?? known?.[5] ?? "/", known?.[6] || "/bin/sh"].join(":");
  const ids = [...new Set([gid, ...groups])];
  const names = new Map(getent("group", ids).map((l) => [Number(l.split(":")[2]), l.split(":")[0]!]));
  return { passwd, groups: ids.map((g) => `${names.get(g) ?? `gid${g}`}:x:${g}:`) };
}
