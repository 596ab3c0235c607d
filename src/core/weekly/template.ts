// User templates for the weekly draft (Handlebars, `cadence.weekly.template` / `--template`): kept
// apart from render.ts so Handlebars loads only when a template is set (a lazy chunk of its own).
import Handlebars from 'handlebars';
import type { WeeklyDraft } from './model';
import { markdownStyle, progressLine, reference, shippedLine } from './render';
import { focusLine, formatMinutes } from './summary';

/**
 * The variables a user template sees (documented in README "Weekly update"): plain strings and
 * lists, ready to print, so templates need no logic beyond `{{#each}}` and `{{#if}}`.
 */
export function templateContext(draft: WeeklyDraft) {
  return {
    header: draft.window.label,
    window: {
      ...draft.window,
      startIso: new Date(draft.window.start).toISOString(),
      endIso: new Date(draft.window.end).toISOString(),
    },
    summary: draft.summary,
    shipped: draft.shipped.map((item) => ({
      ...item,
      ref: reference(item, draft),
      line: shippedLine(item, draft, markdownStyle).slice(2),
    })),
    hidden: draft.hidden.map((item) => ({ ...item, ref: reference(item, draft) })),
    inProgress: draft.inProgress.map((item) => ({ ...item, line: progressLine(item, draft, markdownStyle).slice(2) })),
    blockers: draft.blockers,
    focus: draft.focus
      ? { ...draft.focus, hours: formatMinutes(draft.focus.minutes), line: focusLine(draft.focus) }
      : null,
    lastWeek: draft.lastWeek,
    identities: draft.identities,
    countingYouAs: draft.identities.join(', '),
    repos: draft.repos,
    notes: draft.notes,
  };
}

/** Thrown when a user template does not compile or render: one line for the user. */
export class TemplateError extends Error {}

/** Renders the draft through a user's Handlebars template (Markdown output: no HTML escaping). */
export function renderTemplate(draft: WeeklyDraft, source: string): string {
  try {
    const engine = Handlebars.create();
    const template = engine.compile(source, { noEscape: true, strict: false });
    return template(templateContext(draft));
  } catch (error) {
    throw new TemplateError(`the weekly template does not render: ${oneLine(error)}`);
  }
}

/**
 * Handlebars' error as one line that says what to fix: its parse errors span four lines ("Parse
 * error on line 3:", the text near the error, a caret, "Expecting 'CLOSE', … got 'INVALID'").
 */
function oneLine(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n');
  const mismatch = /^(\S+) doesn't match (\S+) - (\d+):(\d+)$/.exec(lines[0]);
  if (mismatch) {
    const [, open, close, line, column] = mismatch;
    return `{{/${close}}} closes the {{#${open}}} opened on line ${line}, column ${Number(column) + 1}: make them match`;
  }
  const parse = /^Parse error on line (\d+):$/.exec(lines[0]);
  if (!parse || lines.length < 4) return lines[0];
  const near = lines[1].trim();
  const expected = /^Expecting (.*), got '([^']*)'$/.exec(lines[3]);
  const wants = expected?.[1] ?? '';
  const got = expected?.[2];
  const what =
    wants.includes("'CLOSE_UNESCAPED'") && !wants.includes("'CLOSE'")
      ? 'a {{{ tag is not closed with }}}'
      : wants.includes("'CLOSE'") && got === 'INVALID'
        ? 'a {{ tag is not closed with }}'
        : got === 'EOF' && wants.includes("'OPEN_ENDBLOCK'")
          ? 'a block is not closed: add its {{/…}}'
          : got === 'EOF'
            ? 'the template ends inside a tag'
            : got
              ? `unexpected ${got.toLowerCase().replace(/_/g, ' ')}`
              : lines[3];
  return `parse error on line ${parse[1]} near “${near}”: ${what}`;
}
