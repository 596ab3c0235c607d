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
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new TemplateError(`the weekly template does not render: ${message}`);
  }
}
