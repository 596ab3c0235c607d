import * as assert from 'node:assert/strict';
import { DocsIndex } from '../../../src/core/docs/index';
import { clock } from './fixtures';

const folder = '/w/docs/decisions';
const nygard = (n: number, title: string, status: string, body = ''): string =>
  `# ${n}. ${title}\n\n## Status\n\n${status}\n\n## Context\n\n${body}\n`;

function indexOf(records: Record<string, string>): DocsIndex {
  const index = new DocsIndex({ clock });
  for (const [name, text] of Object.entries(records)) index.setDecision(`${folder}/${name}`, text, folder);
  return index;
}

const codesOf = (index: DocsIndex, name: string): string[] => index.problemsFor(`${folder}/${name}`).map((p) => p.code);

describe('docs: every broken reference to a record', () => {
  it('reports a record that supersedes itself as such, not as "not a decision record here"', () => {
    const index = indexOf({ '0001-a.md': nygard(1, 'A', 'Superseded by [1. A](0001-a.md)') });
    const problems = index.problemsFor(`${folder}/0001-a.md`);
    assert.deepEqual(
      problems.map((p) => p.code),
      ['self-supersede'],
    );
    assert.match(problems[0].message, /superseded by itself/);
  });

  it('reads "Superseded [0019](…)" and "Superseded ADR-2" without "by" as the successor, not prose after the word', () => {
    const index = indexOf({
      '0001-a.md': nygard(1, 'A', '⌛️ Superseded [0003](0003-c.md)'),
      '0002-b.md': nygard(2, 'B', 'Superseded ADR-3'),
      // The successor does not say so: the first two are read, so it is asked to link back.
      '0003-c.md': nygard(3, 'C', 'Accepted'),
      '0004-d.md': nygard(4, 'D', 'Superseded. The [runbook](../runbooks/x.md) says how.'),
      '0005-e.md': nygard(5, 'E', '⌛ Superseded'),
    });
    const successors = (name: string) => index.links(`${folder}/${name}`).supersededBy;
    assert.deepEqual(successors('0001-a.md'), [`${folder}/0003-c.md`]);
    assert.deepEqual(successors('0002-b.md'), [`${folder}/0003-c.md`]);
    assert.deepEqual(successors('0004-d.md'), []);
    assert.deepEqual(successors('0005-e.md'), []);
    assert.deepEqual(codesOf(index, '0003-c.md'), ['non-reciprocal-supersede', 'non-reciprocal-supersede']);
    for (const name of ['0001-a.md', '0002-b.md', '0004-d.md', '0005-e.md']) assert.deepEqual(codesOf(index, name), []);
  });

  it('reports supersede cycles on every record of the cycle', () => {
    const index = indexOf({
      '0001-a.md': nygard(1, 'A', 'Superseded by [2. B](0002-b.md)', 'Supersedes [2. B](0002-b.md)'),
      '0002-b.md': nygard(2, 'B', 'Superseded by [1. A](0001-a.md)', 'Supersedes [1. A](0001-a.md)'),
    });
    assert.ok(codesOf(index, '0001-a.md').includes('supersede-cycle'));
    assert.ok(codesOf(index, '0002-b.md').includes('supersede-cycle'));
    assert.match(
      index.problemsFor(`${folder}/0001-a.md`).find((p) => p.code === 'supersede-cycle')!.message,
      /0001-a\.md → 0002-b\.md → 0001-a\.md/,
    );
  });

  it('reports a Markdown link to a record file that does not exist, naming the renamed record', () => {
    const index = indexOf({
      '0001-a.md': nygard(
        1,
        'A',
        'Accepted',
        'See [B](0002-old-name.md) and [nothing](0009-none.md) and [readme](README.md).',
      ),
      '0002-new-name.md': nygard(2, 'B', 'Accepted'),
    });
    const problems = index.problemsFor(`${folder}/0001-a.md`);
    assert.deepEqual(
      problems.map((p) => [p.code, p.message]),
      [
        ['broken-link', '0002-old-name.md does not exist; 0002-new-name.md has its number now (renamed?).'],
        ['broken-link', '0009-none.md does not exist; fix or remove the link.'],
      ],
    );
  });

  it('reports ADR-17 and ADR 17 mentions of numbers the folder does not have, and leaves #17 alone', () => {
    const index = indexOf({
      '0001-a.md': nygard(1, 'A', 'Accepted', 'Builds on ADR-2 and ADR 0002, unlike ADR-17 and ADR 18; see #19.'),
      '0002-b.md': nygard(2, 'B', 'Accepted'),
    });
    const problems = index.problemsFor(`${folder}/0001-a.md`);
    assert.deepEqual(
      problems.map((p) => [p.code, p.message]),
      [
        ['unknown-record', 'ADR 18 names no decision record of this folder (there is no number 18).'],
        ['unknown-record', 'ADR-17 names no decision record of this folder (there is no number 17).'],
      ],
    );
  });

  it('reads no record mention in code spans, autolinks, link targets, bare URLs or years', () => {
    const body = [
      'Written as `ADR-17` in code, see <https://x.example/adr006-x.md> and [the guide](https://x.example/adr-19.md).',
      'Also https://x.example/docs/adr-017-foo.html and www.example.com/adr-21 and ADR-22 in <b>prose</b>.',
      'Our ADR 2019 review was ```about ADR-23```; still, adr-0024 and ADR 25 are missing.',
    ].join('\n\n');
    const index = indexOf({
      '0001-a.md': nygard(1, 'A', 'Accepted', body),
      '0002-b.md': nygard(2, 'B', 'Accepted'),
    });
    assert.deepEqual(
      index
        .problemsFor(`${folder}/0001-a.md`)
        .map((p) => p.message.split(' names')[0])
        .sort(),
      ['ADR 25', 'ADR-22', 'adr-0024'],
    );
  });

  it('reads ADR 2019 as a record when the folder has records near that number', () => {
    const index = indexOf({
      '0001-a.md': nygard(1, 'A', 'Accepted', 'Unlike ADR 2019 and ADR 1999, this one stays.'),
      '2000-b.md': nygard(2000, 'B', 'Accepted'),
    });
    assert.deepEqual(
      index
        .problemsFor(`${folder}/0001-a.md`)
        .map((p) => p.message.split(' names')[0])
        .sort(),
      ['ADR 1999', 'ADR 2019'],
    );
  });

  it('clears a broken link when the record appears', () => {
    const index = indexOf({ '0001-a.md': nygard(1, 'A', 'Accepted', 'See [B](0002-b.md).') });
    assert.deepEqual(codesOf(index, '0001-a.md'), ['broken-link']);
    index.setDecision(`${folder}/0002-b.md`, nygard(2, 'B', 'Accepted'), folder);
    assert.deepEqual(codesOf(index, '0001-a.md'), []);
  });
});
