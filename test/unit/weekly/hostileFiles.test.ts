// The previous update and the template are files a repository (or a flag) names: a FIFO, a device,
// a link out of the updates folder or a huge file must not hang `cadence draft`, exhaust memory or
// leak another file into the draft. Each is one line on stderr, and the draft goes on without it.
// A FIFO is held open for writing (with its content written) while the draft runs, so that code
// that blocks on it fails by timeout instead of hanging the test process; closing it afterwards
// releases any blocked read.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runDraft } from '../../../src/cli/draft';
import { readTextFile } from '../../../src/node/regularFile';
import { people, repo } from '../../fixtures/weekly/histories.mjs';
import { capture, draftDeps } from '../cliIo';

const deps = draftDeps();

const PLAN = '# Week 46\n\n## In progress / next week\n\n- Tables for the parser\n- Secret plan from elsewhere\n';

describe('weekly draft: hostile previous updates and templates', function () {
  this.timeout(20_000);
  let root: string;
  let dir: string;
  let updates: string;
  const writers: number[] = [];
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-hostile-weekly-'));
    const r = repo(path.join(root, 'repo'));
    r.commit(people.ada, '2026-11-17T10:00:00+01:00', 'feat(parser): tables for the parser');
    dir = r.dir;
    updates = path.join(dir, 'updates');
  });
  beforeEach(() => fs.mkdirSync(updates, { recursive: true }));
  afterEach(() => {
    for (const fd of writers.splice(0)) fs.closeSync(fd);
    fs.rmSync(updates, { recursive: true, force: true });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  async function run(...args: string[]) {
    const { out, io } = capture(dir);
    const code = await runDraft(['--week', '2026-W47', ...args], io, deps);
    return { code, ...out };
  }

  /** A FIFO holding `text`, its writer side kept open until the test ends. */
  function fifo(file: string, text = PLAN): string {
    execFileSync('mkfifo', [file]);
    const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
    writers.push(fd);
    fs.writeSync(fd, text);
    return file;
  }

  /** A draft that went on without the previous update: one stderr line matching `problem`. */
  function withoutPrevious(result: { code: number; stdout: string; stderr: string }, problem: RegExp) {
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr.split('\n').length, 2, result.stderr);
    assert.match(result.stderr, /^cadence draft: cannot read the previous update .*2026-W46\.md: /);
    assert.match(result.stderr, problem);
    assert.match(result.stderr, / — drafted without last week's plan\n$/);
    assert.match(result.stdout, /- parser: Tables for the parser/);
    assert.doesNotMatch(result.stdout, /Planned last week|Secret plan/);
  }

  it('reads a saved update that is a regular file, or a link inside the updates folder', async () => {
    fs.mkdirSync(path.join(updates, 'archive'));
    fs.writeFileSync(path.join(updates, 'archive', 'w46.txt'), PLAN);
    fs.symlinkSync(path.join('archive', 'w46.txt'), path.join(updates, '2026-W46.md'));
    const result = await run();
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /Planned last week: 1 of 2 shipped\./);
  });

  it('leaves out a saved update that is a FIFO, and a link to /dev/stdin', async () => {
    fifo(path.join(updates, '2026-W46.md'));
    withoutPrevious(await run(), /: it is a named pipe, not a regular file — /);
    fs.rmSync(updates, { recursive: true });
    fs.mkdirSync(updates);
    fs.symlinkSync('/dev/stdin', path.join(updates, '2026-W46.md'));
    withoutPrevious(await run(), /: it is a link to \S+, outside the updates folder — /);
  });

  it('leaves out a link to /dev/zero and a link to a file outside the repository', async () => {
    fs.symlinkSync('/dev/zero', path.join(updates, '2026-W46.md'));
    withoutPrevious(await run(), /: it is a link to \/dev\/zero, outside the updates folder — /);
    fs.rmSync(path.join(updates, '2026-W46.md'));
    const outside = path.join(root, 'elsewhere.md');
    fs.writeFileSync(outside, PLAN);
    fs.symlinkSync(outside, path.join(updates, '2026-W46.md'));
    withoutPrevious(await run(), /: it is a link to .*elsewhere\.md, outside the updates folder — /);
  });

  it('leaves out a saved update over 1 MiB, and renders one with 150,000 plan bullets', async () => {
    const bullets = (n: number, bullet: (i: number) => string) =>
      `## In progress / next week\n\n${Array.from({ length: n }, (_, i) => `- ${bullet(i)}\n`).join('')}`;
    fs.writeFileSync(
      path.join(updates, '2026-W46.md'),
      bullets(150_000, (i) => `planned item ${i}`),
    );
    assert.ok(fs.statSync(path.join(updates, '2026-W46.md')).size > 1024 * 1024);
    withoutPrevious(await run(), /: it is over 1 MiB — /);
    // Under the cap, 150,000 bullets overflowed the stack when rendered: now they are listed.
    fs.writeFileSync(
      path.join(updates, '2026-W46.md'),
      bullets(150_000, () => 'a'),
    );
    const many = await run();
    assert.equal(many.code, 0, many.stderr);
    assert.equal(many.stderr, '');
    assert.match(many.stdout, /Planned last week: 0 of 150000 shipped\./);
    assert.equal(many.stdout.split('- Not yet: a').length - 1, 150_000);
  });

  it('--previous and --template name files anywhere, but only regular files', async () => {
    const outside = path.join(root, 'previous.md');
    fs.writeFileSync(outside, PLAN);
    const named = await run('--previous', path.relative(dir, outside));
    assert.equal(named.stderr, '');
    assert.match(named.stdout, /Planned last week: 1 of 2 shipped\./);

    const pipe = fifo(path.join(root, 'previous.fifo'));
    const piped = await run('--previous', pipe);
    assert.equal(piped.code, 1);
    assert.equal(
      piped.stderr,
      `cadence draft: cannot read the previous update ${pipe}: it is a named pipe, not a regular file\n`,
    );
    const zero = await run('--previous', '/dev/zero');
    assert.equal(zero.code, 1);
    assert.equal(
      zero.stderr,
      'cadence draft: cannot read the previous update /dev/zero: it is a device, not a regular file\n',
    );

    const template = fifo(path.join(root, 'template.fifo'), '{{window.id}}\n');
    const templated = await run('--template', template);
    assert.equal(templated.code, 0);
    assert.equal(
      templated.stderr,
      `cadence draft: cannot read the template ${template}: it is a named pipe, not a regular file — used the built-in layout instead\n`,
    );
    assert.match(templated.stdout, /^# Week 47/);
    const big = path.join(root, 'big.hbs');
    fs.writeFileSync(big, `{{window.id}}${' '.repeat(256 * 1024)}`);
    const huge = await run('--template', big);
    assert.match(huge.stderr, /: it is over 256 KiB — used the built-in layout instead\n$/);
    assert.match(huge.stdout, /^# Week 47/);
  });

  it('reads only regular files: a link is followed inside the folder given, anywhere without one', () => {
    const outside = path.join(root, 'outside.md');
    fs.writeFileSync(outside, PLAN);
    const link = path.join(dir, 'link.md');
    fs.symlinkSync(outside, link);
    try {
      assert.deepEqual(readTextFile(link, 1024, null), { text: PLAN });
      assert.deepEqual(readTextFile(link, 1024, dir, 'the repository'), {
        problem: `it is a link to ${fs.realpathSync(outside)}, outside the repository`,
      });
      fs.writeFileSync(outside, 'x'.repeat(2048));
      assert.deepEqual(readTextFile(link, 1024, null), { problem: 'it is over 1 KiB' });
      assert.deepEqual(readTextFile(path.join(root, 'none'), 10, null), { problem: 'it does not exist' });
    } finally {
      fs.rmSync(link);
    }
  });
});
