import * as assert from 'node:assert/strict';
import { DriftCounter, RenameIndex } from '../../../src/core/docs/history';
import { extractPathRefs } from '../../../src/core/docs/pathRefs';

describe('path references in docs', () => {
  it('finds relative links (resolved from the doc) and inline-code paths (from the root)', () => {
    const text = [
      '---',
      'note: `front/matter.ts` is not read',
      '---',
      'See [tax](../src/tax.ts#L3 "Tax") and `scripts/deploy.sh:12`, then [home](/README.md).',
      'Not paths: `make migrate`, `a b/c`, [web](https://x.y/z), [top](#top), `https://x/y`, `../outside/x`.',
      '',
      '    indented/code.sh',
      '',
      '~~~',
      '`in/fence.ts`',
      '~~~',
      'Folder: `services/payments/`.',
    ].join('\n');
    const refs = extractPathRefs(text, 'docs/guide.md');
    assert.deepEqual(
      refs.map((r) => [r.line, r.kind, r.path]),
      [
        [3, 'code', 'scripts/deploy.sh'],
        [3, 'link', 'src/tax.ts'],
        [3, 'link', 'README.md'],
        [11, 'code', 'services/payments/'],
      ],
    );
    const deploy = refs[0];
    assert.equal(text.split('\n')[3].slice(deploy.start, deploy.end), 'scripts/deploy.sh');
    const tax = refs[1];
    assert.equal(text.split('\n')[3].slice(tax.start, tax.end), '../src/tax.ts');
  });

  it('stops at a bound on hostile input', () => {
    const text = '`a/b` '.repeat(10_000);
    assert.equal(extractPathRefs(text, 'x.md', 500).length, 500);
  });
});

describe('rename index', () => {
  it('resolves chains, forgets deleted targets and finds a folder rename', () => {
    const index = new RenameIndex();
    index.rename('a.ts', 'b.ts');
    index.rename('b.ts', 'c.ts');
    index.rename('gone.ts', 'tmp.ts');
    index.delete('tmp.ts');
    index.rename('old/x.ts', 'new/x.ts');
    index.rename('old/y/z.ts', 'new/y/z.ts');
    const exists = (p: string): boolean => ['c.ts', 'new/', 'new/x.ts', 'new/y/z.ts'].includes(p);
    assert.equal(index.renamedTo('a.ts', exists), 'c.ts');
    assert.equal(index.renamedTo('gone.ts', exists), undefined);
    assert.equal(index.renamedTo('old/', exists), 'new/');
    assert.ok(index.wasTracked('old/'));
    assert.ok(!index.wasTracked('never/'));
  });
});

describe('drift counter', () => {
  it('counts commits to named paths newer than the doc, once per commit', () => {
    const counter = new DriftCounter(new Set(['doc.md']), new Map([['doc.md', ['svc/', 'svc/a.ts']]]));
    counter.commit(5, ['svc/a.ts', 'svc/b.ts']);
    counter.commit(4, ['svc/b.ts']);
    counter.commit(3, ['other.ts']);
    counter.commit(2, ['doc.md', 'svc/a.ts']); // the doc's own commit: not drift
    assert.ok(counter.done);
    counter.commit(1, ['svc/a.ts']);
    assert.equal(counter.evidence.driftCommits.get('doc.md'), 2);
    assert.deepEqual(
      [...(counter.evidence.refCommits.get('doc.md') ?? [])],
      [
        ['svc/a.ts', 1],
        ['svc/', 2],
      ],
    );
    assert.equal(counter.evidence.lastChange.get('doc.md'), 2);
  });
});
