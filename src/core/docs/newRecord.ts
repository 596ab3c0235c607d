import { folderFormat, newFileName, newRecordText, nextNumber } from './edits';
import type { DocsFileSystem } from './discovery';
import { basename, isInside, joinPath } from './paths';
import type { Decision, DecisionFormat } from './types';

/**
 * What a new decision record is made of, decided without the editor: its number, its line ending
 * and its format. The editor gathers the facts (file names on disk and on other branches, the head
 * of one existing record, what the user picked) and writes the result.
 */

/**
 * Every name a new record's number must stay clear of: the folder's files and the index's records in
 * it and in its subfolders (`adr/archive/0009-…` keeps 9 taken after it was moved there).
 */
export function takenNames(folderNames: readonly string[], decisions: readonly Decision[], folder: string): string[] {
  return [...folderNames, ...decisions.filter((d) => isInside(folder, d.folder)).map((d) => basename(d.path))];
}

/** The Markdown file whose line ending a new record copies (the folder's first), if there is one. */
export function eolSample(names: readonly string[]): string | undefined {
  return names.find((name) => /\.(md|markdown)$/i.test(name));
}

/** CRLF when the text (the head of an existing record) uses it, else LF. */
export function eolOf(text: string): '\n' | '\r\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The most of a record read for its line ending (the docs index reads records up to 1 MiB). */
const EOL_SAMPLE_MAX_BYTES = 1024 * 1024;

/**
 * The line ending a new record in `folder` copies: the folder's first Markdown file's (see
 * eolSample), read through the docs index's file access, so that only a regular file inside the
 * folder is read, bounded (a FIFO never waits, a link to /dev/zero is never followed); LF otherwise.
 */
export async function folderEol(names: readonly string[], folder: string, fs: DocsFileSystem): Promise<'\n' | '\r\n'> {
  const sample = eolSample(names);
  if (!sample) return '\n';
  // A name seen only on another branch is not there: LF.
  const read = await fs.readText(joinPath(folder, sample), EOL_SAMPLE_MAX_BYTES, folder).catch(() => undefined);
  return eolOf(typeof read === 'string' ? read : read !== undefined && 'text' in read ? read.text : '');
}

/**
 * The format of a new record in `folder`: the most common among its records, log4brains' in a
 * log4brains folder, and undefined for a folder without records (the user chooses).
 */
export function formatForFolder(
  decisions: readonly Decision[],
  folder: string,
  log4brains: boolean,
): DecisionFormat | undefined {
  const existing = decisions.filter((d) => d.folder === folder);
  if (existing.length > 0) return folderFormat(existing.map((d) => d.format));
  return log4brains ? 'log4brains' : undefined;
}

/** The format of the record that supersedes `old`: its own, or its folder's when its own is unknown. */
export function successorFormat(old: Decision, decisions: readonly Decision[]): DecisionFormat {
  if (old.format !== 'unknown') return old.format;
  return folderFormat(decisions.filter((d) => d.folder === old.folder).map((d) => d.format));
}

export interface NewRecordRequest {
  folder: string;
  /** From `takenNames`. */
  names: readonly string[];
  title: string;
  format: DecisionFormat;
  /** ISO date (the user's today). */
  date: string;
  eol: '\n' | '\r\n';
  supersedes?: Decision;
}

export interface PlannedRecord {
  /** Path of the new file, in the folder. */
  path: string;
  number: number;
  text: string;
}

/** The next record of a folder: the next free number, a file name in the folder's naming, its text. */
export function planNewRecord(request: NewRecordRequest): PlannedRecord {
  const { folder, names, title, format, date, eol, supersedes } = request;
  const number = nextNumber(names);
  const fileName = newFileName([...names], number, title, format, date);
  const text = newRecordText({
    eol,
    format,
    number: format === 'nygard' || format === 'unknown' ? number : undefined,
    title,
    date,
    supersedes: supersedes && { number: supersedes.number, title: supersedes.title, href: basename(supersedes.path) },
  });
  return { path: joinPath(folder, fileName), number, text };
}
