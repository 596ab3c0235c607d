import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type DocsJson, docsCommand } from '../../../src/cli/docs';
import { ChangeStamps } from '../../../src/core/docs/changes';
import { parseDate } from '../../../src/core/docs/dates';
import { markReviewedEdits, setStatusEdits, statusEditNote } from '../../../src/core/docs/edits';
import { DocsIndex, loadRoot } from '../../../src/core/docs/index';
import {
  NUMBERED_NAME,
  isSkippedDecisionFile,
  namingOf,
  numberFromFileName,
  parseDecision,
} from '../../../src/core/docs/parse';
import { readSource } from '../../../src/core/docs/source';
import { normalizeStatus, statusDisplay } from '../../../src/core/docs/status';
import { nodeFileSystem } from '../../../src/node/docs/nodeFileSystem';
import { applyEdits, clock, repoRoot } from './fixtures';
import { capture } from '../cliIo';

const setStatus = (text: string, status: string): string =>
  applyEdits(text, setStatusEdits('/r/0001-x.md', text, status));
const markReviewed = (text: string): string =>
  applyEdits(text, markReviewedEdits('/r/runbooks/x.md', text, '2026-11-22'));

describe('docs review findings: edits', () => {
  it('#1 replaces a block status value up to its last content line, keeping the closing fence', () => {
    const text = '---\nstatus: >\n  proposed\n  still\ndate: 2024-01-01\n---\n# X\n';
    assert.equal(setStatus(text, 'accepted'), '---\nstatus: accepted\ndate: 2024-01-01\n---\n# X\n');
    const last = '---\r\nstatus: |\r\n  proposed\r\n---\r\n# X\r\n';
    assert.equal(setStatus(last, 'accepted'), '---\r\nstatus: accepted\r\n---\r\n# X\r\n');
  });

  it('#2 replaces empty and list values instead of adding a second key, and refuses broken YAML', () => {
    assert.equal(setStatus('---\nstatus:\n---\n# X\n', 'accepted'), '---\nstatus: accepted\n---\n# X\n');
    assert.equal(
      setStatus('---\nstatus:\n  - proposed\ndate: 2024-01-01\n---\n# X\n', 'accepted'),
      '---\nstatus: accepted\ndate: 2024-01-01\n---\n# X\n',
    );
    assert.equal(markReviewed('---\nlast_reviewed_on:\n---\n# R\n'), '---\nlast_reviewed_on: 2026-11-22\n---\n# R\n');
    assert.equal(
      markReviewed('---\nowner: a\nlast_reviewed_on:   \n---\n'),
      '---\nowner: a\nlast_reviewed_on: 2026-11-22\n---\n',
    );
    assert.throws(() => setStatus('---\ndate: [\n---\n# X\n', 'accepted'), /front matter is not valid YAML \(line 3/);
    assert.throws(() => markReviewed('---\nowner: [\n---\n# R\n'), /not valid YAML/);
    for (const out of [setStatus('---\nstatus:\n---\n', 'Accepted'), markReviewed('---\nlast_reviewed_on:\n---\n')]) {
      assert.equal(readSource(out).frontMatter?.error, undefined, out);
    }
  });

  it('#12 changes the Status cell of a table by column, never adding a section', () => {
    const text = '# 1. X\n\n| Date | Status | Owner |\n|---|---|---|\n| 2024 | Proposed | Ann |\n';
    assert.equal(parseDecision('/r/0001-x.md', text, '/r').statusText, 'Proposed');
    assert.equal(setStatus(text, 'Accepted'), text.replace('| Proposed |', '| Accepted |'));
    const keyValue = '# 1. X\n\n| Status | Proposed |\n|---|---|\n';
    assert.equal(setStatus(keyValue, 'Accepted'), keyValue.replace('Proposed', 'Accepted'));
  });

  it('#13 puts a status before the text of a file without title or front matter', () => {
    assert.equal(setStatus('Some notes.\n', 'Accepted'), '## Status\n\nAccepted\n\nSome notes.\n');
    assert.equal(
      setStatus('\uFEFFSome notes.\r\n', 'Accepted'),
      '\uFEFF## Status\r\n\r\nAccepted\r\n\r\nSome notes.\r\n',
    );
  });

  it('#14 replaces only the status words, keeping the rest of the line', () => {
    const text = '# X\n\n* **Status**: proposed <!-- note -->\n* Date: 2024-01-01\n';
    assert.equal(setStatus(text, 'accepted'), text.replace('proposed <!--', 'accepted <!--'));
    const section = '# 1. X\n\n## Status\n\nProposed <!-- until the call on Monday -->\n';
    assert.equal(setStatus(section, 'Accepted'), section.replace('Proposed', 'Accepted'));
    // An emphasized remark is part of the status text: replaced whole, no stray '*' left behind.
    assert.equal(setStatus('# 1. X\n\nStatus: Proposed *(pending)*\n', 'Accepted'), '# 1. X\n\nStatus: Accepted\n');
  });

  it('#15 tells why a record with a "Superseded by" link still shows as superseded', () => {
    const text = '# 1. X\n\n## Status\n\nAccepted\n\nSuperseded by [2. Y](0002-y.md)\n';
    const out = setStatus(text, 'Proposed');
    assert.match(statusEditNote('/r/0001-x.md', out, 'Proposed') ?? '', /Superseded by" link/);
    assert.equal(statusEditNote('/r/0001-x.md', setStatus('# 1. X\n', 'Accepted'), 'Accepted'), undefined);
  });
});

describe('docs review findings: parsing', () => {
  it('#4 keeps numbered records whose names contain "template", skips un-numbered templates', () => {
    assert.equal(isSkippedDecisionFile('adr-014-project-templates.md'), false);
    assert.equal(isSkippedDecisionFile('0007-templating-engine.md'), false);
    assert.equal(isSkippedDecisionFile('template.md'), true);
    assert.equal(isSkippedDecisionFile('adr-template.md'), true);
    assert.equal(isSkippedDecisionFile('madr-template-minimal.md'), true);
  });

  it('#6 reads a supersede number only right after the relation words', () => {
    const refs = (line: string) =>
      parseDecision('/r/0009-x.md', `# 9. X\n\n## Status\n\nAccepted\n\n${line}\n`, '/r').references.map(
        (r) => r.number,
      );
    assert.deepEqual(refs('Superseded by the decision of 2019 about 3 services'), []);
    assert.deepEqual(refs('Supersedes the approach from 4 weeks ago'), []);
    assert.deepEqual(refs('Superseded by 16'), [16]);
    assert.deepEqual(refs('Superseded by: ADR-0016'), [16]);
    assert.deepEqual(refs('Supersedes #12'), [12]);
    assert.deepEqual(refs('Superseded by ADR 7'), [7]);
  });

  it('#8 maps negations, reversals and proposal words as written', () => {
    assert.equal(normalizeStatus('Reverted by discussion #1198.'), 'deprecated');
    for (const s of ['Revoked', 'Rescinded', 'Reverted']) assert.equal(normalizeStatus(s), 'deprecated', s);
    for (const s of ['Not approved', 'Not accepted', 'Decided against'])
      assert.equal(normalizeStatus(s), 'rejected', s);
    assert.equal(normalizeStatus('Not implemented'), 'unknown');
    assert.equal(normalizeStatus('Accepted, not implemented yet'), 'accepted');
    assert.equal(normalizeStatus('Blocked pending discussion'), 'unknown');
    assert.equal(normalizeStatus('Proposed'), 'proposed');
    assert.equal(normalizeStatus('Open'), 'proposed');
    const d = parseDecision('/r/0001-x.md', '# 1. X\n\n## Status\n\nSuperceded by [2. Y](0002-y.md)\n', '/r');
    assert.equal(d.statusText, 'Superceded by [2. Y](0002-y.md)');
    assert.equal(d.status, 'superseded');
  });

  it('#9 reads dates followed by punctuation', () => {
    assert.equal(parseDate('2019-05-13, updated 2023-01-01'), '2019-05-13');
    assert.equal(parseDate('2024-02-01.'), '2024-02-01');
    assert.equal(parseDate('2024-02-01 (revised)'), '2024-02-01');
    assert.equal(parseDate('2024-02-011'), undefined);
    const d = parseDecision('/r/0001-x.md', '# 1. X\n\nDate: 2019-05-13, updated 2020-01-02\n', '/r');
    assert.equal(d.date, '2019-05-13');
  });
});

let built: string | undefined;
/** The review cases, built once by the fixture script. */
function reviewFixture(): string {
  if (built) return built;
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-docs-review-')), 'cases');
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'test', 'fixtures', 'docs-review.mjs'), dir], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`docs-review.mjs failed: ${result.stderr}`);
  built = dir;
  return dir;
}

describe('docs review findings: index, discovery and the CLI', () => {
  const docs = docsCommand(clock);

  it('#5 reports a bad config file as a problem, and exits 1 on a folder that cannot be listed', async () => {
    const { out, io } = capture();
    assert.equal(await docs.run([path.join(reviewFixture(), 'bad-config'), '--format', 'json', '--no-git'], io), 0);
    const json = JSON.parse(out.stdout) as DocsJson;
    const config = json.problems.find((p) => p.path === '.log4brains.yml');
    assert.equal(config?.code, 'unreadable-file');
    assert.equal(config?.line, 1);
    assert.match(config?.message ?? '', /Cannot read \.log4brains\.yml/);

    const unlisted = capture();
    assert.equal(await docs.run([path.join(reviewFixture(), 'unlisted'), '--no-git'], unlisted.io), 1);
    assert.match(unlisted.out.stderr, /^cadence docs: cannot list .*notes\.txt: Cannot list this folder \(.*\n$/);
  });

  it('#5 reports a walk cut short, on the root', async () => {
    const index = new DocsIndex({ clock });
    const root = path.join(reviewFixture(), 'multi');
    const discovery = await loadRoot(nodeFileSystem, index, root, { maxDirectories: 2 });
    assert.equal(discovery.truncated, true);
    assert.deepEqual(
      index.problems().map((p) => [p.path, p.code]),
      [[root, 'discovery-truncated']],
    );
  });

  it('#7 reports a repeated link once', async () => {
    const index = new DocsIndex({ clock });
    await loadRoot(nodeFileSystem, index, path.join(reviewFixture(), 'dup'));
    assert.deepEqual(
      index.problems().map((p) => `${path.basename(p.path)} ${p.code}`),
      ['0001-a.md non-reciprocal-supersede', '0001-a.md broken-supersede'],
    );
  });

  it('#11 asks git about each PATH’s own runbooks only', async () => {
    const { out, io } = capture();
    const multi = path.join(reviewFixture(), 'multi');
    assert.equal(await docs.run([path.join(multi, 'a'), path.join(multi, 'b'), '--format', 'json'], io), 0);
    const json = JSON.parse(out.stdout) as DocsJson;
    assert.deepEqual(
      json.runbooks.map((r) => [path.basename(r.path), r.lastReviewed]),
      [
        ['a-failover.md', '2026-01-05'],
        ['b-failover.md', '2026-02-07'],
      ],
    );
  });

  it('#16 one save is indexed once; a deleted folder empties its part of the index', () => {
    const stamps = new ChangeStamps();
    assert.equal(stamps.changed('/w/doc/adr/0001-a.md', 1000, 10), true);
    assert.equal(stamps.changed('/w/doc/adr/0001-a.md', 1000, 10), false, 'the second event of one save');
    assert.equal(stamps.changed('/w/doc/adr/0001-a.md', 1001, 10), true);
    stamps.forget('/w/doc');
    assert.equal(stamps.changed('/w/doc/adr/0001-a.md', 1001, 10), true);

    const index = new DocsIndex({ clock });
    index.setDecision('/w/doc/adr/0001-a.md', '# 1. A\n\n## Status\n\nAccepted\n', '/w/doc/adr');
    index.setRunbook('/w/doc/adrx/r.md', '# R\n', '/w/doc/adrx');
    assert.equal(index.has('/w/doc/adr'), true);
    assert.equal(index.removeUnder('/w/doc/adr'), 1);
    assert.equal(index.has('/w/doc/adr'), false);
    assert.equal(index.runbooks().length, 1, 'a sibling folder with the same prefix stays');
  });

  it('#18 reports review fields it cannot read', async () => {
    const index = new DocsIndex({ clock });
    await loadRoot(nodeFileSystem, index, path.join(reviewFixture(), 'runbook-fields'));
    assert.deepEqual(
      index.problems().map((p) => [p.line, p.code]),
      [
        [2, 'invalid-review-date'],
        [3, 'invalid-review-period'],
      ],
    );
  });
});

describe('docs review findings: one numbered-name rule', () => {
  it('numbers, naming style and titles read the same regex', () => {
    assert.deepEqual(numberFromFileName('RFC-0003-x.md'), { number: 3, text: '0003' });
    assert.deepEqual(numberFromFileName('0001.md'), { number: 1, text: '0001' });
    assert.equal(numberFromFileName('20240101-log4brains-id.md'), undefined);
    assert.deepEqual(namingOf('ADR-012_x.md'), { prefix: 'ADR-', width: 3, separator: '_' });
    assert.equal(NUMBERED_NAME.test('notes.md'), false);
    assert.equal(parseDecision('/r/rfc-0003-use-grpc.md', 'Status: Accepted\n', '/r').title, 'Use grpc');
  });
});

describe('docs review findings: status shown as written', () => {
  it('#8 displays a linked status by its words, keeping the markup in statusText', () => {
    assert.equal(statusDisplay('[Accepted](https://example.com/pull/1)'), 'Accepted');
    assert.equal(statusDisplay('Superceded by [2. Y](0002-y.md)'), 'Superceded by 2. Y');
  });
});
