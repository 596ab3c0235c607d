// Links of documentation sites' pages: a root-relative link is served from the site's source folder
// (tech-docs / Middleman `source/`, MkDocs `docs_dir`), and `x.html` is built from `x.html.md(.erb)`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildDuty } from '../../../src/node/docs/duty';
import { siteSourceOf, siteTargets } from '../../../src/core/docs/siteLinks';

const clock = { now: () => Date.parse('2026-11-20T12:00:00Z') };
const reviewed = '---\ntitle: Page\nlast_reviewed_on: 2026-11-01\nreview_in: 3 months\n---\n\n';

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

describe('docs: links of documentation sites', () => {
  let base: string;
  before(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-sites-')));
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  const broken = async (root: string): Promise<string[]> =>
    (await buildDuty(root, { clock, git: false })).items
      .filter((i) => i.kind === 'broken-path')
      .map((i) => `${path.relative(root, i.path)} ${i.target}`)
      .sort();

  it('resolves a tech-docs page link against source/ and a .html link to its .html.md(.erb) source', async () => {
    const root = path.join(base, 'tech-docs');
    write(root, {
      'config/tech-docs.yml': 'host: https://example.org\n',
      'source/images/cp-vpc-diagram.png': 'png',
      'source/documentation/other.html.md.erb': '# Other\n',
      'source/documentation/folder/index.html.md': '# Folder\n',
      'source/documentation/plain.html.erb': '<h1>Plain</h1>\n',
      'source/documentation/page.html.md.erb': `${reviewed}# Page\n\n![VPC](/images/cp-vpc-diagram.png)\n\n[Other](/documentation/other.html#top), [folder](/documentation/folder.html), [plain](plain.html), [relative](other.html).\n\n[Gone](/documentation/gone.html) and [outside](/../../etc/passwd) (outside: not a repository path) and [picture](/images/none.png).\n`,
      'README.md': '# Site\n\nSee [the diagram](/images/cp-vpc-diagram.png).\n',
    });
    assert.deepEqual(await broken(root), [
      'README.md images/cp-vpc-diagram.png',
      'source/documentation/page.html.md.erb documentation/gone.html',
      'source/documentation/page.html.md.erb images/none.png',
    ]);
  });

  it('reads a tech-docs page link as the browser does: `..` stops at the site root, pages without extension', async () => {
    // As ministryofjustice's cloud-platform and modernisation-platform runbooks write them.
    const root = path.join(base, 'tech-docs-relative');
    write(root, {
      'config/tech-docs.yml': 'host: https://example.org\n',
      'source/images/dynamodb-query.png': 'png',
      'source/images/central-dns-logs.png': 'png',
      'source/cp30/connecting-to-cp30-clusters.html.md.erb': '# Connecting\n',
      'source/error-refreshing-state.html.md.erb': `${reviewed}# Error\n\n![q](../images/dynamodb-query.png) ![n](../images/none.png)\n`,
      'source/runbooks/investigate.html.md.erb': `${reviewed}# Investigate\n\n![logs](../../images/central-dns-logs.png)\n`,
      'source/cp30/private.html.md.erb': `${reviewed}# Private\n\n[Connecting](connecting-to-cp30-clusters), [again](connecting-to-cp30-clusters/), [gone](gone-page).\n`,
    });
    assert.deepEqual(await broken(root), [
      'source/cp30/private.html.md.erb source/cp30/gone-page',
      'source/error-refreshing-state.html.md.erb images/none.png',
    ]);
  });

  it('finds the source folder of Middleman and MkDocs sites, and none elsewhere', () => {
    const files = new Set(['site/config.rb', 'config/tech-docs.yml', 'handbook/mkdocs.yml', 'source2/config.rb']);
    const exists = (p: string): boolean => files.has(p);
    assert.equal(siteSourceOf('site/source/a/b.html.md', exists), 'site/source');
    assert.equal(siteSourceOf('source/a.html.md.erb', exists), 'source');
    assert.equal(siteSourceOf('handbook/docs/runbooks/db.md', exists), 'handbook/docs');
    assert.equal(siteSourceOf('handbook/mkdocs-notes.md', exists), undefined);
    assert.equal(siteSourceOf('other/source/a.md', exists), undefined);
    assert.deepEqual(siteTargets('/img/a.png', 'img/a.png', 'handbook/docs/runbooks/db.md', exists), [
      'handbook/docs/img/a.png',
    ]);
    assert.deepEqual(
      siteTargets('img/a.png', 'handbook/docs/runbooks/img/a.png', 'handbook/docs/runbooks/db.md', exists),
      [],
    );
  });

  it('resolves an MkDocs page link against docs_dir', async () => {
    const root = path.join(base, 'mkdocs');
    write(root, {
      'mkdocs.yml': 'site_name: Operations\ndocs_dir: docs\n',
      'docs/img/a.png': 'png',
      'docs/runbooks/db.md': '# Database runbook\n\n![a](/img/a.png) and ![b](/img/b.png)\n',
    });
    assert.deepEqual(await broken(root), ['docs/runbooks/db.md img/b.png']);
  });
});
