// What leaves the editor: a copy (Slack, plain text), a saved update, a Slack post, a GitHub
// publication, `cadence draft --format slack|text`. Every one of them goes through `shareable`, so
// the prompts a draft shows the author ("None found. Anything blocking you? …") and the footer
// ("Counting you as: …") are never sent while they are unedited, and a section left with nothing
// to say is left out with its heading.
import type { WeeklyDraft } from './model';
import { convertMarkdown, FOOTER_PREFIX, PLACEHOLDERS, renderShared } from './render';

export type ShareFormat = 'markdown' | 'slack' | 'text';

const PROMPTS = new Set<string>(Object.values(PLACEHOLDERS));

/** A bullet or line holding only one of the draft's prompts, as the Markdown draft writes it. */
function isPrompt(line: string): boolean {
  const body = line
    .trim()
    .replace(/^[-*+•]\s+/, '')
    .replace(/^_(.*)_$/, '$1')
    .trim();
  return PROMPTS.has(body);
}

function isFooter(line: string): boolean {
  return line.trim().replace(/^_/, '').startsWith(FOOTER_PREFIX);
}

const isHeading = (line: string) => /^\s{0,3}#{1,6}\s/.test(line);

/** The Markdown text without unedited prompts, the footer (and its rule), and sections left empty. */
export function withoutScaffolding(markdown: string): string {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  let kept = lines.filter((line) => !isPrompt(line));
  const footer = kept.findIndex(isFooter);
  if (footer >= 0) {
    // The footer and a `---` rule right above it (blank lines between are allowed).
    let from = footer;
    while (from > 0 && kept[from - 1].trim() === '') from--;
    if (from > 0 && /^\s*---\s*$/.test(kept[from - 1])) from--;
    kept = [...kept.slice(0, from), ...kept.slice(footer + 1)];
  }
  // A heading (level 2 or deeper) whose section has nothing left but blank lines goes too.
  const out: string[] = [];
  for (let i = 0; i < kept.length; i++) {
    const line = kept[i];
    if (isHeading(line) && !/^\s{0,3}#\s/.test(line)) {
      let next = i + 1;
      while (next < kept.length && kept[next].trim() === '') next++;
      if (next >= kept.length || isHeading(kept[next])) {
        i = next - 1;
        continue;
      }
    }
    out.push(line);
  }
  const collapsed = out.filter((line, i, all) => !(line.trim() === '' && i > 0 && all[i - 1].trim() === ''));
  while (collapsed.length > 0 && collapsed[collapsed.length - 1].trim() === '') collapsed.pop();
  return collapsed.join('\n') + '\n';
}

/**
 * The update as it is sent, in `format`. From the model while the draft is unedited (precise
 * escaping), else from the user's Markdown text (their edits kept, converted for Slack or text).
 */
export function shareable(source: WeeklyDraft | string, format: ShareFormat): string {
  if (typeof source !== 'string') return renderShared(source, format);
  const markdown = withoutScaffolding(source);
  return format === 'markdown' ? markdown : convertMarkdown(markdown, format);
}
