// "Show Focus History": this week's blocks, totals and an SVG bar chart of focus minutes per day,
// rendered as one self-contained HTML page (no script, no remote content) for a strict-CSP webview.
import { TZDate } from '@date-fns/tz';
import { summarizeFocus, type FocusBlockRecord, type FocusSummary } from './history';
import { weekOf } from './schedule';

export interface HistoryWeek {
  start: number;
  end: number;
  /** Focus minutes per day, Monday first. */
  perDay: { day: string; minutes: number }[];
  summary: FocusSummary;
  /** This week's blocks, newest first. */
  blocks: FocusBlockRecord[];
}

const DAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Groups the records of the week containing `now` (Monday to Sunday in `zone`). */
export function historyWeek(records: readonly FocusBlockRecord[], now: number, zone: string): HistoryWeek {
  const week = weekOf(now, zone);
  const perDay = week.days.map((start, i) => ({
    day: DAY_LABELS[i]!,
    minutes: summarizeFocus(records, { start, end: week.days[i + 1] ?? week.end }).minutes,
  }));
  const blocks = records
    .filter((r) => r.endedAt > week.start && r.startedAt < week.end)
    .sort((a, b) => b.startedAt - a.startedAt);
  return { start: week.start, end: week.end, perDay, summary: summarizeFocus(records, week), blocks };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "3h 05m" or "45m". */
export function formatMinutes(minutes: number): string {
  const whole = Math.round(minutes);
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m`;
}

function clock(at: number, zone: string): string {
  const d = new TZDate(at, zone);
  return `${DAY_LABELS[(d.getDay() + 6) % 7]} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The SVG chart alone: one bar per day, labelled with its minutes. Presentation attributes only. */
export function renderChartSvg(perDay: HistoryWeek['perDay']): string {
  const width = 420;
  const height = 160;
  const top = 18;
  const bottom = 22;
  const slot = width / perDay.length;
  const max = Math.max(60, ...perDay.map((d) => d.minutes));
  const bars = perDay
    .map((d, i) => {
      const h = Math.round(((height - top - bottom) * d.minutes) / max);
      const x = Math.round(i * slot + slot * 0.2);
      const y = height - bottom - h;
      const w = Math.round(slot * 0.6);
      return (
        `<rect class="bar" x="${x}" y="${y}" width="${w}" height="${h}" rx="2"><title>${d.day}: ${formatMinutes(d.minutes)}</title></rect>` +
        `<text class="value" x="${x + w / 2}" y="${y - 4}" text-anchor="middle">${d.minutes >= 0.5 ? formatMinutes(d.minutes) : ''}</text>` +
        `<text class="label" x="${x + w / 2}" y="${height - 6}" text-anchor="middle">${d.day}</text>`
      );
    })
    .join('');
  return `<svg role="img" aria-label="Focus minutes per day" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${bars}</svg>`;
}

/** The whole page. `nonce` authorises the one style element; nothing else may load or run. */
export function renderHistoryHtml(week: HistoryWeek, options: { zone: string; nonce: string }): string {
  const { zone, nonce } = options;
  const s = week.summary;
  const rows = week.blocks
    .map(
      (b) =>
        `<tr><td>${escapeHtml(clock(b.startedAt, zone))}</td><td>${formatMinutes(b.actualMinutes)} / ${formatMinutes(b.plannedMinutes)}</td>` +
        `<td>${b.completed ? 'completed' : 'stopped early'}</td><td>${escapeHtml(b.branchAtStart ?? '')}${
          b.branchAtEnd && b.branchAtEnd !== b.branchAtStart ? ` → ${escapeHtml(b.branchAtEnd)}` : ''
        }</td><td>${b.commits.length}</td><td>${escapeHtml(b.workspace ?? '')}</td></tr>`,
    )
    .join('\n');
  const branches = s.byBranch
    .slice(0, 5)
    .map((b) => `<li><code>${escapeHtml(b.branch)}</code> ${formatMinutes(b.minutes)}</li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Focus History</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px; }
table { border-collapse: collapse; margin-top: 8px; }
th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
.bar { fill: var(--vscode-charts-blue, #3794ff); }
.value, .label { fill: var(--vscode-foreground); font-size: 11px; }
.totals { font-size: 1.1em; }
</style>
</head>
<body>
<h1>Focus this week</h1>
<p class="totals" id="totals">${formatMinutes(s.minutes)} of focus in ${s.blocks} block${s.blocks === 1 ? '' : 's'} (${s.completed} completed)</p>
${renderChartSvg(week.perDay)}
${branches ? `<h2>By branch</h2><ul>${branches}</ul>` : ''}
<h2>Blocks</h2>
${
  week.blocks.length > 0
    ? `<table><thead><tr><th>Started</th><th>Focus / planned</th><th>Outcome</th><th>Branch</th><th>Commits</th><th>Workspace</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
    : '<p>No focus blocks yet this week. Run <b>Cadence: Start Focus Block</b> to start one.</p>'
}
</body>
</html>`;
}
