import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  eolOf,
  eolSample,
  folderEol,
  formatForFolder,
  planNewRecord,
  successorFormat,
  takenNames,
} from '../../../src/core/docs/newRecord';
import { parseDecision } from '../../../src/core/docs/parse';
import { nodeFileSystem } from '../../../src/node/docs/nodeFileSystem';

const nygard = (n: number, title: string) =>
  `# ${n}. ${title}\n\nDate: 2024-02-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n`;
const madr = (title: string) => `---\nstatus: accepted\ndate: 2024-01-01\n---\n# ${title}\n`;

const inDocs = [
  parseDecision('/r/docs/adr/0001-use-git.md', nygard(1, 'Use git'), '/r/docs/adr'),
  parseDecision('/r/docs/adr/0007-use-postgresql.md', nygard(7, 'Use PostgreSQL'), '/r/docs/adr'),
  parseDecision('/r/other/0012-x.md', madr('X'), '/r/other'),
];

describe('a new decision record, decided in the core', () => {
  it('keeps the numbers of records moved to a subfolder taken (adr/archive/)', () => {
    const archived = parseDecision('/r/docs/adr/archive/0009-old.md', nygard(9, 'Old'), '/r/docs/adr/archive');
    const names = takenNames(['archive'], [...inDocs, archived], '/r/docs/adr');
    assert.equal(
      planNewRecord({ folder: '/r/docs/adr', names, title: 'New', format: 'nygard', date: '2026-11-30', eol: '\n' })
        .number,
      10,
    );
  });

  it('numbers after every name seen: the folder, other branches and the index', () => {
    const names = takenNames(['0003-on-a-branch.md', 'README.md'], inDocs, '/r/docs/adr');
    assert.deepEqual(names, ['0003-on-a-branch.md', 'README.md', '0001-use-git.md', '0007-use-postgresql.md']);
    const planned = planNewRecord({
      folder: '/r/docs/adr',
      names,
      title: 'Use Redis for sessions',
      format: 'nygard',
      date: '2026-11-22',
      eol: '\n',
    });
    assert.equal(planned.number, 8);
    assert.equal(planned.path, '/r/docs/adr/0008-use-redis-for-sessions.md');
    assert.match(planned.text, /^# 8\. Use Redis for sessions\n\nDate: 2026-11-22\n/);
  });

  it('keeps the folder naming and line ending, and links the record it supersedes', () => {
    const planned = planNewRecord({
      folder: '/r/d',
      names: ['ADR_012_old.md'],
      title: 'New',
      format: 'madr3',
      date: '2026-11-22',
      eol: '\r\n',
      supersedes: inDocs[1],
    });
    assert.equal(planned.path, '/r/d/ADR_013_new.md');
    assert.ok(planned.text.startsWith('---\r\nstatus: proposed\r\n'));
    assert.ok(!/[^\r]\n/.test(planned.text), 'every line ends in CRLF');
    assert.match(planned.text, /Supersedes \[ADR-0007\]\(0007-use-postgresql\.md\)/);
    assert.doesNotMatch(planned.text, /# 13\./, 'MADR titles carry no number');
  });

  it('starts a folder without numbered files at 0001', () => {
    const planned = planNewRecord({
      folder: 'd',
      names: [],
      title: 'First',
      format: 'nygard',
      date: '2026-11-22',
      eol: '\n',
    });
    assert.equal(planned.path, 'd/0001-first.md');
  });

  it('copies CRLF from the first Markdown file of the folder, else writes LF', () => {
    assert.equal(eolSample(['.adr-dir', 'notes.txt', '0002-b.markdown', '0001-a.md']), '0002-b.markdown');
    assert.equal(eolSample(['.adr-dir']), undefined);
    assert.equal(eolOf('# 1. A\r\n\r\nDate'), '\r\n');
    assert.equal(eolOf('# 1. A\n\nDate'), '\n');
    assert.equal(eolOf(''), '\n');
  });

  it('chooses the format of the folder, log4brains for a log4brains folder, else asks', () => {
    assert.equal(formatForFolder(inDocs, '/r/docs/adr', false), 'nygard');
    assert.equal(formatForFolder(inDocs, '/r/other', true), 'madr3', 'the records outrank the folder kind');
    assert.equal(formatForFolder(inDocs, '/r/empty', true), 'log4brains');
    assert.equal(formatForFolder(inDocs, '/r/empty', false), undefined);
  });

  it('writes a successor in its predecessor format, or the folder format when that is unknown', () => {
    assert.equal(successorFormat(inDocs[2], inDocs), 'madr3');
    const unknown = { ...inDocs[0], format: 'unknown' as const };
    assert.equal(successorFormat(unknown, inDocs), 'nygard');
  });
});

describe("a new record's line ending, read from a folder a repository controls", function () {
  this.timeout(20_000);
  let folder: string;
  const writers: number[] = [];
  const crlf = '# 1. A\r\n\r\nDate: 2024-02-01\r\n';
  beforeEach(() => {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-eol-')));
  });
  afterEach(() => {
    for (const fd of writers.splice(0)) fs.closeSync(fd);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("copies the CRLF of the folder's first record", async () => {
    fs.writeFileSync(path.join(folder, '0001-a.md'), crlf);
    assert.equal(await folderEol(['0001-a.md'], folder, nodeFileSystem), '\r\n');
    assert.equal(await folderEol(['0009-only-on-a-branch.md'], folder, nodeFileSystem), '\n');
  });

  it('does not wait on a first record that is a FIFO (held open by a writer)', async () => {
    const fifo = path.join(folder, '0001-a.md');
    execFileSync('mkfifo', [fifo]);
    const fd = fs.openSync(fifo, fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
    writers.push(fd);
    fs.writeSync(fd, crlf);
    assert.equal(await folderEol(['0001-a.md'], folder, nodeFileSystem), '\n');
  });

  it('reads no device and no file outside the folder through a link', async () => {
    fs.symlinkSync('/dev/zero', path.join(folder, '0001-zero.md'));
    assert.equal(await folderEol(['0001-zero.md'], folder, nodeFileSystem), '\n');
    const outside = `${folder}-outside.md`;
    fs.writeFileSync(outside, crlf);
    try {
      fs.symlinkSync(outside, path.join(folder, '0002-out.md'));
      assert.equal(await folderEol(['0002-out.md'], folder, nodeFileSystem), '\n');
      // The same text through a link inside the folder is read.
      fs.writeFileSync(path.join(folder, 'inside.txt'), crlf);
      fs.symlinkSync('inside.txt', path.join(folder, '0003-in.md'));
      assert.equal(await folderEol(['0003-in.md'], folder, nodeFileSystem), '\r\n');
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });
});
