import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { kernelsDir } from "./paths.js";

/** Where an installed kernel came from, kept beside it as origin.json. */
export interface KernelOrigin {
  /** The Debian suite asked for ("trixie", "unstable"). */
  suite: string;
  /** That suite's codename, when it differs ("sid" for unstable). */
  codename: string;
  package: string;
  version: string;
  sha256: string;
  libc: string;
  mirror: string;
  /** When it was installed (ISO 8601). */
  installed: string;
}

export function writeOrigin(kernelDir: string, origin: KernelOrigin): void {
  writeFileSync(join(kernelDir, "origin.json"), `${JSON.stringify(origin, null, 2)}\n`);
}

export function readOrigin(release: string, env = process.env): KernelOrigin | null {
  try {
    return JSON.parse(readFileSync(join(kernelsDir(env), release, "origin.json"), "utf8")) as KernelOrigin;
  } catch {
    return null;
  }
}

/** "Debian trixie, user-mode-linux 6.12um1+b22" */
export function describeOrigin(o: KernelOrigin): string {
  const suite = o.codename && o.codename !== o.suite ? `${o.suite} (${o.codename})` : o.suite;
  return `Debian ${suite}, ${o.package} ${o.version}`;
}
