import * as assert from 'node:assert/strict';
import {
  folderFormat,
  markReviewedEdits,
  newFileName,
  newRecordText,
  nextNumber,
  setStatusEdits,
  supersededStatus,
} from '../../../src/core/docs/edits';
import { parseDecision } from '../../../src/core/docs/parse';
import { applyEdits } from './fixtures';

const nygard = '# 2. Use PostgreSQL\n\nDate: 2024-02-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n';

describe('docs edits keep every other byte', () => {
  it('changes a Nygard status in place', () => {
    const out = applyEdits(nygard, setStatusEdits('/r/0002-use-postgresql.md', nygard, 'Deprecated'));
    assert.equal(out, nygard.replace('\nAccepted\n', '\nDeprecated\n'));
  });

  it('edits the status line, not the line a code span, HTML, link title or image text runs onto', () => {
    // markdown-it turns the line break inside these into a space; lines after them used to shift up
    // by one, so Change Status rewrote "span` here" instead of the status (found by fast-check).
    for (const before of [
      'Some `code\nspan` here',
      'See [x](y "a\nb") now',
      'See <span\nclass="x">a</span>',
      '![a\nb](x.png)',
      '[`a\nb`](x.md) y',
    ]) {
      const text = `# 1. X\n\n${before}\nStatus: Proposed\n`;
      assert.equal(parseDecision('/r/0001-x.md', text, '/r').statusLocation?.line, 4, before);
      const out = applyEdits(text, setStatusEdits('/r/0001-x.md', text, 'Accepted'));
      assert.equal(out, text.replace('Status: Proposed', 'Status: Accepted'), before);
    }
    // A status section whose text opens a code span: the first line is replaced, nothing before it.
    const section = '# 1. X\n\n## Status\n\nProposed `a\nb` c\n';
    const out = applyEdits(section, setStatusEdits('/r/0001-x.md', section, 'Accepted'));
    assert.equal(out.slice(0, section.indexOf('Proposed')), section.slice(0, section.indexOf('Proposed')));
    assert.equal(parseDecision('/r/0001-x.md', out, '/r').status, 'accepted');
  });

  it('does not read "status:" inside a code span as the status field', () => {
    const text = '# 1. X\n\n`\nstatus: accepted\n`\n';
    const decision = parseDecision('/r/0001-x.md', text, '/r');
    assert.equal(decision.statusText, '');
    assert.equal(decision.statusLocation, undefined);
    // "Status: `accepted`" still is one: only the key must be outside code.
    assert.equal(parseDecision('/r/0001-x.md', '# 1. X\n\nStatus: `accepted`\n', '/r').status, 'accepted');
  });

  it('keeps CRLF and a BOM', () => {
    const text = '\uFEFF' + nygard.replace(/\n/g, '\r\n');
    const out = applyEdits(text, setStatusEdits('/r/0002-x.md', text, 'Rejected'));
    assert.equal(out, text.replace('\r\nAccepted\r\n', '\r\nRejected\r\n'));
  });

  it('writes MADR statuses in lower case, quoting YAML when needed', () => {
    const text = '---\nstatus: accepted # keep this comment\ndate: 2024-01-01\n---\n# X\n';
    const out = applyEdits(
      text,
      setStatusEdits('/r/0001-x.md', text, supersededStatus({ number: 5, title: 'Y', href: '0005-y.md' }, 'madr3')),
    );
    assert.equal(out, text.replace('status: accepted', 'status: "superseded by [ADR-0005](0005-y.md)"'));
    const bullets = '# X\n\n* Status: proposed\n* Date: 2020-01-01\n';
    assert.equal(
      applyEdits(bullets, setStatusEdits('/r/0001-x.md', bullets, 'Accepted')),
      bullets.replace('proposed', 'accepted'),
    );
  });

  it('adds a status where there is none, in the file format', () => {
    const bare = '# 3. Bare\n\n## Context\n\nx\n';
    assert.equal(
      applyEdits(bare, setStatusEdits('/r/0003-bare.md', bare, 'Proposed')),
      '# 3. Bare\n\n## Status\n\nProposed\n\n## Context\n\nx\n',
    );
    const front = '---\ndate: 2024-01-01\n---\n# X\n';
    assert.equal(
      applyEdits(front, setStatusEdits('/r/0001-x.md', front, 'Accepted')),
      '---\ndate: 2024-01-01\nstatus: accepted\n---\n# X\n',
    );
    const empty = '# 4. Empty\n\n## Status\n\n## Context\n';
    assert.equal(
      applyEdits(empty, setStatusEdits('/r/0004-e.md', empty, 'Accepted')),
      '# 4. Empty\n\n## Status\n\nAccepted\n\n## Context\n',
    );
  });

  it('writes after a setext heading, never between its text and its underline (found by fast-check)', () => {
    // "status:" over "---" is a Status heading with nothing under it: the status goes below the "---".
    for (const [text, out] of [
      ['status:\n---', 'status:\n---\n\nAccepted'],
      ['status:\n---\n_', 'status:\n---\n\nAccepted\n\n_'],
      ['# 1. X\n\nStatus\n======\n\n## Context\n', '# 1. X\n\nStatus\n======\n\nAccepted\n\n## Context\n'],
      // A line holding only a BOM is text to Markdown: "Accepted" over it and "---" would be a heading.
      ['## Status\n\uFEFF\n---', '## Status\n\nAccepted\n\n\uFEFF\n---'],
    ]) {
      assert.equal(applyEdits(text, setStatusEdits('/r/0001-x.md', text, 'Accepted')), out, text);
      assert.equal(parseDecision('/r/0001-x.md', out, '/r').status, 'accepted', out);
    }
    // A setext title keeps its underline; the new status section follows it.
    const titled = 'Use X\n=====\n\nx\n';
    assert.equal(
      applyEdits(titled, setStatusEdits('/r/0001-x.md', titled, 'Accepted')),
      'Use X\n=====\n\n## Status\n\nAccepted\n\nx\n',
    );
  });

  it('reads a paragraph that "---" turned into a heading line by line, as written (found by fast-check)', () => {
    // The status field and the supersede link still count; the edit changes the field's value.
    const linked = 'status: accepted\nSuperseded by [2. X](0002-x.md)\n---';
    const decision = parseDecision('/r/0001-x.md', linked, '/r');
    assert.equal(decision.statusText, 'accepted');
    assert.deepEqual(decision.references, [{ relation: 'supersededBy', path: '/r/0002-x.md', line: 1 }]);
    assert.equal(decision.status, 'superseded');
    const rejected = applyEdits(linked, setStatusEdits('/r/0001-x.md', linked, 'Rejected'));
    assert.equal(rejected, linked.replace('accepted', 'rejected'));
    assert.equal(parseDecision('/r/0001-x.md', rejected, '/r').status, 'rejected');
    // The field on the heading's second line (a lone BOM above it) is edited where it is.
    const bom = '\n\uFEFF\nstatus: [\n---';
    const out = applyEdits(bom, setStatusEdits('/r/0001-x.md', bom, 'Accepted'));
    assert.equal(out, '\n\uFEFF\nstatus: Accepted\n---');
    assert.equal(parseDecision('/r/0001-x.md', out, '/r').status, 'accepted');
  });

  it('marks a runbook reviewed: replaces, inserts the key, or adds front matter', () => {
    const withKey = '---\nowner: a\nlast_reviewed_on: 2025-01-01\n---\n# R\n';
    assert.equal(
      applyEdits(withKey, markReviewedEdits('/r/a.md', withKey, '2026-11-22')),
      withKey.replace('2025-01-01', '2026-11-22'),
    );
    const without = '---\nowner: a\n---\n# R\n';
    assert.equal(
      applyEdits(without, markReviewedEdits('/r/a.md', without, '2026-11-22')),
      '---\nowner: a\nlast_reviewed_on: 2026-11-22\n---\n# R\n',
    );
    const none = '# R\r\n';
    assert.equal(
      applyEdits(none, markReviewedEdits('/r/a.md', none, '2026-11-22')),
      '---\r\nlast_reviewed_on: 2026-11-22\r\n---\r\n# R\r\n',
    );
  });

  it('names new records like their folder and numbers them past every branch', () => {
    assert.equal(nextNumber(['0001-a.md', '0007-b.md', 'README.md', '20240101-x.md']), 8);
    assert.equal(newFileName(['0001-a.md'], 8, 'Use Kafka!', 'nygard', '2026-11-22'), '0008-use-kafka.md');
    assert.equal(newFileName(['ADR-01_a.md'], 8, 'Use Kafka', 'madr2', '2026-11-22'), 'ADR-08_use-kafka.md');
    assert.equal(newFileName([], 1, 'Use Kafka', 'madr3', '2026-11-22'), '0001-use-kafka.md');
    assert.equal(newFileName([], 1, 'Use Kafka', 'log4brains', '2026-11-22'), '20261122-use-kafka.md');
    assert.equal(folderFormat(['madr3', 'madr3', 'nygard', 'unknown']), 'madr3');
    assert.equal(folderFormat([]), 'nygard');
  });

  it('writes new records that parse back as Proposed in their own format, with the supersede link', () => {
    for (const format of ['nygard', 'madr2', 'madr3', 'log4brains'] as const) {
      const text = newRecordText({
        format,
        number: 9,
        title: 'Use Kafka',
        date: '2026-11-22',
        supersedes: { number: 2, title: 'Use RabbitMQ', href: '0002-use-rabbitmq.md' },
      });
      const parsed = parseDecision('/r/0009-use-kafka.md', text, '/r', { log4brains: format === 'log4brains' });
      assert.equal(parsed.status, 'proposed', format);
      assert.equal(parsed.format, format, format);
      assert.equal(parsed.title, 'Use Kafka', format);
      assert.equal(parsed.date, '2026-11-22', format);
      assert.deepEqual(
        parsed.references.map((r) => [r.relation, r.path]),
        [['supersedes', '/r/0002-use-rabbitmq.md']],
        format,
      );
      assert.deepEqual(parsed.problems, [], format);
    }
  });
});
