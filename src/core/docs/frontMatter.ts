// Front matter (`---` … `---` at the very top), read with `yaml` under bounds, or by the strict
// scanner when it is simple.
import { isMap, isScalar } from 'yaml';
import { type YamlBounds, parseBoundedYaml } from './boundedYaml';
import { simpleFrontMatter } from './simpleFrontMatter';
import { type FrontMatter, type FrontMatterField, type Source, fastPaths, lineAt, lineText } from './sourceText';

/** Front matter larger than this is not parsed (real front matter is a few hundred bytes). */
export const MAX_FRONT_MATTER_BYTES = 64 * 1024;
/**
 * Front matter is a handful of scalars: at most 20 aliases expanded (`yaml`'s default is 100), 2,000
 * YAML nodes (past it, nothing is converted: a bound on memory), collections 16 deep.
 */
const FRONT_MATTER_BOUNDS: YamlBounds = { maxAliasCount: 20, maxNodes: 2_000, maxDepth: 16 };
const TOO_MUCH = 'it nests too deeply or holds too many values to be front matter';

function isFence(line: string): boolean {
  return line.trimEnd() === '---';
}

/**
 * Where front matter (`---` on the very first line) closes: the line of the closing `---` or `...`,
 * -1 when no line up to `lastLine` closes it, undefined when the text has no front matter.
 */
export function frontMatterClose(line: (index: number) => string, lastLine: number): number | undefined {
  if (!isFence(line(0).replace(/^\uFEFF/, ''))) return undefined;
  for (let index = 1; index <= lastLine; index++) {
    const t = line(index).trimEnd();
    if (t === '---' || t === '...') return index;
  }
  return -1;
}

/**
 * Reads front matter (`---` … `---`/`...` at the very top) with `yaml`, keeping value offsets.
 * Every repository is untrusted input, so the parse is bounded: the text's size, `stringKeys`
 * (a collection used as a key is an error, never stringified), the node count and depth, and
 * `maxAliasCount`. A YAML error stops the conversion of collections: only plain scalars are read
 * from a document with errors (converting an erroneous nest of 500 `{` costs gigabytes).
 */
export function readFrontMatter(source: Source): FrontMatter | undefined {
  const endLine = frontMatterClose((line) => lineText(source, line), source.lineStarts.length - 1);
  if (endLine === undefined) return undefined;
  if (endLine < 0) {
    source.notes.push({
      code: 'unclosed-front-matter',
      severity: 'warning',
      line: 0,
      message: 'Front matter opened on the first line is never closed (no second `---` line); its fields are not read.',
    });
    return undefined;
  }
  const yamlStart = source.lineStarts[1];
  const endOffset = source.lineStarts[endLine];
  const fields = new Map<string, FrontMatterField>();
  const front: FrontMatter = { startLine: 0, endLine, endOffset, fields };
  if (endOffset - yamlStart > MAX_FRONT_MATTER_BYTES) {
    front.error = { message: `it is over ${MAX_FRONT_MATTER_BYTES / 1024} KiB, so it was not read`, line: 1 };
    return front;
  }
  const simple = fastPaths.enabled
    ? simpleFrontMatter(source.text.slice(yamlStart, endOffset), yamlStart, 1)
    : undefined;
  if (simple) {
    front.fields = simple;
    return front;
  }
  const parsed = parseBoundedYaml(source.text.slice(yamlStart, endOffset), FRONT_MATTER_BOUNDS);
  if (!parsed.doc) {
    front.error = { message: TOO_MUCH, line: lineAt(source, yamlStart + parsed.error.offset) };
    return front;
  }
  const { doc } = parsed;
  if (parsed.error?.kind === 'syntax') {
    front.error = { message: parsed.error.message, line: lineAt(source, yamlStart + parsed.error.offset) };
  }
  if (!front.error && doc.contents !== null && !isMap(doc.contents)) {
    // Text but no `key: value` pairs: no field can be read, and no key can be added safely.
    front.error = { message: 'it is not a list of key: value fields', line: 1 };
  }
  if (!front.error && parsed.error) front.error = { message: TOO_MUCH, line: 1 };
  if (!isMap(doc.contents)) return front;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value).trim().toLowerCase() : undefined;
    if (!key) continue;
    const node = pair.value;
    const keyRange = isScalar(pair.key) ? pair.key.range : null;
    const keySpan = keyRange ? { start: yamlStart + keyRange[0], end: yamlStart + keyRange[1] } : undefined;
    const seen = fields.get(key);
    if (seen) {
      const line = keySpan ? lineAt(source, keySpan.start) : seen.line;
      source.notes.push({
        code: 'duplicate-key',
        severity: 'warning',
        line,
        message: `\`${key}\` is set twice in the front matter (lines ${seen.line + 1} and ${line + 1}); the first is used.`,
      });
      continue;
    }
    // With errors, only plain scalars are converted; collections and aliases are left out.
    if (front.error && node !== null && !isScalar(node)) continue;
    let value: unknown;
    try {
      value = isScalar(node)
        ? node.value
        : node
          ? node.toJS(doc, { maxAliasCount: FRONT_MATTER_BOUNDS.maxAliasCount })
          : node;
    } catch (conversion) {
      value = undefined;
      front.error ??= {
        message: conversion instanceof Error ? conversion.message.split('\n')[0] : String(conversion),
        line: lineAt(source, yamlStart + (keyRange?.[0] ?? 0)),
      };
    }
    if (
      isScalar(node) &&
      typeof value === 'number' &&
      !Number.isSafeInteger(value) &&
      /^[-+]?\d{16,}$|e\d{3,}/i.test(String(node.source ?? ''))
    ) {
      // 12345678901234567890 or 1e999 as a number would lose its digits: keep the text as written.
      value = String(node.source);
      source.notes.push({
        code: 'invalid-front-matter',
        severity: 'info',
        line: lineAt(source, yamlStart + (keyRange?.[0] ?? 0)),
        message: `\`${key}\` is too large to be a number; it is read as the text written.`,
      });
    }
    if (TEXT_FIELDS.has(key) && hasObject(value)) {
      // An alias or a mapping where text belongs (`tags: *anchor` to a map): left out, and said.
      value = Array.isArray(value) ? value.filter((v) => !isObjectValue(v)) : undefined;
      source.notes.push({
        code: 'invalid-front-matter',
        severity: 'warning',
        line: lineAt(source, yamlStart + (keyRange?.[0] ?? 0)),
        message: `\`${key}\` holds a mapping or list where text is expected; that part is not read.`,
      });
    }
    const range = node && typeof node === 'object' && 'range' in node ? (node.range as number[] | null) : null;
    let span = range ? { start: yamlStart + range[0], end: yamlStart + range[1] } : undefined;
    // A block value (`status: >`, a list) ends after its line break: keep the break out of the span.
    if (span) {
      let end = span.end;
      while (end > span.start && /\s/.test(source.text[end - 1])) end--;
      span = { start: span.start, end };
    }
    const line = lineAt(source, span?.start ?? yamlStart + (keyRange?.[0] ?? 0));
    fields.set(key, { value, span, keySpan, line });
  }
  return front;
}

/** Front matter fields whose values are text, or lists of text. */
const TEXT_FIELDS = new Set([
  'title',
  'status',
  'date',
  'created',
  'tags',
  'deciders',
  'decision-makers',
  'owner',
  'service',
  'last_reviewed_on',
  'review_in',
  'supersedes',
  'superseded-by',
  'superseded_by',
]);

function isObjectValue(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !(value instanceof Date);
}

/** True for a mapping, or a list holding a mapping or a list. */
function hasObject(value: unknown): boolean {
  return Array.isArray(value) ? value.some(isObjectValue) : isObjectValue(value);
}
