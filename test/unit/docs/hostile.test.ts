import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocsIndex, loadRoot } from '../../../src/core/docs/index';
import { parseDecision } from '../../../src/core/docs/parse';
import { readSource } from '../../../src/core/docs/source';
import type { Problem } from '../../../src/core/docs/types';
import { isInsideRoots } from '../../../src/node/docs/containment';
import { nodeFileSystem } from '../../../src/node/docs/nodeFileSystem';
import { inProcessServer } from '../server/lspClient';
import { clock, repoRoot } from './fixtures';

/** The hostile workspace, built once by test/fixtures/docs-hostile.mjs. */
let built: { dir: string; root: string; records: string } | undefined;
function hostile(): { dir: string; root: string; records: string } {
  if (built) return built;
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-hostile-')), 'h');
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'test', 'fixtures', 'docs-hostile.mjs'), dir], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`docs-hostile.mjs failed: ${result.stderr}`);
  const root = path.join(dir, 'workspace');
  built = { dir, root, records: path.join(root, 'docs', 'decisions') };
  return built;
}

let loaded: { index: DocsIndex; problems: Map<string, Problem[]> } | undefined;
async function loadHostile(): Promise<{ index: DocsIndex; problems: Map<string, Problem[]> }> {
  if (loaded) return loaded;
  const index = new DocsIndex({ clock });
  await loadRoot(nodeFileSystem, index, hostile().root);
  const problems = new Map<string, Problem[]>();
  for (const problem of index.problems()) {
    const name = path.basename(problem.path);
    problems.set(name, [...(problems.get(name) ?? []), problem]);
  }
  loaded = { index, problems };
  return loaded;
}

const codes = (problems: Map<string, Problem[]>, name: string): string[] =>
  (problems.get(name) ?? []).map((p) => p.code);

describe('docs: nothing a repository can do to the user', () => {
  it('skips a named pipe with a problem, without opening it for a blocking read', async () => {
    const { problems, index } = await loadHostile();
    assert.deepEqual(codes(problems, '0002-named-pipe.md'), ['not-a-file']);
    assert.match(problems.get('0002-named-pipe.md')![0].message, /named pipe/);
    assert.equal(
      index.decisions().some((d) => d.path.endsWith('0002-named-pipe.md')),
      false,
    );
  });

  it('reports a named pipe in a runbook collection as it does in a decision folder', async () => {
    const { problems, index } = await loadHostile();
    assert.deepEqual(codes(problems, 'restart-pipe.md'), ['not-a-file']);
    assert.ok(!index.runbooks().some((r) => r.path.endsWith('restart-pipe.md')));
  });

  it('skips a link to a named pipe inside the workspace', async () => {
    const { problems } = await loadHostile();
    assert.deepEqual(codes(problems, '0003-link-to-pipe.md'), ['not-a-file']);
  });

  it('never reads /dev/zero or /dev/stdin through a link', async () => {
    const { problems } = await loadHostile();
    assert.deepEqual(codes(problems, '0004-dev-zero.md'), ['outside-workspace']);
    assert.deepEqual(codes(problems, '0005-dev-stdin.md'), ['outside-workspace']);
  });

  it('follows a link only when it ends inside the workspace folder', async () => {
    const { problems, index } = await loadHostile();
    assert.deepEqual(codes(problems, '0006-link-outside.md'), ['outside-workspace']);
    assert.equal(
      index.decisions().some((d) => d.title.includes('SECRET')),
      false,
    );
    assert.ok(index.decisions().some((d) => d.title === 'Linked from inside'));
  });

  it('enforces the size limit while reading, not only from stat (a file whose size says 0)', async () => {
    // /proc files report size 0 and hold more: the limit must stop the read itself.
    const read = await nodeFileSystem.readText('/proc/self/status', 16, '/proc');
    assert.ok(read && typeof read === 'object' && 'size' in read, JSON.stringify(read));
    assert.deepEqual(codes((await loadHostile()).problems, '0013-too-large.md'), ['file-too-large']);
  });

  it('refuses to read a config file that is a pipe, as an unreadable config', async () => {
    await assert.rejects(nodeFileSystem.readFile(path.join(hostile().root, 'pipes', 'pipe')), /named pipe/);
  });

  it('site configs with hostile YAML (Python tags, 500 `{`, an alias bomb, 200,000 `{`) are one problem each, never run or expanded', async () => {
    const { problems, index } = await loadHostile();
    assert.deepEqual(codes(problems, 'mkdocs.yml'), ['unreadable-file']);
    assert.match(problems.get('mkdocs.yml')![0].message, /nests too deeply/);
    assert.deepEqual(codes(problems, '.log4brains.yml'), ['unreadable-file']);
    // The catalog's aliases are never expanded: it is read, and its site is the mkdocs.yml beside it.
    assert.deepEqual(codes(problems, 'catalog-info.yaml'), []);
    assert.ok(!fs.existsSync(path.join(hostile().root, 'sites', '0', 'pwned')));
    // The site falls back to MkDocs' defaults: its page named for a runbook is one.
    assert.ok(index.runbooks().some((r) => r.path.endsWith('/sites/0/docs/restart-runbook.md')));
  });

  it('does not follow .adr-dir out of the workspace, and says so', async () => {
    const { problems, index } = await loadHostile();
    assert.deepEqual(codes(problems, '.adr-dir'), ['outside-workspace']);
    assert.equal(
      index.decisions().some((d) => !d.path.startsWith(hostile().root)),
      false,
    );
  });

  it('knows a folder named with .. or reached through a link is not inside the workspace (New Decision Record)', () => {
    const { root, dir } = hostile();
    assert.equal(isInsideRoots([root], path.join(root, 'docs', 'decisions')), true);
    assert.equal(isInsideRoots([root], path.join(root, 'docs', 'new-folder', 'deeper')), true);
    assert.equal(isInsideRoots([root], path.resolve(root, '..', '..')), false);
    const link = path.join(root, 'escape');
    if (!fs.existsSync(link)) fs.symlinkSync(path.join(dir, 'outside'), link);
    assert.equal(isInsideRoots([root], path.join(link, 'adr')), false);
  });

  it('stops YAML conversion on an error: 500 `{` is one problem, not gigabytes', () => {
    const text = `---\ntitle: ${'{'.repeat(500)}\n---\n# 7. Braces\n`;
    const decision = parseDecision('/w/docs/decisions/0007-braces.md', text, '/w/docs/decisions');
    assert.deepEqual(
      decision.problems.map((p) => p.code),
      ['invalid-front-matter', 'missing-status'],
    );
    assert.equal(decision.title, 'Braces');
  });

  it('bounds alias expansion (a billion-laughs front matter)', async () => {
    const { problems, index } = await loadHostile();
    assert.ok(codes(problems, '0008-alias-bomb.md').includes('invalid-front-matter'));
    const bomb = index.decisions().find((d) => d.path.endsWith('0008-alias-bomb.md'));
    assert.deepEqual(bomb?.tags ?? [], []);
  });

  it('reads plain scalars from YAML with an error, but never converts its collections', () => {
    const source = readSource('---\nstatus: accepted\ntags: [a, {b: [c\n---\n# 1. X\n');
    assert.equal(source.frontMatter?.fields.get('status')?.value, 'accepted');
    assert.equal(source.frontMatter?.fields.get('tags')?.value, undefined);
    assert.ok(source.frontMatter?.error);
  });

  it('refuses a collection used as a key, and very deep nesting, without converting them', () => {
    const key = readSource('---\n? [a, b]\n: c\nstatus: accepted\n---\n');
    assert.ok(key.frontMatter?.error);
    const deep = readSource(`---\ntags: ${'['.repeat(40)}${']'.repeat(40)}\n---\n`);
    assert.match(deep.frontMatter?.error?.message ?? '', /nests too deeply/);
  });

  it('reports aliases expanding to objects where text is expected, instead of "[object Object]"', () => {
    const decision = parseDecision(
      '/w/docs/decisions/0001-x.md',
      '---\nmeta: &m {owner: x}\nstatus: accepted\ntags: [api, *m]\n---\n# 1. X\n',
      '/w/docs/decisions',
    );
    assert.deepEqual(decision.tags, ['api']);
    assert.deepEqual(
      decision.problems.map((p) => p.code),
      ['invalid-front-matter'],
    );
    assert.match(decision.problems[0].message, /`tags` holds a mapping or list where text is expected/);
  });

  it('keeps numbers too large to be numbers as the text written, and says so', () => {
    const source = readSource('---\ntitle: 123456789012345678901234567890\nstatus: accepted\n---\n');
    assert.equal(source.frontMatter?.fields.get('title')?.value, '123456789012345678901234567890');
    assert.match(source.notes[0].message, /too large to be a number/);
  });

  it('never rounds a number too large to be a record number: file name, title, mention and link keep it as text', () => {
    const big = '123456789012345678901234567890';
    const decision = parseDecision(
      `/w/adr/${big}-big.md`,
      `# ${big}. Use X\n\n## Status\n\nSuperseded by ${big}\n\nSee ADR-${big}.\n`,
      '/w/adr',
    );
    assert.equal(decision.number, undefined);
    assert.equal(decision.title, `${big}. Use X`);
    assert.deepEqual(decision.references, []);
    assert.equal(decision.mentions, undefined);
  });

  it('reads a record number of 7 or 8 digits after "Superseded by" as the number it is (record numbers go to 8)', () => {
    const decision = parseDecision('/w/adr/0001-a.md', '# 1. A\n\n## Status\n\nSuperseded by 1234567\n', '/w/adr');
    assert.deepEqual(decision.references, [{ relation: 'supersededBy', number: 1234567, line: 4 }]);
    const index = new DocsIndex({ clock });
    index.setDecision('/w/adr/0001-a.md', '# 1. A\n\n## Status\n\nSuperseded by 1234567\n', '/w/adr', false);
    assert.match(
      index
        .problems()
        .map((p) => p.message)
        .join('\n'),
      /Superseded by number 1234567, which is not a decision record here/,
    );
  });

  it('decodes Windows-1252 curly quotes and dashes as such, not as C1 controls', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-cp1252-'));
    try {
      const file = path.join(dir, '0001-x.md');
      fs.writeFileSync(
        file,
        Buffer.from([0x23, 0x20, 0x93, 0x44, 0xe9, 0x63, 0x69, 0x73, 0x69, 0x6f, 0x6e, 0x94, 0x20, 0x96, 0x20, 0x80]),
      );
      assert.deepEqual(await nodeFileSystem.readText(file, 1024, dir), {
        text: '# “Décision” – €',
        encoding: 'windows-1252',
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('decodes a file that is not UTF-8 and says so', async () => {
    const { problems, index } = await loadHostile();
    assert.deepEqual(codes(problems, '0009-latin1.md'), ['not-utf8']);
    assert.ok(index.decisions().some((d) => d.title === 'Décision en français'));
  });

  it('reports front matter that is never closed, and keys set twice', async () => {
    const { problems } = await loadHostile();
    assert.deepEqual(codes(problems, '0011-unclosed.md'), ['unclosed-front-matter']);
    assert.deepEqual(codes(problems, '0012-duplicate-keys.md'), ['duplicate-key']);
    assert.match(problems.get('0012-duplicate-keys.md')![0].message, /lines 2 and 3/);
  });

  it('the language server indexes the hostile workspace and publishes its problems', async () => {
    const client = inProcessServer();
    try {
      await client.initialize([hostile().root], { git: false });
      const pipe = path.join(hostile().records, '0002-named-pipe.md');
      client.open(pipe, '# 2. Opened in an editor\n');
      const braces = path.join(hostile().records, '0007-braces.md');
      const found = await client.diagnosticsFor(braces, (d) => d.some((x) => x.code === 'invalid-front-matter'));
      assert.ok(found.length > 0);
    } finally {
      client.dispose();
    }
  });
});
