const UNITS: Record<string, number> = { "": 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** Parses sizes like 512M, 2G, 1.5G, 4096K or 1048576 (bytes). Returns null when it is not one. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?$/i.exec(text.trim());
  if (!m) return null;
  const bytes = parseFloat(m[1]!) * UNITS[m[2]!.toUpperCase()]!;
  return Number.isFinite(bytes) ? Math.floor(bytes) : null;
}

export function formatSize(bytes: number): string {
  for (const unit of ["T", "G", "M", "K"]) {
    const n = bytes / UNITS[unit]!;
    if (n >= 1) return `${Number.isInteger(n) ? n : n.toFixed(1)}${unit}`;
  }
  return `${bytes}B`;
}
