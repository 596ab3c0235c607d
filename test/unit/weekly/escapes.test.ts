// Commit subjects and branch names are the repository's text: in `cadence draft`'s Markdown, Slack
// and text output (and so in the editor's draft, rendered by the same core), terminal escapes and
// bidi overrides are shown as `\u{…}` escapes, never passed through raw.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runDraft } from '../../../src/cli/draft';
import { printable } from '../../../src/core/printable';
import { people, repo } from '../../fixtures/weekly/histories.mjs';
import { capture, draftDeps } from '../cliIo';

const deps = draftDeps();

// C0/C1 controls other than tab and newline, and bidi marks, embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('weekly draft: control characters and bidi overrides from the repository', function () {
  this.timeout(20_000);
  let root: string;
  let dir: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-escapes-weekly-'));
    const r = repo(path.join(root, 'repo'));
    r.commit(people.ada, '2026-11-16T10:00:00+01:00', 'chore: initial commit');
    r.commit(
      people.ada,
      '2026-11-17T10:00:00+01:00',
      'feat: evil \u001b[2J\u001b]0;title\u0007 \u202egnp.exe \u2066x\u2069 \u0085',
    );
    r.git(['checkout', '-q', '-b', 'feat/\u202ebidi']);
    r.commit(people.ada, '2026-11-18T10:00:00+01:00', 'feat: work on \u202ebidi');
    dir = r.dir;
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  for (const format of ['markdown', 'slack', 'text']) {
    it(`escapes them in --format ${format}`, async () => {
      const { out, io } = capture(dir);
      const code = await runDraft(['--week', '2026-W47', '--format', format], io, deps);
      assert.equal(code, 0, out.stderr);
      assert.doesNotMatch(out.stdout, RAW);
      assert.ok(out.stdout.includes('\\u{001B}[2J\\u{001B}]0;title\\u{0007} \\u{202E}gnp.exe'), out.stdout);
      assert.ok(out.stdout.includes('\\u{2066}x\\u{2069} \\u{0085}'), out.stdout);
      assert.ok(out.stdout.includes('feat/\\u{202E}bidi'), out.stdout);
      assert.ok(out.stdout.includes('\n') && !out.stdout.includes('\\u{000A}'), 'newlines are layout, kept');
    });
  }

  it('one helper: the whole text, or a document keeping tabs and newlines', () => {
    assert.equal(printable('a\tb\nc\u202e'), 'a\\u{0009}b\\u{000A}c\\u{202E}');
    assert.equal(printable('a\tb\nc\u202e', true), 'a\tb\nc\\u{202E}');
  });
});
