import * as assert from 'node:assert/strict';
import { buildDraft } from '../../../src/core/weekly/draft';
import { renderMarkdown } from '../../../src/core/weekly/render';
import { shareable, withoutScaffolding } from '../../../src/core/weekly/share';
import { isoWeekWindow } from '../../../src/core/weekly/window';

const window = isoWeekWindow('2026-W47', { timeZone: 'Europe/Berlin', weekStartsOn: 1 });
const now = Date.parse('2026-11-22T18:00:00+01:00');
const sha = 'a'.repeat(40);
const draft = buildDraft({
  window,
  now,
  authors: [],
  includeRepoUserEmail: true,
  repos: [
    {
      path: '/r/pay',
      name: 'pay',
      userEmail: 'ada@example.com',
      mailmap: null,
      webUrl: 'https://github.com/acme/pay',
      defaultBranch: 'main',
      defaultTip: sha,
      currentBranch: 'main',
      head: sha,
      shallow: false,
      uncommitted: 0,
      stashes: 0,
      branches: [],
      commits: [
        {
          sha,
          parents: [],
          tree: 't',
          authorName: 'Ada',
          authorEmail: 'ada@example.com',
          authorDate: window.start + 86_400_000,
          committerEmail: 'ada@example.com',
          committerDate: window.start + 86_400_000,
          subject: 'feat: invoices & <receipts>',
          body: '',
        },
      ],
      patchIds: {},
    },
  ],
});

const scaffolding = /None found|Anything blocking|Nothing in flight|No focus blocks recorded|Counting you as|^---$/m;

describe('the weekly update as it is sent (copy, save, post, publish, CLI)', () => {
  it('the draft itself still shows the prompts and the footer to its author', () => {
    assert.match(renderMarkdown(draft), /None found\. Anything blocking you\?/);
    assert.match(renderMarkdown(draft), /_Counting you as: ada@example\.com/);
  });

  for (const format of ['markdown', 'slack', 'text'] as const) {
    it(`leaves out unedited prompts, empty sections and the footer (${format}, from the model and from text)`, () => {
      for (const source of [draft, renderMarkdown(draft)]) {
        const sent = shareable(source, format);
        assert.doesNotMatch(sent, scaffolding, sent);
        assert.match(sent, /Invoices/);
        assert.doesNotMatch(sent, /Blockers|In progress|Focus/, 'sections with nothing to say are left out');
        assert.match(sent, /\n$/);
        assert.doesNotMatch(sent, /\n\n\n/);
      }
    });
  }

  it('keeps what the user wrote, including a section they filled in', () => {
    const edited = renderMarkdown(draft).replace(
      '- _None found. Anything blocking you? Add it here, or delete this line._',
      '- Waiting on the tax API keys',
    );
    const sent = shareable(edited, 'slack');
    assert.match(sent, /\*Blockers\*\n\n• Waiting on the tax API keys\n/);
    assert.doesNotMatch(sent, /Counting you as/);
    // A prompt the user rewrote is theirs, not a prompt.
    const rewritten = renderMarkdown(draft).replace('Nothing in flight found', 'Nothing in flight, on leave');
    assert.match(withoutScaffolding(rewritten), /## In progress \/ next week\n\n- _Nothing in flight, on leave/);
  });

  it('escapes Slack control characters from the model and from edited text alike', () => {
    assert.match(shareable(draft, 'slack'), /Invoices &amp; &lt;receipts&gt;/);
    assert.match(shareable(renderMarkdown(draft), 'slack'), /Invoices &amp; &lt;receipts&gt;/);
  });
});
