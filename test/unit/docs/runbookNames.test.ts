// Which files of a runbook collection are runbooks by their name: a repository's meta files
// (change log, licence, owners, glossary) are not, unless their front matter says so.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocsIndex, loadRoot } from '../../../src/core/docs/index';
import { nodeFileSystem } from '../../../src/node/docs/nodeFileSystem';
import { clock } from './fixtures';

async function runbooksOf(files: Record<string, string>): Promise<string[]> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-runbook-names-')));
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    const index = new DocsIndex({ clock });
    await loadRoot(nodeFileSystem, index, root, {});
    return index
      .runbooks()
      .map((r) => path.relative(root, r.path))
      .sort();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('runbook collections: repository meta files', () => {
  it('skips CHANGELOG, LICENSE, CODEOWNERS, glossary and friends in runbooks/, unless front matter marks them', async () => {
    const meta = ['CHANGELOG', 'LICENSE', 'LICENCE', 'CODEOWNERS', 'CODE_OF_CONDUCT', 'glossary', 'NOTICE', 'AUTHORS'];
    const files: Record<string, string> = {
      'runbooks/restart-db.md': '# Restart the database\n',
      'runbooks/SECURITY.md': '---\ntype: runbook\n---\n# Security incident\n',
      'alerts/HighLatency.md': '# HighLatency\n\n## Meaning\n\n## Impact\n\n## Diagnosis\n\n## Mitigation\n',
      'alerts/CHANGELOG.md': '# Changes\n\n## Meaning\n\n## Impact\n\n## Diagnosis\n\n## Mitigation\n',
    };
    for (const name of meta) files[`runbooks/${name}.md`] = `# ${name}\n`;
    assert.deepEqual(await runbooksOf(files), [
      'alerts/HighLatency.md',
      'runbooks/SECURITY.md',
      'runbooks/restart-db.md',
    ]);
  });

  it('counts a page folder whose only page is its index, not the index of a folder of runbooks', async () => {
    const reviewed = '---\nlast_reviewed_on: 2026-10-01\nreview_in: 6 months\n---\n';
    assert.deepEqual(
      await runbooksOf({
        'config/tech-docs.yml': 'host: https://example.org\n',
        'source/kubernetes/index.html.md': `${reviewed}# Kubernetes\n`,
        'source/kubernetes/fix-app/index.html.md': `${reviewed}# Fix an app\n`,
        'source/kubernetes/fix-app/diagram.png': 'png',
        'source/kubernetes/scale/index.html.md.erb': `${reviewed}# Scale\n`,
        'source/manual/index.html.md': `${reviewed}# Manual\n`,
        'source/manual/restart.html.md': `${reviewed}# Restart\n`,
        'runbooks/payments/README.md': '# Payments runbook\n',
        'runbooks/README.md': '# Our runbooks\n',
        'docs/notes/index.md': '# Notes\n',
      }),
      [
        'runbooks/payments/README.md',
        'source/kubernetes/fix-app/index.html.md',
        'source/kubernetes/scale/index.html.md.erb',
        'source/manual/restart.html.md',
      ],
    );
  });
});
