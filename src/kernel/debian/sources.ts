import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { WrapperError } from "../../result/errors.js";
import { parseParagraphs, words } from "./deb822.js";

/** One entry of apt's sources, from either format. */
export interface AptSource {
  types: string[];
  uris: string[];
  suites: string[];
  components: string[];
  /** The Signed-By option, when there is one. */
  signedBy?: string;
}

/** `deb [opt=value ...] URI SUITE COMPONENT...` lines (sources.list, *.list). */
export function parseOneLineSources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    const m = /^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const options = new Map(words(m[2]).map((o) => o.split("=", 2) as [string, string]));
    sources.push({ types: [m[1]!], uris: [m[3]!], suites: [m[4]!], components: words(m[5]), signedBy: options.get("signed-by") });
  }
  return sources;
}

/** deb822 paragraphs (*.sources); entries with `Enabled: no` are left out. */
export function parseDeb822Sources(text: string): AptSource[] {
  return parseParagraphs(text)
    .filter((p) => !/^no$/i.test(p.get("enabled") ?? ""))
    .map((p) => ({
      types: words(p.get("types")),
      uris: words(p.get("uris")),
      suites: words(p.get("suites")),
      components: words(p.get("components")),
      signedBy: p.get("signed-by"),
    }));
}

/** Every source the machine's apt is configured with (read only; apt's state is not touched). */
export function readAptSources(etcApt = "/etc/apt"): AptSource[] {
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return "";
    }
  };
  let parts: string[] = [];
  try {
    parts = readdirSync(join(etcApt, "sources.list.d")).sort();
  } catch {
    // no sources.list.d
  }
  return [
    ...parseOneLineSources(read(join(etcApt, "sources.list"))),
    ...parts.filter((f) => f.endsWith(".list")).flatMap((f) => parseOneLineSources(read(join(etcApt, "sources.list.d", f)))),
    ...parts.filter((f) => f.endsWith(".sources")).flatMap((f) => parseDeb822Sources(read(join(etcApt, "sources.list.d", f)))),
  ];
}

/** Names of Debian's releases and their aliases, so that third-party repositories are not taken for Debian's archive. */
const DEBIAN_SUITES = ["oldoldstable", "oldstable", "stable", "testing", "unstable", "sid", "buster", "bullseye", "bookworm", "trixie", "forky", "duke"];

/** The host's release codename, from /etc/os-release. */
export function hostCodename(osRelease = "/etc/os-release"): string | undefined {
  try {
    return /^VERSION_CODENAME=["']?([^"'\n]*)/m.exec(readFileSync(osRelease, "utf8"))?.[1] || undefined;
  } catch {
    return undefined;
  }
}

export interface DebianArchive {
  /** The mirror's base URI, without a trailing slash ("http://deb.debian.org/debian"). */
  uri: string;
  /** The suite the machine itself uses from it ("bookworm"). */
  suite: string;
}

/**
 * The main Debian archive among apt's sources: a binary ("deb") source of component main for a Debian
 * release itself (not -updates, -security or -backports, which hold only some packages), signed by
 * Debian's archive keyring when a key is named. The host's own release is preferred.
 */
export function debianArchive(sources: AptSource[], host = hostCodename()): DebianArchive | null {
  const names = new Set([...DEBIAN_SUITES, ...(host ? [host] : [])]);
  const candidates = sources.filter(
    (s) =>
      s.types.includes("deb") &&
      s.components.includes("main") &&
      /^(https?|file):/.test(s.uris[0] ?? "") &&
      (!s.signedBy || s.signedBy.includes("debian-archive-keyring")) &&
      s.suites.some((suite) => names.has(suite)),
  );
  const best = candidates.find((s) => host && s.suites.includes(host)) ?? candidates[0];
  if (!best) return null;
  return { uri: best.uris[0]!.replace(/\/+$/, ""), suite: best.suites.find((s) => s === host) ?? best.suites.find((s) => names.has(s))! };
}

/**
 * The Debian mirror to fetch kernels from: UML_JOB_WRAPPER_MIRROR when set, else the one apt is
 * configured with. No host name is built in.
 */
export function findDebianArchive(env = process.env): DebianArchive {
  const override = env.UML_JOB_WRAPPER_MIRROR;
  if (override) return { uri: override.replace(/\/+$/, ""), suite: hostCodename() ?? "stable" };
  const archive = debianArchive(readAptSources());
  if (!archive)
    throw new WrapperError(
      "no Debian mirror configured in /etc/apt/sources.list or /etc/apt/sources.list.d/: add one, or set UML_JOB_WRAPPER_MIRROR to a Debian mirror's URL",
    );
  return archive;
}
