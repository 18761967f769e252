/**
 * Debian's control-file format (deb822), as in Release, Packages and .sources files: paragraphs of
 * "Field: value" lines separated by blank lines; a line starting with a space or tab continues the
 * previous field. Field names are case-insensitive (kept here in lower case); continuation lines are
 * joined with "\n", each trimmed. Lines starting with "#" are comments.
 */
export type Paragraph = Map<string, string>;

export function parseParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  let field: string | null = null;
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    if (line.trim() === "") {
      current = null;
      field = null;
      continue;
    }
    if (/^[ \t]/.test(line)) {
      if (current && field) current.set(field, `${current.get(field)}\n${line.trim()}`.replace(/^\n/, ""));
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    if (!current) paragraphs.push((current = new Map()));
    field = line.slice(0, colon).trim().toLowerCase();
    current.set(field, line.slice(colon + 1).trim());
  }
  return paragraphs;
}

/** A whitespace-separated list field ("Suites: bookworm bookworm-updates"). */
export function words(value: string | undefined): string[] {
  return value ? value.split(/\s+/).filter(Boolean) : [];
}
