import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { parseParagraphs } from "../../src/kernel/debian/deb822.js";
import { checkDigest } from "../../src/kernel/debian/download.js";
import { findPackage } from "../../src/kernel/debian/packages.js";
import { DEBIAN_KEYRING, checkRelease, parseRelease, signatureProblem, verifyInRelease } from "../../src/kernel/debian/release.js";
import { debianArchive, parseDeb822Sources, parseOneLineSources } from "../../src/kernel/debian/sources.js";
import { WrapperError } from "../../src/result/errors.js";

const DEB822 = `Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: https://deb.nodesource.com/node_20.x
Suites: nodistro
Components: main
Signed-By: /usr/share/keyrings/nodesource.gpg
`;

const ONE_LINE = `# a comment
deb [arch=amd64 signed-by=/usr/share/keyrings/docker.gpg] https://download.docker.com/linux/debian bookworm stable
deb-src http://ftp.de.debian.org/debian/ trixie main
deb http://ftp.de.debian.org/debian/ trixie main contrib non-free-firmware # trailing comment
deb http://security.debian.org/debian-security trixie-security main
`;

const RELEASE = `Origin: Debian
Suite: stable
Codename: trixie
Date: Sat, 21 Nov 2026 09:15:44 UTC
Valid-Until: Sat, 28 Nov 2026 09:15:44 UTC
Acquire-By-Hash: yes
MD5Sum:
 203e1451a4c2e0edf3646a5da3cec2d8  9679304 main/binary-amd64/Packages.xz
SHA256:
 2efd6103f013081f8118f4c9f228739bc97bff2e4e1de496f80458c7e72a24ac 56634892 main/binary-amd64/Packages
 be3d7d96a040eda0505c1808cccc67f183bbc05dff0842c50f88e6c396557412  9679304 main/binary-amd64/Packages.xz
`;

const PACKAGES = `Package: user-mode-linux-doc
Version: 1
Architecture: all
Filename: pool/main/u/user-mode-linux/doc.deb
Size: 10
SHA256: aaaa

Package: user-mode-linux
Source: user-mode-linux (6.12um1)
Version: 6.12um1+b22
Architecture: amd64
Depends: libc6 (>= 2.38)
Tag: admin::kernel, admin::virtualization,
 role::kernel
Filename: pool/main/u/user-mode-linux/user-mode-linux_6.12um1+b22_amd64.deb
Size: 35777868
SHA256: 6930e97133531bab93f83b6d691a94f5872505d8f5d88c1f3f1296da0820a3a0

Package: zzz
Version: 2
`;

describe("Debian archive metadata", () => {
  it("parses deb822 paragraphs: comments, case-insensitive fields, continuation lines", () => {
    const [p] = parseParagraphs("Field: a\nMulti:\n one\n two\n#c\nOTHER: b\n");
    assert.equal(p!.get("field"), "a");
    assert.equal(p!.get("multi"), "one\ntwo");
    assert.equal(p!.get("other"), "b");
    assert.equal(parseParagraphs(DEB822).length, 3);
  });

  it("reads apt sources in both formats", () => {
    const deb822 = parseDeb822Sources(DEB822);
    assert.deepEqual(deb822[0], {
      types: ["deb"],
      uris: ["http://deb.debian.org/debian"],
      suites: ["bookworm", "bookworm-updates"],
      components: ["main"],
      signedBy: "/usr/share/keyrings/debian-archive-keyring.gpg",
    });
    assert.equal(parseDeb822Sources("Types: deb\nURIs: http://x/debian\nSuites: sid\nComponents: main\nEnabled: no\n").length, 0);
    const lines = parseOneLineSources(ONE_LINE);
    assert.equal(lines.length, 4);
    assert.equal(lines[0]!.signedBy, "/usr/share/keyrings/docker.gpg");
    assert.deepEqual(lines[0]!.components, ["stable"]);
    assert.deepEqual(lines[2]!.components, ["main", "contrib", "non-free-firmware"]);
  });

  it("takes the main Debian archive, not security, third-party or source entries", () => {
    assert.deepEqual(debianArchive(parseDeb822Sources(DEB822), "bookworm"), { uri: "http://deb.debian.org/debian", suite: "bookworm" });
    assert.deepEqual(debianArchive(parseOneLineSources(ONE_LINE), "trixie"), { uri: "http://ftp.de.debian.org/debian", suite: "trixie" });
    assert.deepEqual(debianArchive(parseOneLineSources("deb http://m.example/debian stable main\n"), undefined), { uri: "http://m.example/debian", suite: "stable" });
    assert.equal(debianArchive(parseDeb822Sources(DEB822).slice(1), "bookworm"), null);
    assert.equal(debianArchive(parseOneLineSources("deb http://m.example/debian nodistro main\n"), "bookworm"), null);
    assert.equal(debianArchive([], "bookworm"), null);
  });

  it("reads a Release file's suite, validity and SHA256 list", () => {
    const r = parseRelease(RELEASE);
    assert.equal(r.suite, "stable");
    assert.equal(r.codename, "trixie");
    assert.equal(r.byHash, true);
    assert.equal(r.validUntil?.toISOString(), "2026-11-28T09:15:44.000Z");
    assert.deepEqual(r.files.get("main/binary-amd64/Packages.xz"), { sha256: "be3d7d96a040eda0505c1808cccc67f183bbc05dff0842c50f88e6c396557412", size: 9679304 });
    assert.equal(r.files.size, 2, "only the SHA256 section");
  });

  it("checks that a Release is the suite asked for and still valid, as apt does", () => {
    const r = parseRelease(RELEASE);
    const before = new Date("2026-11-25T00:00:00Z");
    checkRelease(r, "trixie", "x", before);
    checkRelease(r, "stable", "x", before);
    assert.throws(() => checkRelease(r, "sid", "x", before), /is for trixie, not sid/);
    assert.throws(() => checkRelease(r, "trixie", "x", new Date("2026-12-01T00:00:00Z")), /expired on 2026-11-28/);
    checkRelease(r, "trixie", "x", new Date("2026-12-01T00:00:00Z"), false);
  });

  it("judges gpgv's status: one good signature and no bad one", () => {
    const good = "[GNUPG:] NEWSIG\n[GNUPG:] GOODSIG 6ED0E7B82643E131 Debian\n[GNUPG:] VALIDSIG 4CB5\n";
    const missing = "[GNUPG:] NEWSIG\n[GNUPG:] ERRSIG 78DB 1 8 01 1 9 B8E5\n[GNUPG:] NO_PUBKEY 78DBA3BC47EF2265\n";
    assert.equal(signatureProblem(good + missing), null);
    assert.match(signatureProblem(good + "[GNUPG:] BADSIG 1 x\n")!, /bad signature/);
    assert.match(signatureProblem(missing)!, /no signature by a key in the keyring/);
    assert.match(signatureProblem("[GNUPG:] EXPKEYSIG 1 x\n")!, /expired or revoked/);
    assert.match(signatureProblem("[GNUPG:] NODATA 1\n")!, /no valid signature/);
  });

  it("refuses an unsigned InRelease", { skip: !existsSync(DEBIAN_KEYRING) && "no Debian keyring" }, () => {
    assert.throws(() => verifyInRelease(Buffer.from(RELEASE), "test"), (e: unknown) => e instanceof WrapperError && /not signed by Debian's archive keys/.test(e.message));
  });

  it("finds a package's stanza for the architecture in a Packages index", () => {
    assert.deepEqual(findPackage(PACKAGES, "user-mode-linux", "amd64"), {
      name: "user-mode-linux",
      version: "6.12um1+b22",
      architecture: "amd64",
      filename: "pool/main/u/user-mode-linux/user-mode-linux_6.12um1+b22_amd64.deb",
      size: 35777868,
      sha256: "6930e97133531bab93f83b6d691a94f5872505d8f5d88c1f3f1296da0820a3a0",
    });
    assert.equal(findPackage(PACKAGES, "user-mode-linux-doc", "amd64")?.filename, "pool/main/u/user-mode-linux/doc.deb");
    assert.equal(findPackage(PACKAGES, "user-mode-linux", "arm64"), null);
    assert.equal(findPackage(PACKAGES, "user-mode", "amd64"), null);
    assert.equal(findPackage(PACKAGES, "zzz", "amd64"), null, "a stanza without Filename/SHA256 is no package to fetch");
  });

  it("accepts downloads only with the signed size and SHA-256", () => {
    const data = Buffer.from("hello\n");
    const sha256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    checkDigest("x", data, { size: 6, sha256 });
    assert.throws(() => checkDigest("x", data, { size: 7, sha256 }), /does not match its signed checksum/);
    assert.throws(() => checkDigest("x", Buffer.from("hellO\n"), { size: 6, sha256 }), /does not match/);
  });
});
