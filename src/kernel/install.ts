import { existsSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { Writable } from "node:stream";
import { WrapperError } from "../result/errors.js";
import { installDeb } from "./debian/deb.js";
import { findDebianArchive, type DebianArchive } from "./debian/sources.js";
import { DebianSuite } from "./debian/suite.js";
import { cachedKernels } from "./installed.js";
import { readOrigin, writeOrigin, type KernelOrigin } from "./origin.js";
import { findPatchelf, interpreterOf, pointAtLibc } from "./patchelf.js";
import { kernelsDir } from "./paths.js";
import { releaseOf } from "./releases.js";

const PACKAGE = "user-mode-linux";

/** Without a suite named, the newest kernel Debian has: unstable's, else testing's, else stable's. */
const NEWEST_FIRST = ["unstable", "testing", "stable"];

export interface Installed {
  release: string;
  path: string;
  origin: KernelOrigin;
  /** It was installed already, from the same package: nothing was done. */
  already: boolean;
}

async function suiteWithKernel(archive: DebianArchive, asked: string | undefined, say: (line: string) => void): Promise<DebianSuite> {
  for (const name of asked ? [asked] : NEWEST_FIRST) {
    say(`reading Debian ${name}'s signed package index from ${archive.uri}`);
    const suite = await DebianSuite.open(archive.uri, name);
    if (asked || suite.find(PACKAGE)) return suite;
  }
  throw new WrapperError(`none of Debian ${NEWEST_FIRST.join(", ")} has a ${PACKAGE} package for this architecture`);
}

/**
 * The kernel's own C library, unpacked beside it: the binary's ELF interpreter and rpath are pointed at
 * it (running it through that ld.so instead does not work: UML re-executes itself).
 */
function linkToOwnLibc(patchelf: string, stage: string, final: string): void {
  const kernel = join(stage, "usr", "bin", "linux.uml");
  const wanted = interpreterOf(patchelf, kernel); // "/lib64/ld-linux-x86-64.so.2"
  const inStage = [join(stage, wanted), join(stage, "usr", wanted)].find((p) => existsSync(p));
  if (!inStage) throw new WrapperError(`the libc6 package has no ${basename(wanted)}`);
  const loader = relative(stage, realpathSync(inStage));
  pointAtLibc(patchelf, kernel, join(final, loader), join(final, dirname(loader)));
}

/** Boots the kernel once with a real job: `uname -r` must print its release. */
async function testBoot(path: string, release: string): Promise<void> {
  const { run } = await import("../run.js");
  let printed = "";
  const stdout = new Writable({ write: (chunk: Buffer, _encoding, done) => ((printed += chunk.toString()), done()) });
  const result = await run({ command: ["uname", "-r"], kernel: path, cwd: "/", links: [], stdout, stderr: stdout });
  if (result.exitCode !== 0 || printed.trim() !== release)
    throw new WrapperError(`the new kernel ${release} failed its test boot: ${result.message ?? `uname -r printed '${printed.trim()}', exit ${result.exitCode}`}`, {
      kernelLogTail: result.kernelLogTail,
    });
}

/** Puts `stage` at `final`, boots it, and keeps it only when it works (a kernel it replaces comes back otherwise). */
async function swapIn(stage: string, final: string, release: string): Promise<void> {
  const aside = `${final}.old-${process.pid}`;
  const replacing = existsSync(final);
  if (replacing) renameSync(final, aside);
  renameSync(stage, final);
  try {
    await testBoot(join(final, "usr", "bin", "linux.uml"), release);
  } catch (err) {
    rmSync(final, { recursive: true, force: true });
    if (replacing) renameSync(aside, final);
    throw err;
  }
  rmSync(aside, { recursive: true, force: true });
}

/**
 * `kernel install [SUITE]`: a Debian-built UML kernel and the C library it needs, fetched through apt's
 * signed chain (InRelease → Packages → .deb) from the machine's Debian mirror into the per-user cache,
 * then test-booted. No root, and apt's own state is not touched.
 */
export async function installKernel(asked: string | undefined, say: (line: string) => void): Promise<Installed> {
  const archive = findDebianArchive();
  const suite = await suiteWithKernel(archive, asked, say);
  const kernel = suite.package(PACKAGE);
  const libc = suite.package("libc6");
  for (const k of cachedKernels()) {
    const origin = readOrigin(k.release!);
    if (origin?.sha256 === kernel.sha256 && origin.libc === libc.version) return { release: k.release!, path: k.path, origin, already: true };
  }
  const patchelf = await findPatchelf(archive, say);
  say(`downloading ${PACKAGE} ${kernel.version} (${Math.round(kernel.size / 2 ** 20)} MiB) and libc6 ${libc.version}`);
  mkdirSync(kernelsDir(), { recursive: true });
  const stage = mkdtempSync(join(kernelsDir(), ".staging-"));
  try {
    await installDeb(suite.mirror, kernel, stage);
    await installDeb(suite.mirror, libc, stage);
    const release = releaseOf(join(stage, "usr", "bin", "linux.uml"));
    if (!release) throw new WrapperError(`${PACKAGE} ${kernel.version} has no modules directory to tell its release by`);
    const final = join(kernelsDir(), release);
    linkToOwnLibc(patchelf, stage, final);
    const origin: KernelOrigin = {
      suite: suite.name,
      codename: suite.release.codename,
      package: PACKAGE,
      version: kernel.version,
      sha256: kernel.sha256,
      libc: libc.version,
      mirror: suite.mirror,
      installed: new Date().toISOString(),
    };
    writeOrigin(stage, origin);
    say(`test boot of Linux ${release}`);
    await swapIn(stage, final, release);
    return { release, path: join(final, "usr", "bin", "linux.uml"), origin, already: false };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
