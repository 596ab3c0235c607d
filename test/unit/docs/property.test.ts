import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { markReviewedEdits, setStatusEdits } from '../../../src/core/docs/edits';
import { applyEdits } from './fixtures';
import { DocsIndex } from '../../../src/core/docs/index';
import { parseDecision, parseRunbook } from '../../../src/core/docs/parse';
import { readSource } from '../../../src/core/docs/source';

/** Markdown-ish text: fragments that exercise front matter, headings, lists, tables, links, CRLF. */
const fragment = fc.constantFrom(
  '---',
  '...',
  '# 1. Title',
  '## Status',
  '## Status: Accepted',
  'Status: Accepted',
  '* Status: proposed',
  '- Date: 11/11/2024',
  'status: accepted',
  'status:',
  'status: >',
  '  - proposed',
  '  still proposed',
  'last_reviewed_on:',
  '| Status | Date |',
  '| Proposed | 2024 |',
  '* **Status**: proposed <!-- note -->',
  'status: [',
  '\tstatus: x',
  'tags: [a, b',
  'last_reviewed_on: 2024-13-45',
  'review_in: 3 months',
  '| Status | Accepted |',
  '| --- | --- |',
  'Superseded by [2. X](0002-x.md)',
  'Supersedes [](%)',
  'Superceded by 16',
  '[link](http://x)',
  '```',
  '> quote',
  '`',
  'a `b',
  'c` d',
  '\uFEFF',
  '\r',
  '',
  '\u0000',
);
const markdownish = fc.array(fc.oneof(fragment, fc.string()), { maxLength: 30 }).map((parts) => parts.join('\n'));
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), markdownish);

describe('docs parsers never throw (fast-check)', () => {
  it('parseDecision and parseRunbook accept any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const decision = parseDecision('/r/0001-x.md', text, '/r');
        parseRunbook('/r/runbooks/x.md', text, '/r');
        for (const problem of decision.problems) assert.ok(problem.line >= 0);
      }),
      { numRuns: 400, seed: 20261129 },
    );
  });

  it('status and review edits accept any text and change only what they say', () => {
    const validYaml = (text: string): boolean => !readSource(text).frontMatter?.error;
    fc.assert(
      fc.property(anyText, fc.constantFrom('Accepted', 'Rejected', 'Deprecated'), (text, status) => {
        if (!validYaml(text)) {
          // Broken front matter: both edits refuse with a reason instead of guessing.
          assert.throws(() => setStatusEdits('/r/0001-x.md', text, status), /front matter is not valid YAML/);
          assert.throws(() => markReviewedEdits('/r/runbooks/x.md', text, '2026-11-22'), /not valid YAML/);
          return;
        }
        const edits = setStatusEdits('/r/0001-x.md', text, status);
        const out = applyEdits(text, edits);
        for (const edit of edits) assert.ok(edit.start <= edit.end && edit.end <= text.length);
        // Everything before the first edit and after the last one is untouched.
        const first = Math.min(...edits.map((e) => e.start), text.length);
        const last = Math.max(...edits.map((e) => e.end), 0);
        assert.equal(out.slice(0, first), text.slice(0, first));
        assert.equal(out.slice(out.length - (text.length - last)), text.slice(last));
        // The edit says what it was asked to: the new status reads back, the YAML stays valid.
        const after = parseDecision('/r/0001-x.md', out, '/r');
        const expected = status.toLowerCase();
        const overridden = after.references.some((r) => r.relation === 'supersededBy');
        if (!overridden) assert.equal(after.status, expected, JSON.stringify(out));
        assert.ok(validYaml(out), `front matter broken by the edit: ${JSON.stringify(out)}`);

        const reviewed = applyEdits(text, markReviewedEdits('/r/runbooks/x.md', text, '2026-11-22'));
        assert.equal(parseRunbook('/r/runbooks/x.md', reviewed, '/r').lastReviewedOn, '2026-11-22');
        assert.ok(validYaml(reviewed), `front matter broken by Mark Reviewed: ${JSON.stringify(reviewed)}`);
      }),
      { numRuns: 400, seed: 20261129 },
    );
  });

  it('the index answers consistently after any sequence of updates and removals', () => {
    const op = fc.record({ file: fc.constantFrom('a', 'b', 'c'), text: fc.option(markdownish, { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 20 }), (ops) => {
        const index = new DocsIndex({ clock: { now: () => 0 } });
        const live = new Map<string, string>();
        for (const { file, text } of ops) {
          const path = `/r/000${file === 'a' ? 1 : file === 'b' ? 2 : 1}-${file}.md`;
          if (text === undefined) {
            index.remove(path);
            live.delete(path);
          } else {
            index.setDecision(path, text, '/r');
            live.set(path, text);
          }
          index.problems();
        }
        // Incremental state equals a fresh index built from the final texts.
        const fresh = new DocsIndex({ clock: { now: () => 0 } });
        for (const [path, text] of live) fresh.setDecision(path, text, '/r');
        assert.deepEqual(index.problems(), fresh.problems());
        assert.deepEqual(index.decisions(), fresh.decisions());
      }),
      { numRuns: 200, seed: 20261129 },
    );
  });
});
