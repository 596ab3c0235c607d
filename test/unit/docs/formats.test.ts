import * as assert from 'node:assert/strict';
import { load } from './fixtures';

describe('docs index: every format from fixture folders', () => {
  it('Nygard / adr-tools: .adr-dir, Superceded, Amends, US and long dates, CRLF + BOM, README/template skipped', async () => {
    const { index, rel, discovery } = await load('nygard');
    assert.deepEqual(
      discovery.decisionFolders.map((f) => [rel(f.path), f.source]),
      [['doc/architecture/decisions', '.adr-dir']],
    );
    const decisions = index.decisions();
    assert.deepEqual(
      decisions.map((d) => [d.number, d.title, d.status, d.date, d.format]),
      [
        [1, 'Record architecture decisions', 'accepted', '2024-02-01', 'nygard'],
        [2, 'Use Flask', 'superseded', '2024-11-11', 'nygard'],
        [3, 'Replace Flask with Django', 'accepted', '2024-11-11', 'nygard'],
        [4, 'Log decisions in English', 'accepted', '2024-12-01', 'nygard'],
        [5, 'Windows line endings', 'proposed', '2024-02-01', 'nygard'],
      ],
    );
    const flask = decisions[1];
    assert.equal(flask.statusText, 'Superceded by [3. Replace Flask with Django](0003-replace-flask-with-django.md)');
    assert.deepEqual(index.links(flask.path).supersededBy.map(rel), [
      'doc/architecture/decisions/0003-replace-flask-with-django.md',
    ]);
    assert.deepEqual(index.links(decisions[2].path).supersedes.map(rel), [
      'doc/architecture/decisions/0002-use-flask.md',
    ]);
    assert.deepEqual(
      decisions[3].references.map((r) => [r.relation, r.path && rel(r.path)]),
      [['amends', 'doc/architecture/decisions/0001-record-architecture-decisions.md']],
    );
    assert.deepEqual(index.problems(), []);
  });

  it('MADR 2 bullets: deciders, tags, and a supersede that is not linked back', async () => {
    const { index, rel } = await load('madr2');
    const [first, yaml, toml] = index.decisions();
    assert.equal(first.format, 'madr2');
    assert.equal(first.title, 'Use Markdown Architectural Decision Records');
    assert.deepEqual(first.deciders, ['Oliver Kopp', 'Olaf Zimmermann']);
    assert.deepEqual(first.tags, ['docs', 'process']);
    assert.equal(first.date, '2017-12-11');
    assert.equal(yaml.status, 'superseded');
    assert.equal(toml.status, 'accepted');
    assert.equal(index.decisions().length, 3, 'adr-template.md is not a record');
    assert.deepEqual(
      index.problems().map((p) => [rel(p.path), p.line, p.code]),
      [['docs/adr/0003-use-toml-for-config.md', 2, 'non-reciprocal-supersede']],
    );
  });

  it('MADR 3/4 front matter: status with a link, decision-makers, tags, invalid YAML, missing status', async () => {
    const { index, rel } = await load('madr3');
    const decisions = index.decisions();
    assert.deepEqual(
      decisions.map((d) => [d.number, d.status, d.format]),
      [
        [1, 'accepted', 'madr3'],
        [2, 'superseded', 'madr3'],
        [3, 'accepted', 'madr3'],
        [4, 'proposed', 'madr3'],
        [5, 'unknown', 'madr3'],
        [6, 'superseded', 'madr3'],
      ],
    );
    assert.deepEqual(decisions[0].deciders, ['Linus', 'Grace']);
    assert.deepEqual(decisions[0].tags, ['database', 'storage']);
    assert.deepEqual(decisions[1].deciders, ['Ada']);
    assert.deepEqual(index.links(decisions[2].path).supersedes.map(rel), ['docs/decisions/0002-use-mongodb.md']);
    assert.deepEqual(
      index.problems().map((p) => [rel(p.path), p.line, p.code]),
      [
        ['docs/decisions/0001-use-postgresql.md', 1, 'non-reciprocal-supersede'],
        ['docs/decisions/0004-tab-in-front-matter.md', 3, 'invalid-front-matter'],
        ['docs/decisions/0005-no-status.md', 3, 'missing-status'],
      ],
    );
  });

  it('log4brains: project and package folders from .log4brains.yml, date ids, index/template/README skipped', async () => {
    const { index, rel, discovery } = await load('log4brains');
    assert.deepEqual(discovery.decisionFolders.map((f) => [rel(f.path), f.source, f.log4brains]).sort(), [
      ['docs/adr', '.log4brains.yml', true],
      ['packages/backend/adr', '.log4brains.yml', true],
    ]);
    assert.deepEqual(
      index.decisions().map((d) => [rel(d.path), d.number, d.title, d.status, d.format, d.tags]),
      [
        [
          'docs/adr/20240101-use-log4brains.md',
          undefined,
          'Use Log4brains to manage the ADRs',
          'accepted',
          'log4brains',
          ['dev-tools', 'doc'],
        ],
        ['packages/backend/adr/20240315-use-kafka.md', undefined, 'Use Kafka for events', 'proposed', 'log4brains', []],
      ],
    );
  });

  it('free-text statuses are normalized and kept as written; problems carry lines', async () => {
    const { index, rel } = await load('mixed', { maxFileBytes: 64 * 1024 });
    const byName = new Map(index.decisions().map((d) => [rel(d.path).replace('docs/adr/', ''), d]));
    const status = (name: string): [string, string] => [byName.get(name)!.status, byName.get(name)!.statusText];
    assert.deepEqual(status('0001-status-in-heading.md'), ['accepted', 'Accepted']);
    assert.deepEqual(status('0002-status-paragraph.md'), ['accepted', 'Accepted']);
    assert.deepEqual(status('0003-status-in-table.md'), ['proposed', 'Proposed']);
    assert.deepEqual(status('0004-emoji-status.md'), ['accepted', '✅ Accepted']);
    assert.deepEqual(status('0005-unknown-status.md'), ['unknown', 'Parked until Q3']);
    assert.deepEqual(status('0006-missing-status.md'), ['unknown', '']);
    assert.deepEqual(status('0007-bold-dead.md'), ['rejected', 'Dead']);
    assert.deepEqual(status('0008-open-but-superceded.md'), ['superseded', 'OPEN']);
    assert.deepEqual(status('ADR-012-prefixed-name.md'), ['accepted', 'Accepted (lazy consensus) & implemented']);
    assert.equal(byName.get('ADR-012-prefixed-name.md')!.number, 12);
    assert.equal(byName.get('ADR-012-prefixed-name.md')!.title, 'Prefixed names');
    assert.equal(byName.has('notes.md'), false, 'no number and no status: not a record');
    const bare = byName.get('0016-bare-number-title.md')!;
    assert.deepEqual([bare.number, bare.title, bare.date], [16, 'Bare number title', '2024-01-01']);
    assert.deepEqual(index.links(bare.path).supersedes.map(rel), ['docs/adr/0017-root-relative-link.md']);
    assert.deepEqual(status('0017-root-relative-link.md'), [
      'superseded',
      'Superseded by [16](docs/adr/0016-bare-number-title.md)',
    ]);
    assert.deepEqual(status('0018-misspelt-status.md'), ['deprecated', 'Depreciated.']);
    assert.deepEqual(
      index.problems().map((p) => [rel(p.path).replace('docs/adr/', ''), p.line, p.code]),
      [
        ['0001-status-in-heading.md', 2, 'non-reciprocal-supersede'],
        ['0005-unknown-status.md', 6, 'unknown-status'],
        ['0006-missing-status.md', 0, 'missing-status'],
        ['0009-first.md', 0, 'duplicate-number'],
        ['0009-second.md', 0, 'duplicate-number'],
        ['0010-number-mismatch.md', 0, 'number-mismatch'],
        ['0013-superseded-by-bare-number.md', 6, 'broken-supersede'],
        ['0014-binary.md', 0, 'binary-file'],
        ['0015-huge.md', 0, 'file-too-large'],
      ],
    );
  });

  it('adr.config.json, .adr, monorepo folders at any depth, node_modules skipped, globs', async () => {
    assert.deepEqual(
      (await load('adrconfig')).index.decisions().map((d) => d.title),
      ['Use adr.config.json'],
    );
    assert.deepEqual(
      (await load('adrini')).index.decisions().map((d) => d.title),
      ['Use an ini file'],
    );
    const mono = await load('monorepo');
    assert.deepEqual(
      mono.index.decisions().map((d) => mono.rel(d.folder)),
      ['services/a/docs/adrs', 'services/b/architecture-decision-records'],
    );
    assert.equal((await load('globs')).index.decisions().length, 0);
    const globbed = await load('globs', { decisionGlobs: ['design/**/rec-*.md'] });
    assert.deepEqual(
      globbed.index.decisions().map((d) => [d.number, d.title]),
      [[7, 'Found by a glob']],
    );
  });

  it('runbooks: owner, service, review_in, stale against the clock, README skipped, globs', async () => {
    const { index, rel } = await load('runbooks', { runbookGlobs: ['ops/**/*.md'] });
    assert.deepEqual(
      index.runbooks().map((r) => [rel(r.path), r.title, r.owner, r.service, r.lastReviewed, r.reviewDue, r.stale]),
      [
        ['docs/runbooks/cache-flush.md', 'Flush the cache', undefined, 'cache', '2026-09-01', '2027-09-01', false],
        ['ops/oncall.md', 'On-call handbook', undefined, undefined, undefined, undefined, false],
        ['runbooks/db/failover.md', 'Fail over the database', undefined, undefined, undefined, undefined, false],
        [
          'runbooks/payments/chargebacks.md',
          'Chargebacks',
          'linus@example.org',
          'payments',
          '2026-11-01',
          '2027-04-30',
          false,
        ],
        [
          'runbooks/payments/refund-stuck.md',
          'Refunds stuck in pending',
          'grace@example.com',
          'payments',
          '2026-01-10',
          '2026-04-10',
          true,
        ],
      ],
    );
    const refund = index.runbooks()[4];
    assert.equal(refund.ownerSlack, '#payments-oncall');
    assert.equal(refund.severity, 'high');
    assert.deepEqual(
      index.problems().map((p) => [rel(p.path), p.line, p.code]),
      [['runbooks/payments/refund-stuck.md', 6, 'stale-runbook']],
    );
  });

  it('falls back to the last git change for runbooks without last_reviewed_on', async () => {
    const { index, root } = await load('runbooks');
    const failover = `${root}/runbooks/db/failover.md`;
    index.setLastChanges(new Map([[failover, '2026-01-01']]));
    const runbook = index.runbook(failover)!;
    assert.equal(runbook.lastReviewed, '2026-01-01');
    assert.equal(runbook.lastReviewedSource, 'git');
    assert.equal(runbook.reviewDue, '2026-06-30');
    assert.equal(runbook.stale, true);
  });
});
