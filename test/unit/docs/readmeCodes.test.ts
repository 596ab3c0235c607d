// README's language-server section must list every diagnostic code the index and the server report.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { PROBLEM_CODES } from '../../../src/core/docs/types';

/** Codes the language server reports besides the index's (src/server/pathDiagnostics.ts). */
const SERVER_CODES = ['broken-path', 'drift'];

describe('README language-server section', () => {
  it('lists every diagnostic code in its table', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const start = readme.indexOf('\n### Language server\n');
    assert.ok(start >= 0, 'README has a "### Language server" section');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    for (const code of [...PROBLEM_CODES, ...SERVER_CODES]) {
      assert.ok(
        rows.some((row) => row.split('|')[1].includes(`\`${code}\``)),
        `README's language-server table lists ${code}`,
      );
    }
  });
});
