import {
  type CompletionItem,
  CompletionItemKind,
  type CompletionList,
  InsertTextFormat,
  MarkupKind,
  type Position,
} from 'vscode-languageserver';
import { STATUS_CHOICES, folderFormat, linkText } from '../core/docs/edits';
import type { DocsIndex } from '../core/docs/index';
import { headingsOf } from '../core/docs/parse';
import { basename, dirname, relativePath } from '../core/docs/paths';
import { STATUS_LABELS } from '../core/docs/status';
import type { Decision } from '../core/docs/types';
import { RELATION_WORDS } from '../core/docs/fields';
import { frontMatterClose } from '../core/docs/source';
import { decisionPreview, lineOf, recordLabel, statusDetail } from './records';

/**
 * Records offered per request. A folder of 5,000 records would send megabytes per keystroke; the
 * best matches of what is typed go out with `isIncomplete`, so the editor asks again as typing goes on.
 */
export const MAX_RECORD_ITEMS = 100;

/** Inside a Markdown link target: `[x](00▮`. */
const LINK_TARGET = /\]\(\s*<?([^()\s<>]*)$/;
/** After a relation word (the core's words): `Supersedes ▮`, `Superseded by: 00▮`, `* Amends ▮`. */
const RELATION = new RegExp(`\\b(?:${RELATION_WORDS})\\s*:?\\s+([^\\s[\\]()]*)$`, 'i');
/** After `ADR-` or `ADR ` with digits typed so far (a mention, not a link). */
const MENTION_PREFIX = /\bADR[- ](\d*)$/i;
const FRONT_MATTER_STATUS = /^\s*status\s*:\s*["']?([A-Za-z]*)$/i;
const FIELD_STATUS = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?status(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*([A-Za-z]*)$/i;

/** Inside front matter that is still open on `line` (the core's rule for where it starts and ends). */
function inFrontMatter(text: string, line: number): boolean {
  return line > 0 && frontMatterClose((l) => lineOf(text, l), line) === -1;
}

/**
 * Completion in decision records: other records inside a link target or after a relation word
 * ("Supersedes", "Superseded by", "Amends"), and statuses where a status is written (front matter
 * `status:`, a `* Status:` field, the `## Status` section).
 */
export function complete(
  index: DocsIndex,
  path: string,
  text: string,
  position: Position,
): CompletionItem[] | CompletionList {
  const line = lineOf(text, position.line);
  const prefix = line.slice(0, position.character);
  const range = (typed: string) => ({
    start: { line: position.line, character: position.character - typed.length },
    end: position,
  });
  const self = index.decision(path);
  const folder = self?.folder ?? dirname(path);

  const target = LINK_TARGET.exec(prefix);
  if (target) {
    return best(index, path, folder, target[1], (decision, order) => {
      const href = relativePath(dirname(path), decision.path);
      return {
        ...recordItem(decision, order, path),
        textEdit: { range: range(target[1]), newText: href },
        filterText: href,
      };
    });
  }

  const mention = MENTION_PREFIX.exec(prefix);
  if (mention && !inFrontMatter(text, position.line)) {
    // "ADR-0▮": the record's number as its file name writes it (the folder's own style).
    return best(
      index,
      path,
      folder,
      mention[1],
      (decision, order) => {
        const number = decision.numberText ?? String(decision.number ?? '');
        return {
          ...recordItem(decision, order, path),
          textEdit: { range: range(mention[1]), newText: number },
          filterText: number,
        };
      },
      (decision) => decision.number !== undefined && decision.folder === folder,
    );
  }

  const relation = RELATION.exec(prefix);
  if (relation && !inFrontMatter(text, position.line)) {
    const style = folderFormat(
      index
        .decisions()
        .filter((d) => d.folder === folder)
        .map((d) => d.format),
    );
    return best(index, path, folder, relation[1], (decision, order) => {
      const href = relativePath(dirname(path), decision.path);
      const link = linkText({ number: decision.number, title: decision.title, href }, style);
      return {
        ...recordItem(decision, order, path),
        textEdit: { range: range(relation[1]), newText: link },
        filterText: `${recordLabel(decision)} ${href}`,
      };
    });
  }

  const lower = (typed: string) => statusItems(typed, range(typed), true);
  if (inFrontMatter(text, position.line)) {
    const m = FRONT_MATTER_STATUS.exec(prefix);
    return m ? lower(m[1]) : [];
  }
  const field = FIELD_STATUS.exec(prefix);
  if (field) {
    // MADR 2 bullets write statuses in lower case; a Nygard "Status:" line capitalizes.
    const bullet = /^\s*[-*+]\s/.test(prefix);
    return statusItems(field[1], range(field[1]), bullet && self?.statusText !== '' ? isLower(self) : bullet);
  }
  const word = /^\s*([A-Za-z]*)$/.exec(prefix);
  if (word) {
    const headings = headingsOf(text).filter((h) => h.line < position.line);
    const current = headings[headings.length - 1];
    if (current && /^status\s*$/i.test(current.text)) return statusItems(word[1], range(word[1]), false);
  }
  return [];
}

/** completionItem/resolve: the record's Markdown preview as documentation. */
export function resolveCompletion(index: DocsIndex, item: CompletionItem): CompletionItem {
  const path = (item.data as { path?: unknown } | undefined)?.path;
  const decision = typeof path === 'string' ? index.decision(path) : undefined;
  if (!decision) return item;
  return { ...item, documentation: { kind: MarkupKind.Markdown, value: decisionPreview(index, decision) } };
}

function isLower(decision: Decision | undefined): boolean {
  return decision !== undefined && /^[a-z]/.test(decision.statusText);
}

/** Records to offer: the same folder first (by number), then the others; never the record itself. */
function candidates(index: DocsIndex, path: string, folder: string): Decision[] {
  const all = index.decisions().filter((d) => d.path !== path);
  return [...all.filter((d) => d.folder === folder), ...all.filter((d) => d.folder !== folder)];
}

/**
 * How well `typed` matches `text` (both lower case): 0 a prefix of the text or of its file name,
 * 1 a substring, 2 its letters in order (as the editor's fuzzy filter matches), undefined no match.
 */
function matchRank(text: string, typed: string): number | undefined {
  if (typed === '') return 0;
  const at = text.indexOf(typed);
  if (at === 0 || (at > 0 && text[at - 1] === '/')) return 0;
  if (at > 0) return 1;
  let from = 0;
  for (const c of typed) {
    from = text.indexOf(c, from) + 1;
    if (from === 0) return undefined;
  }
  return 2;
}

/** The best MAX_RECORD_ITEMS records for what is typed, as items, marked incomplete. */
function best(
  index: DocsIndex,
  path: string,
  folder: string,
  typed: string,
  item: (decision: Decision, order: number) => CompletionItem,
  include: (decision: Decision) => boolean = () => true,
): CompletionList {
  const lower = typed.toLowerCase();
  const here = dirname(path);
  const ranked: { decision: Decision; rank: number; order: number }[] = [];
  candidates(index, path, folder).forEach((decision, order) => {
    if (!include(decision)) return;
    // Most candidates sit beside the record: their link is their file name (no path arithmetic).
    const href = dirname(decision.path) === here ? basename(decision.path) : relativePath(here, decision.path);
    const text = `${href} ${recordLabel(decision)}`.toLowerCase();
    const rank = matchRank(text, lower);
    if (rank !== undefined) ranked.push({ decision, rank, order });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const items = ranked.slice(0, MAX_RECORD_ITEMS).map((r, order) => item(r.decision, order));
  return { isIncomplete: true, items };
}

function recordItem(decision: Decision, order: number, from: string): CompletionItem {
  return {
    label: recordLabel(decision),
    // Records of another folder say where they are: numbers repeat across folders.
    labelDetails:
      decision.folder === dirname(from) ? undefined : { description: relativePath(dirname(from), decision.folder) },
    kind: CompletionItemKind.File,
    detail: statusDetail(decision),
    // The preview is filled in by completionItem/resolve: a folder of thousands of records would
    // otherwise send thousands of previews for one keystroke.
    data: { path: decision.path },
    sortText: String(order).padStart(6, '0'),
    insertTextFormat: InsertTextFormat.PlainText,
  };
}

function statusItems(typed: string, range: { start: Position; end: Position }, lower: boolean): CompletionItem[] {
  return STATUS_CHOICES.map((status, order) => {
    const label = STATUS_LABELS[status];
    const newText = lower ? label.toLowerCase() : label;
    return {
      label: newText,
      kind: CompletionItemKind.EnumMember,
      detail: 'Decision status',
      sortText: String(order),
      filterText: newText,
      textEdit: { range, newText },
    };
  }).filter((item) => typed === '' || item.label.toLowerCase().startsWith(typed.toLowerCase()));
}
