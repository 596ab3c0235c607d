import { type CodeAction, CodeActionKind, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  STATUS_CHOICES,
  type TextEdit as OffsetEdit,
  addSupersedesEdits,
  linkText,
  markReviewedEdits,
  setStatusEdits,
  supersededStatus,
} from '../core/docs/edits';
import { slashReadings } from '../core/docs/dateOrder';
import type { DocsIndex } from '../core/docs/index';
import { numberFromFileName } from '../core/docs/names';
import { basename, dirname, relativePath } from '../core/docs/paths';
import { STATUS_LABELS } from '../core/docs/status';
import type { Decision } from '../core/docs/types';
import { recordLabel, resolveReference } from './records';

/** What code actions need besides the index: current texts (open documents first) and URIs. */
export interface CodeActionContext {
  index: DocsIndex;
  text(path: string): Promise<string | undefined>;
  uriOf(path: string): string;
  /** The user's calendar day (yyyy-mm-dd), written by Mark Runbook Reviewed. */
  today(): string;
}

/** Offset edits from src/core/docs/edits.ts as LSP edits against `text`. */
function lspEdits(uri: string, text: string, edits: OffsetEdit[]): TextEdit[] {
  const doc = TextDocument.create(uri, 'markdown', 0, text);
  return edits.map((e) => ({
    range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
    newText: e.newText,
  }));
}

function says(index: DocsIndex, record: Decision, relation: 'supersedes' | 'supersededBy', other: Decision): boolean {
  return record.references.some((r) => r.relation === relation && resolveReference(index, record, r) === other);
}

/** The edit that makes `record` say `relation` about `other` (the missing half of a supersede link). */
async function reciprocalAction(
  ctx: CodeActionContext,
  record: Decision,
  relation: 'supersedes' | 'supersededBy',
  other: Decision,
  diagnostic?: Diagnostic,
): Promise<CodeAction | undefined> {
  const text = await ctx.text(record.path);
  if (text === undefined) return undefined;
  const link = { number: other.number, title: other.title, href: relativePath(dirname(record.path), other.path) };
  const edits =
    relation === 'supersededBy'
      ? setStatusEdits(record.path, text, supersededStatus(link, record.format))
      : addSupersedesEdits(record.path, text, linkText(link, record.format));
  const uri = ctx.uriOf(record.path);
  const what = relation === 'supersededBy' ? 'Mark as superseded by' : 'Add "Supersedes"';
  const where = diagnostic ? '' : ` in ${basename(record.path)}`;
  return {
    title: `${what} ${recordLabel(other)}${where}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    isPreferred: true,
    edit: { changes: { [uri]: lspEdits(uri, text, edits) } },
  };
}

/**
 * Quick fixes: make a supersede link reciprocal (on the record that lacks the link back, and on the
 * line of the record that has it — editing the other file), set a status where it is missing
 * or unknown, write a date that reads two ways as the ISO date of either. Every edit is the minimal one from src/core/docs/edits.ts.
 */
export async function codeActions(
  ctx: CodeActionContext,
  path: string,
  range: Range,
  diagnostics: Diagnostic[],
): Promise<CodeAction[]> {
  const { index } = ctx;
  const record = index.decision(path);
  if (!record) return index.runbook(path) ? runbookActions(ctx, path, diagnostics) : [];
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'cadence') continue;
    if (diagnostic.code === 'non-reciprocal-supersede') {
      const links = index.links(path);
      for (const newer of links.supersededBy.map((p) => index.decision(p))) {
        if (newer && !says(index, record, 'supersededBy', newer)) {
          const action = await reciprocalAction(ctx, record, 'supersededBy', newer, diagnostic);
          if (action) actions.push(action);
        }
      }
      for (const older of links.supersedes.map((p) => index.decision(p))) {
        if (older && !says(index, record, 'supersedes', older)) {
          const action = await reciprocalAction(ctx, record, 'supersedes', older, diagnostic);
          if (action) actions.push(action);
        }
      }
    } else if (diagnostic.code === 'broken-link') {
      const text = await ctx.text(path);
      if (text !== undefined) actions.push(...renamedLinkActions(ctx, record, text, diagnostic));
    } else if (diagnostic.code === 'ambiguous-date') {
      const text = await ctx.text(path);
      if (text !== undefined) actions.push(...isoDateActions(ctx, record, text, diagnostic));
    } else if (diagnostic.code === 'missing-status' || diagnostic.code === 'unknown-status') {
      const text = await ctx.text(path);
      if (text === undefined) continue;
      const uri = ctx.uriOf(path);
      for (const status of STATUS_CHOICES) {
        const label = STATUS_LABELS[status];
        actions.push({
          title: `Set status to ${label}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [uri]: lspEdits(uri, text, setStatusEdits(path, text, label)) } },
        });
      }
    }
  }
  // On a "Supersedes"/"Superseded by" line: fix the other record when it does not link back.
  for (const ref of record.references) {
    if (ref.line < range.start.line || ref.line > range.end.line) continue;
    if (ref.relation !== 'supersedes' && ref.relation !== 'supersededBy') continue;
    const other = resolveReference(index, record, ref);
    if (!other || other === record) continue;
    const back = ref.relation === 'supersedes' ? 'supersededBy' : 'supersedes';
    if (says(index, other, back, record)) continue;
    const action = await reciprocalAction(ctx, other, back, record);
    if (action) actions.push(action);
  }
  return actions;
}

/** On `stale-runbook`: Mark Runbook Reviewed, the sidebar command's edit (last_reviewed_on: today). */
async function runbookActions(ctx: CodeActionContext, path: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  const stale = diagnostics.find((d) => d.source === 'cadence' && d.code === 'stale-runbook');
  const text = stale ? await ctx.text(path) : undefined;
  if (!stale || text === undefined) return [];
  let edits: OffsetEdit[];
  try {
    edits = markReviewedEdits(path, text, ctx.today());
  } catch {
    return []; // front matter that is not valid YAML: reported as its own problem, not edited
  }
  const uri = ctx.uriOf(path);
  return [
    {
      title: 'Mark Runbook Reviewed',
      kind: CodeActionKind.QuickFix,
      diagnostics: [stale],
      isPreferred: true,
      edit: { changes: { [uri]: lspEdits(uri, text, edits) } },
    },
  ];
}

/** A link to a record file that is gone, when a record of that folder has its number: link that one. */
function renamedLinkActions(
  ctx: CodeActionContext,
  record: Decision,
  text: string,
  diagnostic: Diagnostic,
): CodeAction[] {
  const line = diagnostic.range.start.line;
  const doc = TextDocument.create(ctx.uriOf(record.path), 'markdown', 0, text);
  const lineStart = doc.offsetAt({ line, character: 0 });
  const lineText = text.slice(lineStart, doc.offsetAt({ line: line + 1, character: 0 }));
  const actions: CodeAction[] = [];
  for (const link of record.links ?? []) {
    if (link.line !== line || ctx.index.decision(link.path)) continue;
    const number = numberFromFileName(basename(link.path))?.number;
    const renamed = ctx.index.decisions().find((d) => d.folder === dirname(link.path) && d.number === number);
    const at = lineText.indexOf(`(${link.href}`);
    if (!renamed || number === undefined || at < 0) continue;
    const fragment = /[#?].*$/.exec(link.href)?.[0] ?? '';
    const newText = relativePath(dirname(record.path), renamed.path) + fragment;
    const start = lineStart + at + 1;
    actions.push({
      title: `Link ${basename(renamed.path)} (renamed)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: {
        changes: {
          [doc.uri]: [
            { range: { start: doc.positionAt(start), end: doc.positionAt(start + link.href.length) }, newText },
          ],
        },
      },
    });
  }
  return actions;
}

/** On `ambiguous-date`: write `05/02/2018` as either ISO date, the one it is read as first. */
function isoDateActions(ctx: CodeActionContext, record: Decision, text: string, diagnostic: Diagnostic): CodeAction[] {
  const doc = TextDocument.create(ctx.uriOf(record.path), 'markdown', 0, text);
  const line = diagnostic.range.start.line;
  const lineStart = doc.offsetAt({ line, character: 0 });
  // The reading the folder gives first (the record's date), then the other.
  const readings = slashReadings(record.dateText ?? '', 'monthFirst').sort(
    (a, b) => Number(b.iso === record.date) - Number(a.iso === record.date),
  );
  const written = readings[0]?.written;
  const at = written ? text.slice(lineStart, doc.offsetAt({ line: line + 1, character: 0 })).indexOf(written) : -1;
  if (!written || at < 0) return [];
  const range = { start: doc.positionAt(lineStart + at), end: doc.positionAt(lineStart + at + written.length) };
  return readings.map((reading) => ({
    title: `Write ${reading.spoken} as ${reading.iso}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [doc.uri]: [{ range, newText: reading.iso }] } },
  }));
}
