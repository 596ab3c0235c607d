import * as assert from 'node:assert/strict';
import { buildDraft } from '../../../src/core/weekly/draft';
import type { RawCommit, RepoSnapshot, WeeklyDraft } from '../../../src/core/weekly/model';
import { comparePlan, planItems } from '../../../src/core/weekly/previous';
import { convertMarkdown, renderMarkdown, renderSlack, renderText, toJson } from '../../../src/core/weekly/render';
import { renderTemplate, TemplateError } from '../../../src/core/weekly/template';
import { focusLine } from '../../../src/core/weekly/summary';
import { isoWeekWindow } from '../../../src/core/weekly/window';

const window = isoWeekWindow('2026-W47', { timeZone: 'Europe/Berlin', weekStartsOn: 1 });
const now = Date.parse('2026-11-22T18:00:00+01:00');
let n = 0;
function commit(subject: string, day: number, extra: Partial<RawCommit> = {}): RawCommit {
  n++;
  const date = window.start + day * 86_400_000 + 10 * 3_600_000;
  return {
    sha: n.toString(16).padStart(40, 'a'),
    parents: [],
    tree: `tree${n}`,
    authorName: 'Ada',
    authorEmail: 'ada@example.com',
    authorDate: date,
    committerEmail: 'ada@example.com',
    committerDate: date,
    subject,
    body: '',
    ...extra,
  };
}

function snapshot(commits: RawCommit[], extra: Partial<RepoSnapshot> = {}): RepoSnapshot {
  // Chain the commits (newest first, as git log gives them).
  const chained = commits.map((c, i) => ({ ...c, parents: i + 1 < commits.length ? [commits[i + 1].sha] : [] }));
  return {
    path: '/r/pay',
    name: 'pay',
    userEmail: 'ada@example.com',
    mailmap: null,
    webUrl: 'https://github.com/acme/pay',
    defaultBranch: 'main',
    defaultTip: chained[0]?.sha ?? null,
    currentBranch: 'main',
    head: chained[0]?.sha ?? null,
    shallow: false,
    uncommitted: 0,
    stashes: 0,
    branches: chained[0]
      ? [
          {
            name: 'main',
            tip: chained[0].sha,
            tipAuthorName: 'Ada',
            tipAuthorEmail: 'ada@example.com',
            tipAuthorDate: chained[0].authorDate,
            tipSubject: chained[0].subject,
            merged: null,
          },
        ]
      : [],
    commits: chained,
    patchIds: {},
    ...extra,
  };
}

function draftOf(commits: RawCommit[], focus: WeeklyDraft['focus'] = null): WeeklyDraft {
  return buildDraft({ window, now, repos: [snapshot(commits)], authors: [], includeRepoUserEmail: true, focus });
}

const focus = {
  blocks: 6,
  minutes: 540,
  completed: 5,
  byBranch: [
    { branch: 'main', minutes: 60 },
    { branch: 'feat/billing', minutes: 480 },
  ],
};

describe('weekly renderers', () => {
  const draft = draftOf(
    [
      commit('fix(auth): keep session (#12)', 4),
      commit('feat(billing)!: invoices in the customer currency', 3),
      commit('feat(billing): add proration', 1),
      commit('chore: bump deps', 1),
    ]
      .reverse()
      .reverse(),
    focus,
  );

  it('renders the same model as Markdown, Slack mrkdwn and plain text', () => {
    const md = renderMarkdown(draft);
    assert.match(md, /^# Week 47 · Mon 16 – Sun 22 Nov 2026 · Europe\/Berlin\n/);
    assert.match(
      md,
      /- billing: Invoices in the customer currency _\(breaking\)_ · \[[0-9a-f]{7}\]\(https:\/\/github\.com\/acme\/pay\/commit\/[0-9a-f]{40}\)/,
    );
    assert.match(md, /- auth: Keep session · \[#12\]\(https:\/\/github\.com\/acme\/pay\/pull\/12\)/);
    assert.match(md, /## Focus\n\n- 9h of focus in 6 blocks in `pay`, mostly on `feat\/billing`\./);
    assert.match(md, /_Counting you as: ada@example.com · repos: pay · 1 hidden \(chore\)_\n$/);
    const slack = renderSlack(draft);
    assert.match(slack, /^\*Week 47/);
    assert.match(slack, /\n\*Shipped\*\n/);
    assert.match(slack, /• auth: Keep session · <https:\/\/github\.com\/acme\/pay\/pull\/12\|#12>/);
    const text = renderText(draft);
    assert.match(text, /\nIn progress \/ next week\n/);
    assert.match(text, /- auth: Keep session · #12 \(https:\/\/github\.com\/acme\/pay\/pull\/12\)/);
    assert.doesNotMatch(text, /[`*]/);
  });

  it('summarizes in 3–4 deterministic sentences', () => {
    assert.equal(
      draft.summary,
      'Shipped 3 changes to the billing and the auth, including “Invoices in the customer currency” and “Add proration”. Fixed 1 bug: “Keep session”; 1 breaking change to announce. Next: nothing in flight yet — add what you plan to pick up. No blockers found; 9h of focus in 6 blocks, mostly on `feat/billing`.',
    );
    assert.equal(draftOf([commit('feat: a', 1)]).summary.split('. ').length, 3);
  });

  it('emits exactly the JSON contract keys', () => {
    const json = toJson(draft) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), [
      'window',
      'identities',
      'repos',
      'shipped',
      'inProgress',
      'blockers',
      'focus',
      'summary',
      'github',
      'reviews',
      'issuesClosed',
      'documentation',
    ]);
    assert.deepEqual(Object.keys(json.window as object), ['start', 'end', 'timeZone']);
    assert.deepEqual(Object.keys((json.shipped as object[])[0]), [
      'title',
      'type',
      'scope',
      'breaking',
      'repo',
      'commits',
      'pr',
    ]);
    assert.deepEqual(json.focus, focus);
  });

  it('suggests blockers only from lines that lead with the words', () => {
    const prose = draftOf([commit('fix: cache', 1, { body: 'The lookup depends on the region being set.' })]);
    assert.deepEqual(prose.blockers, []);
    const trailer = draftOf([commit('feat: export', 1, { body: 'Blocked-by: the finance sign-off' })]);
    assert.equal(trailer.blockers.length, 1);
    assert.match(trailer.blockers[0].title, /Blocked-by: the finance sign-off/);
  });

  it('softens the Focus section without history', () => {
    assert.equal(focusLine(null), null);
    assert.match(
      renderMarkdown(draftOf([commit('feat: a', 1)])),
      /## Focus\n\n- _No focus blocks recorded between these dates\._/,
    );
  });

  it('renders user templates with the documented variables, and reports template errors in one line', () => {
    const out = renderTemplate(
      draft,
      '{{header}}\n{{#each shipped}}* {{title}} ({{ref}}){{#if breaking}} !{{/if}}\n{{/each}}{{#if focus}}{{focus.hours}}{{/if}} — {{countingYouAs}}',
    );
    assert.match(out, /^Week 47 · Mon 16/);
    assert.match(out, /\* Invoices in the customer currency \([0-9a-f]{7}\) !\n/);
    assert.match(out, /\* Keep session \(#12\)\n/);
    assert.match(out, /9h — ada@example.com$/);
    assert.throws(
      () => renderTemplate(draft, '{{#each shipped}}'),
      (e: Error) => e instanceof TemplateError && !e.message.includes('\n'),
    );
    // One line that says where and what to fix, not Handlebars' grammar tokens.
    const errorOf = (template: string): string => {
      try {
        renderTemplate(draft, template);
      } catch (error) {
        return (error as Error).message;
      }
      return 'rendered';
    };
    assert.equal(
      errorOf('line one\n{{#each shipped}}\n- {{title}\n{{/each}}'),
      'the weekly template does not render: parse error on line 3 near “... shipped}}- {{title}{{/each}}”: a {{ tag is not closed with }}',
    );
    assert.equal(
      errorOf('{{#if focus}}\nno close'),
      'the weekly template does not render: parse error on line 2 near “...#if focus}}no close”: a block is not closed: add its {{/…}}',
    );
    assert.match(errorOf('{{{title}}'), /line 1 near “\{\{\{title\}\}”: a \{\{\{ tag is not closed with \}\}\}$/);
    assert.equal(
      errorOf('{{#each shipped}}{{/if}}'),
      'the weekly template does not render: {{/if}} closes the {{#each}} opened on line 1, column 4: make them match',
    );
  });

  it('escapes &, < and > in Slack mrkdwn, keeping its own links (#9)', () => {
    const risky = draftOf([commit('fix(a&b): handle <T> when x > 1 & y < 2 (#5)', 2)]);
    const slack = renderSlack(risky);
    assert.match(
      slack,
      /\n• a&amp;b: Handle &lt;T&gt; when x &gt; 1 &amp; y &lt; 2 · <https:\/\/github\.com\/acme\/pay\/pull\/5\|#5>\n/,
    );
    assert.match(slack, /Shipped 1 change to the a&amp;b: “Handle &lt;T&gt; when x &gt; 1 &amp; y &lt; 2”\./);
    assert.doesNotMatch(slack.replace(/<https:[^>\s]+>/g, ''), /[<>]/, 'no raw < or > outside links');
    assert.match(renderMarkdown(risky), /- a&b: Handle <T> when x > 1 & y < 2 · /, 'Markdown keeps the text');
    assert.equal(
      convertMarkdown('- Handle <T> & co · [#5](https://x/pull/5?a=1) <https://x/y>', 'slack'),
      '• Handle &lt;T&gt; &amp; co · <https://x/pull/5?a=1|#5> <https://x/y>',
    );
  });

  it('converts an edited Markdown draft to Slack and text', () => {
    const md =
      '# Week 47\n\n## Shipped\n\n- **billing**: Proration · [#12](https://x/pull/12)\n- `main`: _note_\n\n---\n_Counting you as: a_';
    assert.equal(
      convertMarkdown(md, 'slack'),
      '*Week 47*\n\n*Shipped*\n\n• *billing*: Proration · <https://x/pull/12|#12>\n• `main`: _note_\n\n\n_Counting you as: a_',
    );
    assert.equal(
      convertMarkdown(md, 'text'),
      'Week 47\n\nShipped\n\n- billing: Proration · #12 (https://x/pull/12)\n- main: note\n\n\nCounting you as: a',
    );
  });

  it("reads last week's plan from Markdown, Slack and text updates", () => {
    const shipped = draft.shipped;
    assert.deepEqual(planItems('*In progress / next week*\n• proration for invoices\n*Blockers*\n• x'), [
      'proration for invoices',
    ]);
    assert.deepEqual(planItems('In progress / next week\n\n- a thing\n\nBlockers\n- b'), ['a thing']);
    assert.deepEqual(
      comparePlan('## In progress / next week\n- `feat/x`: Keep the session (#12)\n- Something else entirely', shipped),
      [
        { item: '`feat/x`: Keep the session (#12)', shipped: 'Keep session', ongoing: false },
        { item: 'Something else entirely', shipped: null, ongoing: false },
      ],
    );
  });
});

describe('the previous update against this window', () => {
  it('counts a planned item that is still in progress once, and never lists it twice', () => {
    const shipped = draftOf([commit('feat(auth): keep session (#12)', 2)]).shipped;
    const inProgress = [
      {
        kind: 'branch' as const,
        title: 'Meter API calls per customer',
        repo: 'pay',
        branch: 'feat/usage-based-billing',
        commits: ['b'.repeat(40)],
        url: null,
      },
    ];
    const plan = comparePlan(
      '## In progress / next week\n\n- `feat/usage-based-billing`: Meter API calls per customer · [abc1234](https://x)\n- Keep the session (#12)\n- Migrate the ledger\n',
      shipped,
      inProgress,
    );
    assert.deepEqual(
      plan.map((check) => [check.shipped !== null, check.ongoing]),
      [
        [false, true],
        [true, false],
        [false, false],
      ],
    );
    const since = { ...draftOf([]), lastWeek: plan, inProgress, window: { ...window, kind: 'range' as const } };
    const md = renderMarkdown(since);
    assert.match(md, /_Planned in your last update: 1 of 3 shipped, 1 still in progress\._\n- ✓ Keep the session/);
    assert.match(md, /\n- Not yet: Migrate the ledger\n/);
    assert.equal(md.match(/usage-based-billing/g)?.length, 1, 'the branch is named once, in In progress');
    assert.doesNotMatch(md, /- …/);
  });
});
