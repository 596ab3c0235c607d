// The weekly draft's Documentation line over a real repository built by test/fixtures/duty-week.mjs,
// through the one weekly assembly (the CLI's `cadence draft` and the command both call it).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { countFixed, docChanges, parseWindowLog } from '../../../src/core/docs/dutyWeek';
import { type DutyItem, type DutySettings, dutyItems } from '../../../src/core/docs/duty';
import { DocsIndex } from '../../../src/core/docs/index';
import type { Problem } from '../../../src/core/docs/types';
import { combineDocumentation, documentationLine } from '../../../src/core/weekly/documentation';
import { renderJson } from '../../../src/core/weekly/render';
import { normalizeWeeklySettings } from '../../../src/core/weekly/settings';
import { isoWeekWindow } from '../../../src/core/weekly/window';
import { buildDuty } from '../../../src/node/docs/duty';
import { assembleDraft, type AssembledDraft } from '../../../src/node/weekly/assemble';
import { runDraft } from '../../../src/cli/draft';
import { buildDutyWeekRepo, NOW } from '../../fixtures/duty-week.mjs';
import { capture } from '../cliIo';

const berlin = { timeZone: 'Europe/Berlin', weekStartsOn: 1 as const };
const W47 = isoWeekWindow('2026-W47', berlin);
const now = Date.parse(NOW);
const settings = { ...normalizeWeeklySettings(() => undefined), timeZone: 'Europe/Berlin' };

function assemble(root: string, authors: string[], dutySettings?: Partial<DutySettings>): Promise<AssembledDraft> {
  return assembleDraft({
    ...(dutySettings ? { dutySettings: () => dutySettings } : {}),
    roots: [root],
    window: W47,
    now,
    settings,
    authors,
    updatesFolder: null,
    templateFile: null,
    focus: null,
    gitPath: 'git',
  });
}

describe('the weekly draft: documentation duty', function () {
  this.timeout(60_000);
  let base: string;
  let root: string;
  let ada: AssembledDraft;

  before(async () => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-duty-week-')));
    root = buildDutyWeekRepo(path.join(base, 'duty-week')) as string;
    ada = await assemble(root, ['ada@example.com']);
  });

  after(() => fs.rmSync(base, { recursive: true, force: true }));

  it('the person on duty: docs changed this week and the items those edits closed', async () => {
    const open = (await buildDuty(root, { clock: { now: () => now } })).items;
    // Still open: the deleted tool README names, CONTRIBUTING's missing guide, the Proposed decision.
    assert.deepEqual(
      open.map((i) => [path.relative(root, i.path), i.kind, i.target ?? null]),
      [
        ['CONTRIBUTING.md', 'broken-path', 'docs/missing.md'],
        ['docs/decisions/0002-event-sourcing.md', 'proposed-stale', null],
        ['README.md', 'broken-path', 'tools/gone.sh'],
      ],
    );
    // Fixed: README's renamed deploy script and its staleness, the runbook's overdue review and drift.
    assert.deepEqual(ada.draft.documentation, {
      onDuty: true,
      changed: ['README.md', 'docs/runbooks/payments.md'],
      fixed: 4,
      items: 7,
    });
  });

  it('says it in one line of the Shipped section, and under "documentation" in JSON', () => {
    assert.match(
      ada.markdown,
      /## Shipped\n[\s\S]*- Documentation duty: fixed 4 of 7 items; changed `README\.md` and `docs\/runbooks\/payments\.md`\.\n/,
    );
    const json = JSON.parse(renderJson(ada.draft));
    assert.deepEqual(json.documentation, ada.draft.documentation);
  });

  it("counts with the user's thresholds, not the defaults", async () => {
    // 6 commits to services/payments/ are no drift at 10; a decision Proposed since September is not
    // stale at 365 days: the runbook's drift is no fix, and the decision no item.
    const strict = await assemble(root, ['ada@example.com'], { driftCommits: 10, proposedDays: 365 });
    assert.deepEqual(strict.draft.documentation, {
      onDuty: true,
      changed: ['README.md', 'docs/runbooks/payments.md'],
      fixed: 3,
      items: 5,
    });
    assert.match(strict.markdown, /- Documentation duty: fixed 3 of 5 items; changed /);
  });

  it("`cadence draft` takes the thresholds from the repository's .vscode/settings.json", async () => {
    const settingsFile = path.join(root, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(
      settingsFile,
      '{\n  // as in the editor\n  "cadence.docs.driftCommits": 10,\n  "cadence.docs.proposedDays": 365,\n}\n',
    );
    const draft = async () => {
      const { out, io } = capture(root);
      const code = await runDraft(['--week', '2026-W47', '--tz', 'Europe/Berlin', '--author', 'ada@example.com'], io, {
        now: () => now,
        gitPath: 'git',
        systemTimeZone: () => 'Europe/Berlin',
        focusHistoryFile: () => path.join(base, 'no-focus-history.jsonl'),
        env: {},
      });
      assert.equal(code, 0, out.stderr);
      assert.equal(out.stderr, '');
      return out.stdout;
    };
    try {
      assert.match(await draft(), /- Documentation duty: fixed 3 of 5 items; changed /);
    } finally {
      fs.rmSync(path.join(root, '.vscode'), { recursive: true, force: true });
    }
    assert.match(await draft(), /- Documentation duty: fixed 4 of 7 items; changed /);
  });

  it('someone not on duty: the docs they changed, no counts', async () => {
    const grace = await assemble(root, ['grace@example.com']);
    assert.deepEqual(grace.draft.documentation, {
      onDuty: false,
      changed: ['CONTRIBUTING.md'],
      fixed: null,
      items: null,
    });
    assert.match(grace.markdown, /- Documentation: changed `CONTRIBUTING\.md`\.\n/);
    assert.doesNotMatch(grace.markdown, /Documentation duty/);
  });

  it('a .mailmap that is a FIFO: the docs changed are read by the raw address, without waiting', async () => {
    const { execFileSync } = await import('node:child_process');
    const fifo = path.join(root, '.mailmap');
    execFileSync('mkfifo', [fifo]);
    // Held open by a writer: a reader that waits for its end waits until the test gives up.
    const writer = fs.openSync(fifo, fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
    try {
      const grace = await assemble(root, ['grace@example.com']);
      assert.deepEqual(grace.draft.documentation?.changed, ['CONTRIBUTING.md']);
      assert.match(grace.markdown, /`\.mailmap` in `duty-week` was not read: it is a named pipe/);
    } finally {
      fs.closeSync(writer);
      fs.rmSync(fifo);
    }
  });

  it('no team file: null, and no line', async () => {
    fs.rmSync(path.join(root, '.cadence'), { recursive: true });
    try {
      const draft = await assemble(root, ['ada@example.com']);
      assert.equal(draft.draft.documentation, null);
      assert.doesNotMatch(draft.markdown, /Documentation/);
      assert.equal(JSON.parse(renderJson(draft.draft)).documentation, null);
    } finally {
      // Restore the committed file for any later test.
      const { execFileSync } = await import('node:child_process');
      execFileSync('git', ['checkout', '--', '.cadence'], { cwd: root });
    }
  });
});

describe('documentation duty pieces', () => {
  const item = (over: Partial<DutyItem>): DutyItem => ({
    kind: 'broken-path',
    path: '/r/README.md',
    message: 'm',
    severity: 'warning',
    ...over,
  });

  it('counts fixed items by what they are about, not by line or message counts', () => {
    const before = [
      item({ target: 'a.sh', line: 3 }),
      item({ target: 'b.sh', line: 4 }),
      item({ kind: 'drift', message: '12 commits', target: 'src/' }),
      item({ kind: 'problem', code: 'missing-title', message: 'No title' }),
    ];
    const after = [
      item({ target: 'b.sh', line: 9 }),
      item({ kind: 'drift', message: '13 commits', target: 'src/' }),
      item({ kind: 'problem', code: 'missing-title', message: 'No title' }),
      item({ target: 'new.sh' }),
    ];
    assert.equal(countFixed(before, after), 1);
    assert.equal(countFixed([item({ target: 'a' }), item({ target: 'a' })], [item({ target: 'a' })]), 1);
  });

  it('picks my doc changes in the window, and my first commit per doc', () => {
    const log = [
      '\x1ec3\x1fada@example.com\x1f1700000300\n\nREADME.md\nsrc/a.ts\n',
      '\x1ec2\x1fgrace@example.com\x1f1700000200\n\nCONTRIBUTING.md\n',
      '\x1ec1\x1fADA@example.com\x1f1700000100\n\nREADME.md\n',
      '\x1ec0\x1fada@example.com\x1f1600000000\n\ndocs/old.md\n',
    ].join('');
    const commits = parseWindowLog(log);
    assert.equal(commits.length, 4);
    const changes = docChanges(
      commits,
      { start: 1_700_000_000_000, end: 1_800_000_000_000 },
      (email) => email === 'ada@example.com',
      (file) => file.endsWith('.md'),
    );
    assert.deepEqual(changes.changed, ['README.md']);
    assert.deepEqual([...changes.shas], ['c3', 'c1']);
    assert.equal(changes.first.get('README.md'), 'c1');
  });

  it('lists a missing-section problem as a missing-section item, at any level', () => {
    const clock = { now: () => Date.parse(NOW) };
    const index = new DocsIndex({ clock });
    // The index's missing-section code (the runbook and record parsers report it): one item each.
    const problem = (severity: Problem['severity']) =>
      ({
        path: `/r/docs/runbooks/${severity}.md`,
        line: 0,
        code: 'missing-section',
        severity,
        message: 'No "Rollback" section.',
      }) as unknown as Problem;
    index.setNote(problem('info'));
    index.setNote(problem('warning'));
    const items = dutyItems({ root: '/r', index, guides: [], refs: new Map(), exists: () => true, clock });
    assert.deepEqual(
      items.map((i) => [i.kind, i.code, i.path]),
      [
        ['missing-section', 'missing-section', '/r/docs/runbooks/info.md'],
        ['missing-section', 'missing-section', '/r/docs/runbooks/warning.md'],
      ],
    );
  });

  it('combines repositories and words the line', () => {
    const doc = combineDocumentation(
      [
        { repo: 'api', onDuty: true, changed: ['README.md'], fixed: 2, items: 5 },
        { repo: 'web', onDuty: false, changed: ['docs/setup.md'], fixed: null, items: null },
      ],
      true,
    );
    assert.deepEqual(doc, { onDuty: true, changed: ['api/README.md', 'web/docs/setup.md'], fixed: 2, items: 5 });
    assert.equal(
      documentationLine(doc),
      'Documentation duty: fixed 2 of 5 items; changed `api/README.md` and `web/docs/setup.md`.',
    );
    assert.equal(
      documentationLine({ onDuty: true, changed: [], fixed: 0, items: 1 }),
      'Documentation duty: fixed 0 of 1 item; no docs changed yet.',
    );
    assert.equal(combineDocumentation([], false), null);
    assert.equal(documentationLine(null), null);
    const many = documentationLine({
      onDuty: false,
      changed: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      fixed: null,
      items: null,
    });
    assert.equal(many, 'Documentation: changed `a`, `b`, `c`, `d`, `e` and 2 more.');
  });
});
