import fc from 'fast-check';
import * as assert from 'node:assert/strict';
import { addPeriod, parseDate } from '../../../src/core/docs/dates';
import { isSkippedDecisionFile, numberFromFileName, parseDecision, parseRunbook } from '../../../src/core/docs/parse';
import { globMatcher, joinPath, normalizePath, rebaseGlob, relativePath } from '../../../src/core/docs/paths';
import { normalizeStatus } from '../../../src/core/docs/status';

describe('docs parsing helpers', () => {
  it('normalizes free-text statuses and keeps unknown ones unknown', () => {
    const cases: [string, string][] = [
      ['Accepted', 'accepted'],
      ['✅ Accepted', 'accepted'],
      ['Accepted (lazy consensus) & implemented', 'accepted'],
      ['accepted, superseded by [ADR-7](0007-x.md)', 'superseded'],
      ['Superceded by 16', 'superseded'],
      ['DRAFT', 'proposed'],
      ['In Review', 'proposed'],
      ['Proposed', 'proposed'],
      ['Rejected', 'rejected'],
      ['Not accepted', 'rejected'],
      ['Deprecated', 'deprecated'],
      ['Parked', 'unknown'],
      ['', 'unknown'],
    ];
    for (const [text, status] of cases) assert.equal(normalizeStatus(text), status, text);
  });

  it('reads the dates people write', () => {
    assert.equal(parseDate('2024-02-01'), '2024-02-01');
    assert.equal(parseDate('2024-02-01T10:00:00Z'), '2024-02-01');
    assert.equal(parseDate('11/11/2024'), '2024-11-11');
    assert.equal(parseDate('02/03/2024'), '2024-02-03');
    assert.equal(parseDate('25/03/2024'), '2024-03-25');
    assert.equal(parseDate('25.03.2024'), '2024-03-25');
    assert.equal(parseDate('Nov 11, 2024'), '2024-11-11');
    assert.equal(parseDate('11 November 2024'), '2024-11-11');
    assert.equal(parseDate('2024-02-30'), undefined);
    assert.equal(parseDate('someday'), undefined);
    assert.equal(addPeriod('2026-01-31', '1 month'), '2026-02-28');
    assert.equal(addPeriod('2028-01-31', '1 month'), '2028-02-29');
    assert.equal(addPeriod('2028-02-29', '1 year'), '2029-02-28');
    assert.equal(addPeriod('2026-01-10', '3 months'), '2026-04-10');
    assert.equal(addPeriod('2026-01-10', '2 weeks'), '2026-01-24');
    assert.equal(addPeriod('2026-01-10', 'soon'), undefined);
  });

  it('takes numbers from file names, not from log4brains date ids', () => {
    assert.deepEqual(numberFromFileName('0012-use-postgresql.md'), { number: 12, text: '0012' });
    assert.deepEqual(numberFromFileName('12-use-postgresql.md'), { number: 12, text: '12' });
    assert.deepEqual(numberFromFileName('ADR-012-use-postgresql.md'), { number: 12, text: '012' });
    assert.deepEqual(numberFromFileName('adr_0003_x.md'), { number: 3, text: '0003' });
    assert.equal(numberFromFileName('20240101-use-log4brains.md'), undefined);
    assert.equal(numberFromFileName('use-postgresql.md'), undefined);
  });

  it('skips README, index, template files', () => {
    for (const name of ['README.md', 'index.md', 'template.md', 'adr-template.md', '_sidebar.md', 'notes.txt']) {
      assert.equal(isSkippedDecisionFile(name), true, name);
    }
    assert.equal(isSkippedDecisionFile('0001-x.md'), false);
    // Numbered templates: number 0, or a name that ends in "-template"; a record about templates stays.
    for (const name of ['adr000-template.md', '0000-template.md', '0001-madr-template.md', 'ADR-0000-Template.md']) {
      assert.equal(isSkippedDecisionFile(name), true, name);
    }
    assert.equal(isSkippedDecisionFile('adr-014-project-templates.md'), false);
    assert.equal(isSkippedDecisionFile('0015-templates-for-emails.md'), false);
  });

  it('parses a title without number from the file name, and the title number when the name has none', () => {
    const a = parseDecision('/r/0007-use-queues.md', 'Status: Accepted\n', '/r');
    assert.equal(a.title, 'Use queues');
    assert.equal(a.number, 7);
    const b = parseDecision('/r/queues.md', '# 8. Use queues\n\n## Status\n\nProposed\n', '/r');
    assert.equal(b.number, 8);
    assert.equal(b.title, 'Use queues');
  });

  it("reads a front-matter title as it reads a heading: 'ADR013: …' names the number (Backstage)", () => {
    const text =
      "---\nid: adrs-adr013\ntitle: 'ADR013: Proper use of HTTP fetching libraries'\nstatus: accepted\n---\n\n## Context\n\nText.\n";
    const record = parseDecision('/r/adr013-proper-use-of-http-fetching-libraries.md', text, '/r');
    assert.equal(record.title, 'Proper use of HTTP fetching libraries');
    assert.equal(record.number, 13);
    assert.deepEqual(record.problems, []);
    // A front-matter number that disagrees with the file name is reported on the title's line.
    const other = parseDecision('/r/adr014-x.md', text, '/r');
    assert.deepEqual(
      other.problems.map((p) => [p.code, p.line]),
      [['number-mismatch', 2]],
    );
    // With a heading, the heading is the title, as before.
    const both = parseDecision('/r/adr013-x.md', `${text}# ADR 13: From the heading\n`, '/r');
    assert.equal(both.title, 'From the heading');
  });

  it('locates the status value so edits replace exactly it', () => {
    const text = '# 1. X\n\n## Status\n\n**Accepted**\n';
    const d = parseDecision('/r/0001-x.md', text, '/r');
    assert.equal(d.statusLocation?.kind, 'section');
    const span = d.statusLocation!.value;
    assert.equal(text.slice(span.start, span.end), 'Accepted');
    const bullets = '# X\n\n* **Status:** accepted\n';
    const m = parseDecision('/r/0001-x.md', bullets, '/r');
    assert.equal(bullets.slice(m.statusLocation!.value.start, m.statusLocation!.value.end), 'accepted');
  });

  it('reads runbook front matter', () => {
    const runbook = parseRunbook(
      '/r/runbooks/a.md',
      '---\nowner: a@b.c\nlast_reviewed_on: 2026-01-02\nreview_in: 6 weeks\n---\n# A\n',
      '/r',
    );
    assert.deepEqual(
      [runbook.title, runbook.owner, runbook.lastReviewedOn, runbook.reviewIn, runbook.lastReviewedLine],
      ['A', 'a@b.c', '2026-01-02', '6 weeks', 2],
    );
  });

  it('path helpers and globs', () => {
    assert.equal(joinPath('/a/b', '../c/./d.md'), '/a/c/d.md');
    assert.equal(relativePath('/a/b', '/a/c/d.md'), '../c/d.md');
    assert.ok(globMatcher('**/runbooks/**').test('x/runbooks/y/z.md'));
    assert.ok(globMatcher('**/runbooks/**').test('runbooks/z.md'));
    assert.ok(globMatcher('ops/*.{md,markdown}').test('ops/a.markdown'));
    assert.ok(!globMatcher('ops/*.md').test('ops/x/a.md'));
  });

  it('relativePath: the slice for a path inside its folder agrees with the segment walk', () => {
    // The segment walk every pair used to take, kept here as the reference.
    const walk = (from: string, to: string): string => {
      const a = normalizePath(from).split('/').filter(Boolean);
      const b = normalizePath(to).split('/').filter(Boolean);
      let common = 0;
      while (common < a.length && common < b.length && a[common] === b[common]) common++;
      return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/') || '.';
    };
    const segment = fc.constantFrom('a', 'b', 'ab', '.', '..', '', 'docs', 'x.md');
    const path = fc
      .tuple(fc.boolean(), fc.array(segment, { maxLength: 5 }))
      .map(([absolute, parts]) => (absolute ? '/' : '') + parts.join('/'));
    fc.assert(
      fc.property(path, path, (from, to) => {
        assert.equal(relativePath(from, to), walk(from, to));
        assert.equal(relativePath(from, `${from}/${to}`), walk(from, `${from}/${to}`));
      }),
      { seed: 20261130, numRuns: 2000 },
    );
    assert.equal(relativePath('/r/docs', '/r/docs/decisions/0001-a.md'), 'decisions/0001-a.md');
    assert.equal(relativePath('/r/doc', '/r/docs/a.md'), '../docs/a.md');
  });

  it('rebaseGlob reads a glob from a subfolder of the folder it is written for', () => {
    assert.equal(rebaseGlob('docs/guides/*.md', ''), 'docs/guides/*.md');
    assert.equal(rebaseGlob('./docs/guides/*.md', 'docs'), 'guides/*.md');
    assert.equal(rebaseGlob('*/guides/*.md', 'docs'), 'guides/*.md');
    assert.equal(rebaseGlob('**/guides/*.md', 'docs/team'), '**/guides/*.md');
    assert.equal(rebaseGlob('docs/**/*.md', 'docs/team/a'), '**/*.md');
    assert.equal(rebaseGlob('ops/*.md', 'docs'), undefined);
    assert.equal(rebaseGlob('README.md', 'docs'), undefined);
  });
});
