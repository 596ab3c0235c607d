// Text from repositories (commit subjects, branch names, record titles, file names) shown to a
// person: in a terminal, a C0/C1 control moves the cursor or recolours it, and in a draft pasted to
// Slack or GitHub a bidirectional override makes a line read in another order than it is written
// (Trojan source). Shared by `cadence docs` and the weekly renderer (CLI and extension).

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_KEEPING_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with control characters and bidirectional marks and overrides shown as `\u{…}` escapes.
 * With `keepLayout`, tabs and newlines stay (for a whole rendered document).
 */
export function printable(text: string, keepLayout = false): string {
  return text.replace(
    keepLayout ? UNSAFE_KEEPING_LAYOUT : UNSAFE,
    (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`,
  );
}
