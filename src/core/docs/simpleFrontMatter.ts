/**
 * The fast path for front matter: most records write a handful of `key: value` lines with plain
 * words, dates and `[a, b]` lists. Those are read here by a strict line scanner; anything it is
 * not sure `yaml` (core schema) reads the same way — quotes, comments, numbers, booleans, nulls,
 * block values, indentation, empty values, repeated keys — returns undefined and goes to `yaml`.
 * test/unit/docs/fastPaths.test.ts checks both paths agree.
 */
/** One field as the front matter reader keeps it (the same shape as `FrontMatterField`). */
export interface SimpleField {
  value: string | string[];
  span: { start: number; end: number };
  keySpan: { start: number; end: number };
  line: number;
}

/** `key: value` at the start of a line; the key as YAML reads it unquoted. */
const PAIR = /^([A-Za-z_][A-Za-z0-9_-]*):[ ]+(\S(?:.*\S)?)[ ]*$/;
/** A plain scalar the core schema reads as text: no indicator first, no `: ` or ` #` inside. */
const PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`](?:[^:#\t]|:(?! |$)|(?<! )#)*$/;
/**
 * Characters YAML treats specially anywhere (controls, line separators, BOM, surrogates,
 * non-characters), line breaks (LF, CRLF) aside: a CR is special unless an LF follows it.
 */
const SPECIAL =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
  /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]|\r(?!\n)/;
/** `yaml` rejects implicit keys over 1,024 characters; real keys are short. */
const MAX_KEY = 64;
/** Plain texts the core schema turns into null, booleans or numbers. */
const NOT_TEXT = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$|^[-+]?[.0-9]/;
const DATE = /^\d{4}-\d\d-\d\d$/;

function plainText(value: string): boolean {
  return (
    PLAIN.test(value) && !value.endsWith(':') && !/[[\]{}]/.test(value) && (!NOT_TEXT.test(value) || DATE.test(value))
  );
}

/**
 * The fields of simple front matter (`text` is everything between the fences; it starts at offset
 * `start` of the file, on 0-based line `firstLine`), or undefined when it is not simple.
 */
export function simpleFrontMatter(
  text: string,
  start: number,
  firstLine: number,
): Map<string, SimpleField> | undefined {
  if (SPECIAL.test(text)) return undefined;
  const fields = new Map<string, SimpleField>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the break before the closing fence
  let lineStart = start;
  for (let index = 0; index < lines.length; lineStart += lines[index].length + 1, index++) {
    const content = lines[index].endsWith('\r') ? lines[index].slice(0, -1) : lines[index];
    if (/^ *$/.test(content)) continue;
    const m = PAIR.exec(content);
    if (!m || m[1].length > MAX_KEY) return undefined;
    const key = m[1].toLowerCase();
    if (fields.has(key)) return undefined;
    const written = m[2];
    let value: string | string[];
    if (written.startsWith('[')) {
      const items = /^\[(.*)\]$/.exec(written);
      if (!items) return undefined;
      value = items[1].trim() === '' ? [] : items[1].split(',').map((item) => item.trim());
      if (value.some((item) => !plainText(item))) return undefined;
    } else if (plainText(written)) value = written;
    else return undefined;
    const valueStart = lineStart + content.indexOf(written, m[1].length + 1);
    fields.set(key, {
      value,
      span: { start: valueStart, end: valueStart + written.length },
      keySpan: { start: lineStart, end: lineStart + m[1].length },
      line: firstLine + index,
    });
  }
  return fields.size > 0 ? fields : undefined;
}
