import { WrapperError } from "../../result/errors.js";
import { fetchPackagesIndex, findPackage, type PackageEntry } from "./packages.js";
import { fetchRelease, type Release } from "./release.js";

/** Debian's name for this machine's architecture. */
export function debianArch(arch = process.arch): string {
  const names: Record<string, string> = { x64: "amd64", ia32: "i386", arm64: "arm64", arm: "armhf", ppc64: "ppc64el", s390x: "s390x", riscv64: "riscv64" };
  return names[arch] ?? arch;
}

/** One suite of a Debian mirror, its signed package index loaded: the trust chain InRelease → Packages → .deb. */
export class DebianSuite {
  private constructor(
    readonly mirror: string,
    readonly name: string,
    readonly arch: string,
    readonly release: Release,
    private readonly index: string,
  ) {}

  static async open(mirror: string, name: string, arch = debianArch()): Promise<DebianSuite> {
    const release = await fetchRelease(mirror, name);
    return new DebianSuite(mirror, name, arch, release, await fetchPackagesIndex(mirror, name, release, arch));
  }

  find(name: string): PackageEntry | null {
    return findPackage(this.index, name, this.arch);
  }

  /** A package's entry; throws when the suite does not have it. */
  package(name: string): PackageEntry {
    const entry = this.find(name);
    if (!entry) throw new WrapperError(`Debian ${this.name} has no ${name} package for ${this.arch}`);
    return entry;
  }
}
