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

/**
 * ISO yyyy-mm-dd for `2024-02-01`, `2024-02-01T10:00Z`, `2024/02/01`, `11/11/2024` (month first,
 * unless the first number cannot be a month), `11.11.2024` (day first, the European dotted form),
 * `Nov 11, 2024`, `11 November 2024`; undefined otherwise.
 */
export function parseDate(text: string): string | undefined {
  const t = text.trim();
  // Any non-digit may follow: "2019-05-13, updated …", "2024-02-01.", "2024-02-01T10:00Z".
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(t);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(t);
  if (m) return +m[1] > 12 ? iso(+m[3], +m[2], +m[1]) : iso(+m[3], +m[1], +m[2]);
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
