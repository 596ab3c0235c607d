// Renderers over ONE model: Markdown (the editor draft), Slack mrkdwn and plain text (to paste),
// JSON (the CLI contract); user templates (Handlebars) in template.ts, loaded only when one is set. Section order is fixed: header, summary,
// Shipped, In progress / next week, Blockers, Focus, footer.
import { printable } from '../printable';
import { documentationLine } from './documentation';
import { forgeOf } from './links';
import type { InProgressItem, ShippedItem, WeeklyDraft } from './model';
import { focusLine, listing } from './summary';

export type Format = 'markdown' | 'slack' | 'text' | 'json';
export const FORMATS: readonly Format[] = ['markdown', 'slack', 'text', 'json'];

export const SECTION_TITLES = {
  shipped: 'Shipped',
  inProgress: 'In progress / next week',
  blockers: 'Blockers',
  focus: 'Focus',
} as const;

/**
 * The prompts a draft shows where a section found nothing: written for the author, never sent (see
 * share.ts, which leaves them out of copies, posts and saved updates while they are unedited).
 */
export const PLACEHOLDERS = {
  shipped: 'Nothing shipped between these dates — add anything that did not go through git.',
  inProgress: 'Nothing in flight found — what will you pick up next?',
  blockers: 'None found. Anything blocking you? Add it here, or delete this line.',
  focus: 'No focus blocks recorded between these dates.',
} as const;

/** The footer line's opening words (the footer is for the author: who was counted, what was hidden). */
export const FOOTER_PREFIX = 'Counting you as:';

export interface Style {
  heading(text: string): string;
  title(text: string): string;
  bullet: string;
  link(text: string, url: string | null): string;
  code(text: string): string;
  italic(text: string): string;
  /** Escapes plain text for the format (Slack mrkdwn reserves &, < and >). */
  text(text: string): string;
}

/** Slack mrkdwn control characters: `<…>` is a link or mention, `&` starts an entity. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const plain = (text: string) => text;

export const markdownStyle: Style = {
  heading: (text) => `## ${text}`,
  title: (text) => `# ${text}`,
  bullet: '- ',
  link: (text, url) => (url ? `[${text}](${url})` : text),
  code: (text) => `\`${text}\``,
  italic: (text) => `_${text}_`,
  text: plain,
};

const slackStyle: Style = {
  heading: (text) => `*${text}*`,
  title: (text) => `*${text}*`,
  bullet: '• ',
  link: (text, url) => (url ? `<${url.replace(/[<>|]/g, encodeURIComponent)}|${text}>` : text),
  code: (text) => `\`${text}\``,
  italic: (text) => `_${text}_`,
  text: escapeSlack,
};

const textStyle: Style = {
  heading: (text) => text,
  title: (text) => text,
  bullet: '- ',
  link: (text, url) => (url ? `${text} (${url})` : text),
  code: (text) => text,
  italic: (text) => text,
  text: plain,
};

/** Escapes text for the format and re-styles the backtick spans the core writes into titles (`branch`). */
function inline(text: string, style: Style): string {
  return style.text(text).replace(/`([^`]+)`/g, (_, code: string) => style.code(code));
}

/** "#12" in a repository of the draft, "owner/name#12" elsewhere. */
function githubRef(ref: string, repo: string, draft: WeeklyDraft): string {
  return draft.repos.some((r) => r.name === repo) ? ref.slice(ref.lastIndexOf('#')) : ref;
}

/** The line at the top of a draft that GitHub could not add to (or that misses a repository). */
export function githubLine(draft: WeeklyDraft): string | null {
  const { status, message } = draft.github;
  if (!message || status === 'off') return null;
  if (status === 'ok') return `GitHub: ${message}`;
  return `GitHub left out: ${message} — this draft is from local git only.`;
}

/** "#12" (GitHub, Bitbucket), "!12" (a GitLab merge request), else the short sha. */
export function reference(item: ShippedItem, draft: WeeklyDraft): string {
  if (item.ref) return githubRef(item.ref, item.repo, draft);
  if (item.pr === null) return item.sha.slice(0, 7);
  const web = draft.repos.find((repo) => repo.name === item.repo)?.webUrl ?? null;
  return `${forgeOf(web) === 'gitlab' ? '!' : '#'}${item.pr}`;
}

export function shippedLine(item: ShippedItem, draft: WeeklyDraft, style: Style): string {
  const scope = item.scope ? `${style.text(item.scope)}: ` : '';
  const tags = [
    item.breaking ? 'breaking' : null,
    item.coAuthored ? 'co-authored' : null,
    item.commits.length > 1 ? `${item.commits.length} commits` : null,
    draft.repos.length > 1 ? item.repo : null,
  ].filter(Boolean);
  const suffix = tags.length > 0 ? ` ${style.italic(style.text(`(${tags.join(', ')})`))}` : '';
  return `${style.bullet}${scope}${inline(item.title, style)}${suffix} · ${style.link(reference(item, draft), item.url)}`;
}

const STATE_WORDS: Record<string, string> = {
  APPROVED: 'approved',
  CHANGES_REQUESTED: 'changes requested',
  COMMENTED: 'commented',
  DISMISSED: 'dismissed',
};

/** "Reviewed 3 PRs: #50 Faster builds (@bob, approved), …" */
function reviewsLine(draft: WeeklyDraft, style: Style): string | null {
  if (draft.reviews.length === 0) return null;
  const items = draft.reviews.map((review) => {
    const repo = review.ref.slice(0, review.ref.lastIndexOf('#'));
    const local = draft.repos.find((r) => r.webUrl && r.webUrl.toLowerCase().endsWith(`/${repo.toLowerCase()}`));
    const ref = local ? review.ref.slice(review.ref.lastIndexOf('#')) : review.ref;
    const last = review.states[review.states.length - 1];
    return `${style.link(ref, review.url)} ${style.text(review.title)} ${style.italic(style.text(`(@${review.author}, ${STATE_WORDS[last] ?? last.toLowerCase()})`))}`;
  });
  const count = draft.reviews.length === 1 ? '1 PR' : `${draft.reviews.length} PRs`;
  return `${style.bullet}Reviewed ${count}: ${items.join(', ')}`;
}

function githubProgressLine(item: InProgressItem, draft: WeeklyDraft, style: Style): string {
  const ref = style.link(githubRef(item.ref ?? '', item.repo, draft), item.url);
  const title = inline(item.title, style);
  switch (item.kind) {
    case 'pr':
    case 'draft-pr': {
      const draftTag = item.kind === 'draft-pr' ? ` ${style.italic('(draft)')}` : '';
      return `${style.bullet}PR ${ref}: ${title}${draftTag}`;
    }
    case 'review-request':
      return `${style.bullet}Review requested: ${ref} ${title.replace(/^Review /, '')}`;
    default: {
      const m = item.milestone;
      const due = m
        ? ` ${style.italic(style.text(`(${m.title}${m.dueOn ? `, due ${m.dueOn.slice(0, 10)}` : ''})`))}`
        : '';
      return `${style.bullet}Issue ${ref}: ${title}${due}`;
    }
  }
}

export function progressLine(item: InProgressItem, draft: WeeklyDraft, style: Style): string {
  if (item.ref) return githubProgressLine(item, draft, style);
  if (item.kind !== 'branch') {
    const ref = item.url && item.commits.length > 0 ? ` · ${style.link(item.commits[0].slice(0, 7), item.url)}` : '';
    return `${style.bullet}${inline(item.title, style)}${ref}`;
  }
  const count = item.commits.length > 1 ? ` (${item.commits.length} commits)` : '';
  const repo = draft.repos.length > 1 ? ` in ${style.text(item.repo)}` : '';
  const ref = item.commits.length > 0 ? ` · ${style.link(item.commits[0].slice(0, 7), item.url)}` : '';
  return `${style.bullet}${style.code(style.text(item.branch ?? ''))}${repo}: ${inline(item.title, style)}${count}${ref}`;
}

/**
 * One section: its heading, then its lines, else the placeholder prompt. When `share` is set (a copy,
 * a post, a saved update) the prompt is left out, and so is a section left with nothing to say.
 */
function section(out: string[], style: Style, title: string, lines: string[], placeholder: string, share: boolean) {
  if (lines.length === 0 && share) return;
  out.push(style.heading(title), '');
  if (lines.length === 0) out.push(`${style.bullet}${style.italic(placeholder)}`);
  // One push per line: a spread passes every line as an argument, and a previous update with
  // 150,000 plan bullets overflowed the stack.
  for (const line of lines) out.push(line);
  out.push('');
}

/** A shipped bullet, then the issues its PR closed, indented under it. */
function shippedLines(item: ShippedItem, draft: WeeklyDraft, style: Style): string[] {
  const lines = [shippedLine(item, draft, style)];
  const repoOf = (ref: string) => ref.slice(0, ref.lastIndexOf('#'));
  for (const issue of draft.issuesClosed.filter((closed) => closed.by === item.ref)) {
    const ref = githubRef(issue.ref, repoOf(issue.ref) === repoOf(item.ref ?? '') ? item.repo : '', draft);
    lines.push(`  ${style.bullet}Closes ${style.link(ref, issue.url)}: ${style.text(issue.title)}`);
  }
  return lines;
}

/**
 * The previous update's "next" items against this window: how many shipped, which (✓), which are
 * still in progress (counted only: the In progress section lists them), and which did not happen.
 */
function planLines(draft: WeeklyDraft, style: Style): string[] {
  const plan = draft.lastWeek ?? [];
  const done = plan.filter((check) => check.shipped !== null);
  const ongoing = plan.filter((check) => check.shipped === null && check.ongoing);
  const open = plan.filter((check) => check.shipped === null && !check.ongoing);
  const since = draft.window.kind === 'week' ? 'Planned last week' : 'Planned in your last update';
  const still = ongoing.length > 0 ? `, ${ongoing.length} still in progress` : '';
  const lines = [style.italic(`${since}: ${done.length} of ${plan.length} shipped${still}.`)];
  for (const check of done) lines.push(`${style.bullet}✓ ${inline(check.item, style)}`);
  for (const check of open) lines.push(`${style.bullet}Not yet: ${inline(check.item, style)}`);
  return lines;
}

function render(draft: WeeklyDraft, style: Style, share = false): string {
  const out: string[] = [style.title(style.text(draft.window.label)), ''];
  // What GitHub could not add is a note to the author: not in a copy, a post or a saved update.
  const github = share ? null : githubLine(draft);
  if (github) out.push(style.italic(inline(github, style)), '');
  out.push(inline(draft.summary, style), '');
  for (const note of draft.notes) out.push(style.italic(inline(note, style)), '');

  const shipped = draft.shipped.flatMap((item) => shippedLines(item, draft, style));
  const reviews = reviewsLine(draft, style);
  if (reviews) shipped.push(reviews);
  const documentation = documentationLine(draft.documentation);
  if (documentation) shipped.push(`${style.bullet}${inline(documentation, style)}`);
  if (draft.lastWeek && draft.lastWeek.length > 0) {
    shipped.push('');
    for (const line of planLines(draft, style)) shipped.push(line);
  }
  section(out, style, SECTION_TITLES.shipped, shipped, PLACEHOLDERS.shipped, share);

  const progress = draft.inProgress.map((item) => progressLine(item, draft, style));
  section(out, style, SECTION_TITLES.inProgress, progress, PLACEHOLDERS.inProgress, share);

  const blockers = draft.blockers.map((blocker) => {
    const title = inline(blocker.title, style);
    const linked = blocker.url
      ? `${title} · ${style.link(githubRef(blocker.ref ?? '', blocker.repo, draft), blocker.url)}`
      : title;
    return `${style.bullet}${linked} ${style.italic(style.text(`(suggestion — ${blocker.evidence}; confirm or delete)`))}`;
  });
  section(out, style, SECTION_TITLES.blockers, blockers, PLACEHOLDERS.blockers, share);

  // Says where: only blocks run in the draft's repositories are counted.
  const focus = focusLine(
    draft.focus,
    draft.repos.map((repo) => `\`${repo.name}\``),
  );
  const focusLines = focus ? [`${style.bullet}${inline(focus, style)}.`] : [];
  if (draft.offDays > 0) {
    focusLines.push(
      `${style.bullet}${draft.offDays === 1 ? '1 commit' : `${draft.offDays} commits`} outside your work days.`,
    );
  }
  if (!focus && !share) focusLines.unshift(`${style.bullet}${style.italic(PLACEHOLDERS.focus)}`);
  section(out, style, SECTION_TITLES.focus, focusLines, PLACEHOLDERS.focus, share);

  if (!share) {
    const footer = [
      `${FOOTER_PREFIX} ${draft.identities.length > 0 ? draft.identities.join(', ') : 'nobody (set cadence.weekly.authorEmails or git user.email)'}`,
    ];
    if (draft.repos.length > 0) footer.push(`repos: ${draft.repos.map((repo) => repo.name).join(', ')}`);
    if (draft.hidden.length > 0) {
      const types = [...new Set(draft.hidden.map((item) => item.type ?? 'other'))];
      footer.push(`${draft.hidden.length} hidden (${listing(types)})`);
    }
    out.push('', style === markdownStyle ? '---' : '', style.italic(style.text(footer.join(' · '))));
  }
  const lines = out.filter((line, i, all) => !(line === '' && all[i - 1] === ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  // Commit subjects and branch names are the repository's: their control characters and bidi
  // overrides are escaped (a terminal, a Slack or GitHub paste), in every format and caller.
  return printable(lines.join('\n') + '\n', true);
}

/** The draft for the editor: every section, its prompts and the footer. */
export function renderMarkdown(draft: WeeklyDraft): string {
  return render(draft, markdownStyle);
}

export function renderSlack(draft: WeeklyDraft): string {
  return render(draft, slackStyle);
}

export function renderText(draft: WeeklyDraft): string {
  return render(draft, textStyle);
}

/** The draft as it is sent (no prompts, no footer); callers go through share.ts's `shareable`. */
export function renderShared(draft: WeeklyDraft, format: 'markdown' | 'slack' | 'text'): string {
  return render(draft, format === 'slack' ? slackStyle : format === 'text' ? textStyle : markdownStyle, true);
}

/** The JSON contract of `cadence draft --format json`: exactly these keys. */
export function toJson(draft: WeeklyDraft): unknown {
  return {
    window: {
      start: new Date(draft.window.start).toISOString(),
      end: new Date(draft.window.end).toISOString(),
      timeZone: draft.window.timeZone,
    },
    identities: draft.identities,
    repos: draft.repos,
    shipped: draft.shipped.map((item) => ({
      title: item.title,
      type: item.type,
      scope: item.scope,
      breaking: item.breaking,
      repo: item.repo,
      commits: item.commits,
      pr: item.pr,
      ...(item.ref !== undefined
        ? {
            ref: item.ref,
            url: item.url,
            mergedAt: item.mergedAt !== undefined ? new Date(item.mergedAt).toISOString() : null,
            closes: item.closes ?? [],
          }
        : {}),
    })),
    inProgress: draft.inProgress.map((item) => ({
      kind: item.kind,
      title: item.title,
      repo: item.repo,
      branch: item.branch,
      commits: item.commits,
      ...(item.ref !== undefined ? { ref: item.ref, url: item.url } : {}),
      ...(item.kind === 'issue' ? { milestone: item.milestone ?? null } : {}),
    })),
    blockers: draft.blockers.map((blocker) => ({
      title: blocker.title,
      repo: blocker.repo,
      evidence: blocker.evidence,
      ...(blocker.reason !== undefined ? { ref: blocker.ref, url: blocker.url, reason: blocker.reason } : {}),
    })),
    focus: draft.focus,
    summary: draft.summary,
    github: draft.github,
    reviews: draft.reviews,
    issuesClosed: draft.issuesClosed,
    documentation: draft.documentation ?? null,
  };
}

export function renderJson(draft: WeeklyDraft): string {
  return JSON.stringify(toJson(draft), null, 2) + '\n';
}

export function renderFormat(draft: WeeklyDraft, format: Format): string {
  switch (format) {
    case 'markdown':
      return renderMarkdown(draft);
    case 'slack':
      return renderSlack(draft);
    case 'text':
      return renderText(draft);
    case 'json':
      return renderJson(draft);
  }
}

/**
 * Converts an edited Markdown draft to Slack mrkdwn or plain text, for "Copy as Slack/Text" after
 * the user changed the draft in the editor (the model no longer matches the text).
 */
export function convertMarkdown(markdown: string, to: 'slack' | 'text'): string {
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*---\s*$/.test(line)) return '';
      // Slack: escape the reserved characters, but keep autolinks (<https://…>) as links.
      let out =
        to === 'slack'
          ? escapeSlack(line).replace(/&lt;((?:https?|mailto):[^\s&]*(?:&amp;[^\s&]*)*?)&gt;/g, '<$1>')
          : line;
      const heading = /^#{1,6}\s+(.*)$/.exec(out);
      if (heading) return to === 'slack' ? `*${heading[1].replace(/\*\*/g, '')}*` : heading[1];
      out = out.replace(/^(\s*)[-*+]\s+/, to === 'slack' ? '$1• ' : '$1- ');
      out = out.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, text: string, url: string) =>
        to === 'slack' ? `<${url}|${text}>` : `${text} (${url})`,
      );
      out = out.replace(/\*\*([^*]+)\*\*/g, to === 'slack' ? '*$1*' : '$1');
      if (to === 'text') out = out.replace(/`([^`]+)`/g, '$1').replace(/(^|\s)_([^_]+)_(?=\s|$|[.,;:])/g, '$1$2');
      return out;
    })
    .join('\n');
}
