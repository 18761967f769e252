/** A writer for the "newc" cpio format that the kernel unpacks as an initramfs. */
export interface CpioEntry {
  name: string;
  /** File type and permission bits, e.g. 0o100755 for an executable file. */
  mode: number;
  data?: Uint8Array;
  /** For device nodes. */
  rdev?: { major: number; minor: number };
}

export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;

function pad4(n: number): Buffer {
  return Buffer.alloc((4 - (n % 4)) % 4);
}

function header(ino: number, e: CpioEntry, size: number, nameSize: number): Buffer {
  const fields = [ino, e.mode, 0, 0, 1, 0, size, 0, 0, e.rdev?.major ?? 0, e.rdev?.minor ?? 0, nameSize, 0];
  return Buffer.from("070701" + fields.map((f) => f.toString(16).padStart(8, "0")).join(""), "latin1");
}

export function cpioArchive(entries: CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  const all = [...entries, { name: "TRAILER!!!", mode: 0 }];
  all.forEach((e, i) => {
    const name = Buffer.from(e.name + "\0");
    const data = e.data ?? new Uint8Array(0);
    const head = header(i + 1, e, data.length, name.length);
    parts.push(head, name, pad4(head.length + name.length), Buffer.from(data), pad4(data.length));
  });
  return Buffer.concat(parts);
}
