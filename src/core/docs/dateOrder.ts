/**
 * Slashed dates (`05/02/2018`) read as the records of their folder write them: a record dated
 * `13/02/2018` shows the folder writes the day first, one dated `02/13/2018` the month first.
 * Kept up to date one record at a time; a record whose date could be read either way is dated
 * again only when its folder's order changes.
 */
import { type SlashOrder, parseDate, slashEvidence, slashedDate } from './dates';
import { basename } from './paths';
import type { Decision, Problem } from './types';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The records of one folder with a slashed date, by what the date says. */
interface FolderDates {
  dayFirst: Set<Decision>;
  monthFirst: Set<Decision>;
  ambiguous: Set<Decision>;
}

/** Day first when more of the folder's settled dates are written day first; month first otherwise. */
function orderOf(dates: FolderDates | undefined): SlashOrder {
  return dates && dates.dayFirst.size > dates.monthFirst.size ? 'dayFirst' : 'monthFirst';
}

export class DateOrders {
  private readonly folders = new Map<string, FolderDates>();

  /** Counts a newly indexed record's date and dates it (and, if the order changed, its folder). */
  add(decision: Decision): void {
    this.change(decision, (dates, kind) => dates[kind].add(decision));
  }

  /** Forgets a record that left the index; its folder's other records may be dated again. */
  remove(decision: Decision): void {
    this.change(decision, (dates, kind) => dates[kind].delete(decision));
  }

  private change(decision: Decision, apply: (dates: FolderDates, kind: keyof FolderDates) => void): void {
    const kind = decision.dateText === undefined ? undefined : slashEvidence(decision.dateText);
    if (!kind) return;
    let dates = this.folders.get(decision.folder);
    if (!dates) {
      dates = { dayFirst: new Set(), monthFirst: new Set(), ambiguous: new Set() };
      this.folders.set(decision.folder, dates);
    }
    const before = orderOf(dates);
    apply(dates, kind);
    const after = orderOf(dates);
    if (dates.dayFirst.size + dates.monthFirst.size + dates.ambiguous.size === 0) {
      this.folders.delete(decision.folder);
    }
    if (before !== after) for (const record of dates.ambiguous) record.date = parseDate(record.dateText ?? '', after);
    else if (kind === 'ambiguous') decision.date = parseDate(decision.dateText ?? '', after);
  }

  /**
   * An `ambiguous-date` problem for each record whose date could be read either way, unless the
   * folder's other dates settle it: information when none does (read month first), a warning
   * when they disagree (read as most of them are written).
   */
  problems(add: (problem: Problem) => void): void {
    for (const dates of this.folders.values()) {
      if (dates.ambiguous.size === 0) continue;
      const mixed = dates.dayFirst.size > 0 && dates.monthFirst.size > 0;
      if (!mixed && dates.dayFirst.size + dates.monthFirst.size > 0) continue;
      const order = orderOf(dates);
      const why = mixed
        ? `this folder writes dates both day first (${example(dates.dayFirst)}) and month first ` +
          `(${example(dates.monthFirst)}), so it is read ${ORDER_WORDS[order]} as ` +
          `${dates.dayFirst.size === dates.monthFirst.size ? 'half' : 'most'} of them are`
        : `no record of this folder has a day over 12 to settle it, so it is read ${ORDER_WORDS[order]}`;
      for (const decision of dates.ambiguous) {
        const [monthFirst, dayFirst] = slashReadings(decision.dateText ?? '', 'monthFirst');
        if (!monthFirst || !dayFirst) continue;
        const [read, other] = order === 'dayFirst' ? [dayFirst, monthFirst] : [monthFirst, dayFirst];
        add({
          path: decision.path,
          line: decision.dateLine ?? decision.titleLine ?? 0,
          code: 'ambiguous-date',
          severity: mixed ? 'warning' : 'info',
          message:
            `${read.written} could be ${monthFirst.spoken.replace(/ \d+$/, '')} or ${dayFirst.spoken}; ${why} ` +
            `(${read.spoken}). Write ${read.iso} or ${other.iso} (ISO) to say which.`,
        });
      }
    }
  }
}

const ORDER_WORDS: Record<SlashOrder, string> = { dayFirst: 'day first', monthFirst: 'month first' };

/** One way to read a slashed date: `05/02/2018` as "5 February 2018", 2018-02-05. */
export interface SlashReading {
  order: SlashOrder;
  /** The date as written, without what follows it. */
  written: string;
  iso: string;
  spoken: string;
}

/**
 * Both readings of a date that could be read either way (`05/02/2018`), the one `first` gives
 * first; none for any other text.
 */
export function slashReadings(text: string, first: SlashOrder): SlashReading[] {
  const date = slashedDate(text);
  if (!date || slashEvidence(text) !== 'ambiguous') return [];
  const second: SlashOrder = first === 'dayFirst' ? 'monthFirst' : 'dayFirst';
  return [first, second].map((order) => {
    const [month, day] = order === 'dayFirst' ? [date.second, date.first] : [date.first, date.second];
    return {
      order,
      written: date.text,
      iso: parseDate(date.text, order) ?? '',
      spoken: `${day} ${MONTH_NAMES[month - 1]} ${date.year}`,
    };
  });
}

/** One record of a kind, the first by path, with its date as written: "13/02/2018 in 0003-b.md". */
function example(records: Set<Decision>): string {
  let first: Decision | undefined;
  for (const record of records) if (!first || record.path < first.path) first = record;
  return first ? `${slashedDate(first.dateText ?? '')?.text} in ${basename(first.path)}` : '';
}
