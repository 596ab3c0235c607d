// Files a repository commits that the CLI reads before anything else: deeply nested text is one
// line on stderr and the run goes on, never a stack overflow.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/run';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../../../src/core/jsonNesting';
import { readRepoSettingsFile } from '../../../src/node/repoSettings';
import { capture } from '../cliIo';

describe('deeply nested files a repository commits', () => {
  let root: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-deep-')));
    fs.mkdirSync(path.join(root, '.vscode'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('jsonTooDeep counts brackets outside strings and comments', () => {
    assert.equal(jsonTooDeep('{"a": [1, {"b": []}]}', 4), undefined);
    assert.equal(jsonTooDeep('{"a": [1, {"b": []}]}', 3), 16);
    assert.equal(jsonTooDeep('[[[]]] [[[]]]', 3), undefined, 'closed brackets give their level back');
    const noise = `{ "x": "[[[[{{{{ \\" [[[[", // [[[[{{{{\n /* [[[[ {{{{ */ "y": 1 }`;
    assert.equal(jsonTooDeep(noise, 1), undefined);
    assert.equal(jsonTooDeep('['.repeat(MAX_JSON_DEPTH)), undefined);
    assert.equal(jsonTooDeep('['.repeat(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH);
    assert.equal(jsonTooDeep('"[[[[', 1), undefined, 'an unclosed string ends the scan');
  });

  it('.vscode/settings.json nested past the bound is a problem, never parsed', async () => {
    const file = path.join(root, '.vscode', 'settings.json');
    // jsonc-parser recurses once per level: this many overflow the stack wherever it is called.
    fs.writeFileSync(file, '['.repeat(200_000));
    assert.deepEqual(await readRepoSettingsFile(root), {
      values: {},
      problem: `${file} nests deeper than ${MAX_JSON_DEPTH} levels (at offset ${MAX_JSON_DEPTH}); its settings were not used`,
    });
    const nested = `{"cadence.docs.x": ${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    fs.writeFileSync(file, nested);
    assert.deepEqual(await readRepoSettingsFile(root), { values: JSON.parse(nested), problem: null });
  });

  it('cadence docs and cadence duty say one line and go on with the defaults', async () => {
    const file = path.join(root, '.vscode', 'settings.json');
    fs.writeFileSync(file, '['.repeat(200_000));
    for (const command of ['docs', 'duty']) {
      const { out, io } = capture(root);
      assert.equal(await runCli([command, '--no-git', '--format', 'json'], io), 0, out.stderr);
      assert.equal(
        out.stderr,
        `cadence ${command}: ${file} nests deeper than ${MAX_JSON_DEPTH} levels (at offset ${MAX_JSON_DEPTH}); its settings were not used\n`,
      );
      assert.ok(JSON.parse(out.stdout));
    }
  });
});
