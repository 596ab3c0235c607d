// YAML from a repository (front matter, mkdocs.yml, catalog-info.yaml), parsed with `yaml` under
// bounds: a nesting scan before parsing, `stringKeys` (a collection used as a key is an error, never
// stringified), no merge keys, and a node-count and depth check before anything is converted; callers
// convert with `maxAliasCount`. Unknown tags (`!!python/name:…`, `!ENV`) are warnings, never errors:
// their values are read as if untagged.
import { type Document, parseAllDocuments, parseDocument, visit } from 'yaml';

export interface YamlBounds {
  /** Aliases a conversion may expand (pass to `toJS`). */
  maxAliasCount: number;
  /** YAML nodes the document may hold; past it, nothing should be converted (a bound on memory). */
  maxNodes: number;
  /** Nesting depth of collections. */
  maxDepth: number;
}

export type BoundedYaml =
  | { doc: Document.Parsed; error?: { kind: 'syntax' | 'bounds'; message: string; offset: number } }
  /** Not parsed: it nests deeper than the bounds (found by a scan, at `offset`). */
  | { doc?: undefined; error: { kind: 'bounds'; message: string; offset: number } };

const TOO_MUCH = 'it nests too deeply or holds too many values';

/**
 * Parses `text` within `bounds`. A syntax error (the first) or a document over the bounds is
 * returned as `error`; with one, convert nothing but plain scalars (converting an erroneous nest of
 * 500 `{` costs gigabytes).
 */
export function parseBoundedYaml(text: string, bounds: YamlBounds): BoundedYaml {
  const nesting = tooDeep(text, bounds.maxDepth);
  if (nesting !== undefined) return { error: { kind: 'bounds', message: TOO_MUCH, offset: nesting } };
  return checked(parseDocument(text, OPTIONS), bounds);
}

/**
 * Every document of a multi-document file (`---` between them, as Backstage's catalog-info.yaml
 * has), each checked as parseBoundedYaml checks one.
 */
export function parseBoundedYamlStream(text: string, bounds: YamlBounds): BoundedYaml[] {
  const nesting = tooDeep(text, bounds.maxDepth);
  if (nesting !== undefined) return [{ error: { kind: 'bounds', message: TOO_MUCH, offset: nesting } }];
  return parseAllDocuments(text, OPTIONS).map((doc) => checked(doc, bounds));
}

const OPTIONS = {
  prettyErrors: false,
  uniqueKeys: false,
  strict: false,
  stringKeys: true,
  merge: false,
  schema: 'core',
} as const;

function checked(doc: Document.Parsed, bounds: YamlBounds): BoundedYaml {
  const error = doc.errors[0];
  if (error) return { doc, error: { kind: 'syntax', message: error.message.split('\n')[0], offset: error.pos[0] } };
  if (!withinBounds(doc, bounds)) return { doc, error: { kind: 'bounds', message: TOO_MUCH, offset: 0 } };
  return { doc };
}

/**
 * The offset where `yaml` text nests flow collections (`{`, `[`) or block indicators (`? `, `- `)
 * deeper than `maxDepth`, or undefined. A linear scan before parsing: `yaml`'s parser
 * spends milliseconds per unclosed bracket (an error object each), so 600 of them cost a second.
 */
function tooDeep(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let quote = '';
  let lineIndicators = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      // Quotes end with the line for this scan: a stray `"` inside plain text must not hide the rest.
      atLineStart = true;
      lineIndicators = 0;
      quote = '';
      continue;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end - 1;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      atLineStart = false;
    } else if (c === '{' || c === '[') {
      if (++depth > maxDepth) return i;
    } else if (c === '}' || c === ']') {
      depth = Math.max(0, depth - 1);
    } else if (atLineStart && (c === '?' || c === '-' || c === ':') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      if (++lineIndicators > maxDepth) return i;
    } else if (c !== ' ' && c !== '\t') {
      atLineStart = false;
    }
  }
  return undefined;
}

/** True when the document's node tree is small and shallow enough to convert. */
function withinBounds(doc: Document.Parsed, bounds: YamlBounds): boolean {
  let nodes = 0;
  let ok = true;
  visit(doc, (_key, _node, path) => {
    if (++nodes > bounds.maxNodes || path.length > bounds.maxDepth * 2 + 2) {
      ok = false;
      return visit.BREAK;
    }
    return undefined;
  });
  return ok;
}
