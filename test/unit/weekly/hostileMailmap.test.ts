// A repository's `.mailmap` is untrusted input: git reads it for every `git log` unless told not to,
// and the draft reads it to count your other addresses. A FIFO there never ends (a reader waits for
// a writer's end of file), a link to /dev/zero never stops, and `mailmap.file` in the repository's
// config can name either. The draft must finish, without the file, saying so in one line.
// A FIFO is held open for writing (its content written) while the draft runs, so a reader that
// blocks on it fails the test by timeout instead of hanging the process; closing it afterwards
// releases any blocked read.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runDraft } from '../../../src/cli/draft';
import { people, repo } from '../../fixtures/weekly/histories.mjs';
import { capture, draftDeps } from '../cliIo';

const deps = draftDeps();
const MAILMAP = `${people.ada.name} <${people.ada.email}> <${people.adaOld.email}>\n`;

describe('weekly draft: a hostile .mailmap', function () {
  this.timeout(20_000);
  let root: string;
  let r: ReturnType<typeof repo>;
  const writers: number[] = [];
  const mailmap = () => path.join(r.dir, '.mailmap');
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-hostile-mailmap-'));
    r = repo(path.join(root, 'repo'));
    r.commit(people.ada, '2026-11-17T10:00:00+01:00', 'feat(parser): tables for the parser');
    r.commit(people.adaOld, '2026-11-18T10:00:00+01:00', 'fix(parser): rows from the old laptop');
  });
  afterEach(() => {
    for (const fd of writers.splice(0)) fs.closeSync(fd);
    fs.rmSync(mailmap(), { force: true });
    try {
      r.git(['config', '--unset-all', 'mailmap.file']);
    } catch {
      // not set
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  async function run() {
    const { out, io } = capture(r.dir);
    const code = await runDraft(
      ['--week', '2026-W47', '--tz', 'Europe/Berlin', '--author', people.ada.email],
      io,
      deps,
    );
    return { code, ...out };
  }

  it('counts the addresses of a .mailmap that is a regular file', async () => {
    fs.writeFileSync(mailmap(), MAILMAP);
    const result = await run();
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /- parser: Rows from the old laptop/);
    assert.doesNotMatch(result.stdout, /\.mailmap/);
  });

  it('does not wait on a .mailmap that is a FIFO: the draft says it was not read', async () => {
    execFileSync('mkfifo', [mailmap()]);
    const fd = fs.openSync(mailmap(), fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
    writers.push(fd);
    fs.writeSync(fd, MAILMAP);
    const result = await run();
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /- parser: Tables for the parser/);
    assert.doesNotMatch(result.stdout, /Rows from the old laptop/);
    assert.match(
      result.stdout,
      /`\.mailmap` in `repo` was not read: it is a named pipe, not a regular file; addresses it maps are not counted\./,
    );
  });

  it('does not read a .mailmap linked to /dev/zero or to a file outside the repository', async () => {
    fs.symlinkSync('/dev/zero', mailmap());
    let result = await run();
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /`\.mailmap` in `repo` was not read: it is a link to \/dev\/zero, outside the repository/,
    );
    fs.rmSync(mailmap());
    const outside = path.join(root, 'elsewhere.mailmap');
    fs.writeFileSync(outside, MAILMAP);
    fs.symlinkSync(outside, mailmap());
    result = await run();
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stdout, /Rows from the old laptop/);
    assert.match(result.stdout, /`\.mailmap` in `repo` was not read: it is a link to .*elsewhere\.mailmap, outside/);
  });

  it('does not let mailmap.file in the repository config point git at a FIFO', async () => {
    const fifo = path.join(root, 'config.mailmap');
    fs.rmSync(fifo, { force: true });
    execFileSync('mkfifo', [fifo]);
    const fd = fs.openSync(fifo, fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
    writers.push(fd);
    r.git(['config', 'mailmap.file', fifo]);
    const result = await run();
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /- parser: Tables for the parser/);
  });
});
