/** Reading the many ways people write dates in decision records, and simple date arithmetic. */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2999) return undefined;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthOf(name: string): number | undefined {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index < 0 ? undefined : index + 1;
}

/** Which number of a slashed date (`05/02/2018`) is the month, when neither is over 12. */
export type SlashOrder = 'monthFirst' | 'dayFirst';

/** A `05/02/2018`-, `05-02-2018`- or `05/02/18`-style date at the start of `text`: its two small numbers, year and text. */
export interface SlashedDate {
  first: number;
  second: number;
  year: number;
  text: string;
}

export function slashedDate(text: string): SlashedDate | undefined {
  // A two-digit year (`08/01/24`) is this century's: decision records are younger than 2000.
  const m = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})\b/.exec(text.trim());
  return m ? { first: +m[1], second: +m[3], year: +m[4] + (m[4].length === 2 ? 2000 : 0), text: m[0] } : undefined;
}

/** The ISO date of a slashed date: the number over 12 is the day; otherwise `order` decides. */
function readSlashed(date: SlashedDate, order: SlashOrder): string | undefined {
  const dayFirst = date.first > 12 || (date.second <= 12 && order === 'dayFirst');
  return dayFirst ? iso(date.year, date.second, date.first) : iso(date.year, date.first, date.second);
}

/**
 * What a slashed date says about how its folder writes them: `13/02/2018` is day first,
 * `02/13/2018` month first, `05/02/2018` could be either (`ambiguous`); undefined for anything
 * else, `03/03/2020` (the same both ways) and impossible dates included.
 */
export function slashEvidence(text: string): SlashOrder | 'ambiguous' | undefined {
  const date = slashedDate(text);
  if (!date || date.first === date.second) return undefined;
  if (!readSlashed(date, 'monthFirst') && !readSlashed(date, 'dayFirst')) return undefined;
  if (date.first > 12) return 'dayFirst';
  return date.second > 12 ? 'monthFirst' : 'ambiguous';
}

/**
 * ISO yyyy-mm-dd for `2024-02-01`, `2024-02-01T10:00Z`, `2024/02/01`, `11/11/2024` or `11-11-2024` (month first
 * unless `slashOrder` says day first — the folder's records decide, see dateOrder.ts — and either
 * way the number over 12 is the day), `11.11.2024` (day first, the European dotted form),
 * `Nov 11, 2024`, `11 November 2024`; undefined otherwise.
 */
export function parseDate(text: string, slashOrder: SlashOrder = 'monthFirst'): string | undefined {
  const t = text.trim();
  // Any non-digit may follow: "2019-05-13, updated …", "2024-02-01.", "2024-02-01T10:00Z".
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(t);
  if (m) return iso(+m[1], +m[2], +m[3]);
  const slashed = slashedDate(t);
  if (slashed) return readSlashed(slashed, slashOrder);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(t);
  if (m) return iso(+m[3], +m[2], +m[1]);
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(t);
  if (m) {
    const month = monthOf(m[1]);
    return month ? iso(+m[3], month, +m[2]) : undefined;
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(t);
  if (m) {
    const month = monthOf(m[2]);
    return month ? iso(+m[3], month, +m[1]) : undefined;
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return iso(+m[1], +m[2], +m[3]);
  return undefined;
}

/** Adds a period like "3 months", "6 weeks", "1 year", "90 days" to an ISO date. */
export function addPeriod(isoDate: string, period: string): string | undefined {
  const m = /^\s*(\d+)\s*(day|week|month|year)s?\s*$/i.exec(period);
  const base = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m || !base) return undefined;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  const date = new Date(Date.UTC(+base[1], +base[2] - 1, +base[3]));
  if (unit === 'day') date.setUTCDate(date.getUTCDate() + n);
  else if (unit === 'week') date.setUTCDate(date.getUTCDate() + 7 * n);
  else {
    // Months and years clamp to the month's last day: Jan 31 + 1 month is Feb 28 (29), not Mar 3.
    const months = unit === 'month' ? n : 12 * n;
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + months);
    const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, last));
  }
  return date.toISOString().slice(0, 10);
}

/** Adds whole days to an ISO date. */
export function addDays(isoDate: string, days: number): string | undefined {
  return addPeriod(isoDate, `${days} days`);
}

/** The ISO date of an epoch-milliseconds instant in UTC. */
export function isoDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
