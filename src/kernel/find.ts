import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { WrapperError } from "../result/errors.js";

/** Names of UML kernels on PATH, in order of preference (Debian's user-mode-linux ships linux.uml). */
const KERNEL_NAMES = ["linux.uml", "linux"];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The kernel to boot: the one asked for, else the first UML kernel on PATH. */
export function findKernel(requested: string | undefined, path = process.env.PATH ?? ""): string {
  if (requested) return requested;
  const dirs = [...path.split(delimiter).filter(Boolean), "/usr/bin"];
  for (const name of KERNEL_NAMES)
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  throw new WrapperError(
    "no UML kernel found: install Debian's user-mode-linux package (apt-get install user-mode-linux) or pass --kernel=PATH",
  );
}
