/**
 * file URIs ⇄ the index's '/'-separated paths. The index keys records by a URI's path (see
 * src/core/docs/types.ts), so the server converts at its edges and nowhere else.
 */

/** The path of a `file:` URI ('/a/b c.md'), undefined for other schemes (untitled, git, …). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const url = new URL(uri);
    return decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
}

/** A `file:` URI for an index path, each segment percent-encoded as VS Code does. */
export function pathToUri(path: string): string {
  return `file://${path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')}`;
}
