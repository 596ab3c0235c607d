import {
  type DocumentSymbol,
  type Hover,
  type Location,
  MarkupKind,
  type Position,
  SymbolKind,
} from 'vscode-languageserver';
import type { DocsIndex } from '../core/docs/index';
import { headingsOf } from '../core/docs/parse';
import { dirname } from '../core/docs/paths';
import type { Decision, RunbookView } from '../core/docs/types';
import { decisionByNumber, decisionPreview, lineOf, referenceAt, resolveLink, runbookPreview } from './records';
import { pathToUri } from './uris';

interface Target {
  decision?: Decision;
  runbook?: RunbookView;
  start: number;
  end: number;
}

/** The record a reference under the cursor names: a link, or "ADR-12"/"#12" within the same folder. */
function targetAt(index: DocsIndex, path: string, text: string, position: Position): Target | undefined {
  const ref = referenceAt(lineOf(text, position.line), position.character);
  if (!ref) return undefined;
  if (ref.kind === 'link') {
    const found = resolveLink(index, path, ref.href);
    return found ? { ...found, start: ref.start, end: ref.end } : undefined;
  }
  const folder = index.decision(path)?.folder ?? dirname(path);
  const decision = decisionByNumber(index, folder, ref.number);
  return decision && decision.path !== path ? { decision, start: ref.start, end: ref.end } : undefined;
}

/** Hover on a reference to another record: its preview. */
export function hover(index: DocsIndex, path: string, text: string, position: Position): Hover | null {
  const target = targetAt(index, path, text, position);
  if (!target) return null;
  const value = target.decision
    ? decisionPreview(index, target.decision)
    : target.runbook
      ? runbookPreview(target.runbook)
      : undefined;
  if (!value) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: {
      start: { line: position.line, character: target.start },
      end: { line: position.line, character: target.end },
    },
  };
}

/** Go to definition on a reference: the record's file, at its title. */
export function definition(index: DocsIndex, path: string, text: string, position: Position): Location | null {
  const target = targetAt(index, path, text, position);
  const file = target?.decision?.path ?? target?.runbook?.path;
  if (!file) return null;
  const line = target?.decision?.titleLine ?? 0;
  return { uri: pathToUri(file), range: { start: { line, character: 0 }, end: { line, character: 0 } } };
}

/** The headings outline, nested by level; each heading's range runs to the end of its section. */
export function documentSymbols(text: string): DocumentSymbol[] {
  const headings = headingsOf(text);
  const lineCount = text.split('\n').length;
  const roots: DocumentSymbol[] = [];
  const stack: { level: number; symbol: DocumentSymbol }[] = [];
  headings.forEach((heading, i) => {
    // The section ends before the next heading of the same or a higher level.
    let endLine = lineCount - 1;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j].level <= heading.level) {
        endLine = headings[j].line - 1;
        break;
      }
    }
    const headingLine = lineOf(text, heading.line);
    const symbol: DocumentSymbol = {
      name: heading.text || headingLine.trim() || '(untitled)',
      kind: SymbolKind.String,
      range: {
        start: { line: heading.line, character: 0 },
        end: { line: endLine, character: lineOf(text, endLine).length },
      },
      selectionRange: {
        start: { line: heading.line, character: 0 },
        end: { line: heading.line, character: headingLine.length },
      },
      children: [],
    };
    while (stack.length > 0 && stack[stack.length - 1].level >= heading.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.symbol.children?.push(symbol);
    else roots.push(symbol);
    stack.push({ level: heading.level, symbol });
  });
  return roots;
}
