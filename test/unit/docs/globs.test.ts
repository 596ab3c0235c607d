// Globs come from a repository's own settings (`cadence.docs.runbookGlobs`, `decisionGlobs`,
// `guideGlobs` in a committed .vscode/settings.json), which the CLI and the language server apply
// in untrusted workspaces. A glob compiled to a backtracking regular expression takes time
// exponential in its stars: `**a**a…**b` against a long name never ends. globMatcher runs such globs
// as an automaton; these tests hold it to the regular expression's answers where those are cheap.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { type DocsJson, docsCommand } from '../../../src/cli/docs';
import { globMatcher } from '../../../src/core/docs/paths';
import { capture } from '../cliIo';
import { clock } from './fixtures';

/** The regular expression every glob used to become (no braces), kept as the reference. */
function reference(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        re += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const HOSTILE = `${'**a'.repeat(14)}**b`;
const LONG = `docs/${'a'.repeat(60)}.md`;

describe('globs from repository settings', () => {
  it('match as before: folders at any depth, one segment, one character, alternatives, case for guides', () => {
    const yes = (glob: string, p: string, ignoreCase = false) =>
      assert.ok(globMatcher(glob, ignoreCase).test(p), `${glob} ~ ${p}`);
    const no = (glob: string, p: string) => assert.ok(!globMatcher(glob).test(p), `${glob} !~ ${p}`);
    yes('**/runbooks/**', 'x/runbooks/y/z.md');
    yes('**/runbooks/**', 'runbooks/z.md');
    yes('source/**/*.md.erb', 'source/a.md.erb');
    yes('source/**/*.md.erb', 'source/x/y/a.md.erb');
    no('source/**/*.md.erb', 'sourcex/a.md.erb');
    yes('ops/*.{md,markdown}', 'ops/a.markdown');
    yes('{ops,run}/**/*.{md,mdx}', 'run/x/a.mdx');
    no('ops/*.md', 'ops/x/a.md');
    yes('ops/?.md', 'ops/a.md');
    no('ops/?.md', 'ops/ab.md');
    yes('docs/*/**/*-runbook-*.md', 'docs/a/b/c/x-runbook-y.md');
    no('docs/*/**/*-runbook-*.md', 'docs/x-runbook-y.md');
    yes('DOCS/Onboarding/**/*.md', 'docs/onboarding/a/b.md', true);
    no('DOCS/Onboarding/**/*.md', 'docs/onboarding/a/b.md');
    yes('ops/{a,b', 'ops/{a,b');
  });

  it('agree with the regular expression on every glob and path (property, fixed seed)', () => {
    const part = fc.constantFrom('a', 'b', '/', '.', '*', '?', '**', '**/', '*a*');
    const name = fc.constantFrom('a', 'b', '/', '.', 'ab', 'a/b');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), fc.array(name, { maxLength: 8 }), (parts, names) => {
        const glob = parts.join('');
        const p = names.join('');
        assert.equal(globMatcher(glob).test(p), reference(glob).test(p), `${glob} ~ ${p}`);
      }),
      { seed: 20261130, numRuns: 5000 },
    );
  });

  it('answer a glob of many stars against a long name at once', () => {
    assert.equal(globMatcher(HOSTILE).test(LONG), false);
    assert.equal(globMatcher(HOSTILE).test(`${'a'.repeat(60)}b`), true);
    assert.equal(globMatcher(`${'*a'.repeat(20)}*b`, true).test('A'.repeat(80)), false);
  });

  it('cadence docs with such a glob in the repository settings finishes, and counts no file for it', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-glob-'));
    try {
      fs.mkdirSync(path.join(root, '.vscode'));
      fs.writeFileSync(
        path.join(root, '.vscode', 'settings.json'),
        JSON.stringify({ 'cadence.docs.runbookGlobs': [HOSTILE] }),
      );
      fs.mkdirSync(path.join(root, 'docs'));
      fs.writeFileSync(path.join(root, LONG), '# A runbook\n');
      const { out, io } = capture();
      assert.equal(await docsCommand(clock).run([root, '--format', 'json', '--no-git'], io), 0, out.stderr);
      const json = JSON.parse(out.stdout) as DocsJson;
      assert.deepEqual(json.globs, [{ glob: HOSTILE, files: 0 }]);
      assert.deepEqual(json.runbooks, []);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
