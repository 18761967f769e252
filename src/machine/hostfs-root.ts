import { sep } from "node:path";

/**
 * The deepest directory holding every one of these host paths: the guest kernel's hostfs= root, which
 * confines every hostfs mount in the guest to it. "/" when nothing narrower holds them all.
 */
export function commonDirectory(paths: string[]): string {
  const split = paths.map((p) => p.split(sep).filter(Boolean));
  const common: string[] = [];
  for (let i = 0; split.length && split.every((parts) => i < parts.length && parts[i] === split[0]![i]); i++) common.push(split[0]![i]!);
  return `/${common.join("/")}`;
}
