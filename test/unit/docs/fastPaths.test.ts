import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { outline } from '../../../src/core/docs/outline';
import { headingsOf, parseDecision, parseRunbook } from '../../../src/core/docs/parse';
import { simpleFrontMatter } from '../../../src/core/docs/simpleFrontMatter';
import { outlineOf, simpleOutline } from '../../../src/core/docs/simpleOutline';
import { fastPaths, readSource } from '../../../src/core/docs/source';
import { formatsFixture, repoRoot } from './fixtures';

/** Fixed seed and run counts: the same cases on every machine, so a failure reproduces. */
const SEED = 20261129;

/** `fn` with the fast paths off (markdown-it and `yaml` for everything), then on. */
function bothWays<T>(fn: () => T): { full: T; fast: T } {
  fastPaths.enabled = false;
  try {
    const full = fn();
    fastPaths.enabled = true;
    return { full, fast: fn() };
  } finally {
    fastPaths.enabled = true;
  }
}

/** How many texts the scanners read themselves, so a test over them cannot pass by never using them. */
const taken = { outline: 0, frontMatter: 0 };

/** Every result the index takes from a text is the same both ways. */
function assertSameBothWays(text: string, label = JSON.stringify(text)): void {
  const source = readSource(text);
  const simple = simpleOutline(source.text.slice(source.bodyStart), source.bodyLine);
  if (simple) {
    taken.outline++;
    assert.deepEqual(simple, outline(source.tokens), `outline of ${label}`);
  }
  const sources = bothWays(() => readSource(text));
  assert.deepEqual(sources.fast.frontMatter, sources.full.frontMatter, `front matter of ${label}`);
  assert.deepEqual(sources.fast.notes, sources.full.notes, `notes of ${label}`);
  if (sources.full.frontMatter && !sources.full.frontMatter.error) {
    const front = sources.full.frontMatter;
    const yamlStart = source.lineStarts[1];
    if (simpleFrontMatter(text.slice(yamlStart, front.endOffset), yamlStart, 1)) taken.frontMatter++;
  }
  const outlines = bothWays(() => outlineOf(readSource(text)));
  assert.deepEqual(outlines.fast, outlines.full, `outlineOf ${label}`);
  const decisions = bothWays(() => parseDecision('/r/adr/0001-x.md', text, '/r/adr'));
  assert.deepEqual(decisions.fast, decisions.full, `decision of ${label}`);
  const runbooks = bothWays(() => parseRunbook('/r/runbooks/x.md', text, '/r/runbooks'));
  assert.deepEqual(runbooks.fast, runbooks.full, `runbook of ${label}`);
  const headings = bothWays(() => headingsOf(text));
  assert.deepEqual(headings.fast, headings.full, `headings of ${label}`);
}

function markdownFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...markdownFiles(full));
    else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) found.push(full);
  }
  return found;
}

/** Lines of simple and nearly simple records: what the scanners read, and what they must refuse. */
const line = fc.oneof(
  fc.constantFrom(
    '# 1. Use PostgreSQL',
    '## Status',
    '## Status: Accepted',
    '## Context and Problem Statement',
    '## Decision',
    '### Consequences ###',
    '# C# everywhere',
    '#hashtag',
    '#\tTab',
    '#',
    'Accepted',
    'Proposed  ',
    'Superseded by [2. X](0002-x.md)',
    'Superceded by 16',
    'Date: 2024-02-01',
    'Status: `accepted`',
    'We use ADR-17 and ADR 0003 here.',
    'See [the other](0003-other.md) and <b>bold</b> & more_words',
    'A line with *emphasis* and a trailing tab\t',
    'Text \\',
    '* Status: proposed',
    '- item',
    '1. first',
    '1.5 million',
    '> quote',
    '    code',
    ' one space',
    '===',
    '---',
    '```',
    '| Status | Accepted |',
    '[ref]: http://x',
    '<div>',
    '\u00a0nbsp first',
    '',
    '   ',
    '\r',
    '\u0000',
  ),
  fc.string({ maxLength: 12 }),
);

/** Front matter lines: the simple shapes and the YAML that looks like them but reads differently. */
const yamlLine = fc.oneof(
  fc.constantFrom(
    'status: proposed',
    'status: Accepted  ',
    'Status: accepted',
    'date: 2024-03-01',
    'date: 2024-03-01T10:00',
    'date: 05/02/2018',
    'decision-makers: [Ada, Grace]',
    'tags: []',
    'tags: [ api ,storage ]',
    'tags: [a, b,]',
    'tags: [a, [b]]',
    'title: Use X, not Y',
    'title: Use X: the thing',
    'title: C# and F#',
    'title: a #comment',
    'title: http://example.com/x',
    'title: "quoted"',
    "title: 'single'",
    'title: null',
    'title: ~',
    'title: true',
    'title: 12',
    'title: 1e999',
    'title: .inf',
    'title: 0x1F',
    'title: Ünïcödé ✓',
    'title: -dash',
    'title: *alias',
    'title: &anchor x',
    'title: !tag x',
    'title: >',
    'title: |',
    'title:',
    'title:x',
    '  indented: x',
    '# comment',
    'status: accepted',
    'null: x',
    'true: y',
    'a_b-c: d',
    '',
  ),
  fc.string({ maxLength: 10 }).map((s) => `key: ${s}`),
);

const record = fc
  .record({
    front: fc.option(fc.array(yamlLine, { maxLength: 6 }), { nil: undefined }),
    body: fc.array(line, { maxLength: 16 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ front, body, crlf, bom }) => {
    const text = `${front ? `---\n${front.join('\n')}\n---\n` : ''}${body.join('\n')}\n`;
    return (bom ? '\uFEFF' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);
  });

describe('docs fast paths read exactly what markdown-it and yaml read', function () {
  // Fixed case counts, not a time bound: a loaded machine may take longer than the default.
  this.timeout(120_000);

  it('reads a plain Nygard record and simple MADR front matter without markdown-it or yaml', () => {
    const nygard = '# 2. Use PostgreSQL\n\nDate: 2024-02-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n';
    assert.ok(simpleOutline(nygard, 0));
    const madr = 'status: proposed\ndate: 2024-03-01\ndecision-makers: [Ada, Grace]\ntags: [api, storage]\n';
    const fields = simpleFrontMatter(madr, 4, 1);
    assert.deepEqual(fields?.get('tags')?.value, ['api', 'storage']);
    assert.deepEqual(fields?.get('decision-makers')?.span, {
      start: 4 + madr.indexOf('[Ada'),
      end: 4 + madr.indexOf('\ntags'),
    });
    // What the scanners are not sure of goes to the full parsers.
    assert.equal(simpleOutline('* Status: proposed\n', 0), undefined);
    assert.equal(simpleFrontMatter('status: "accepted"\n', 4, 1), undefined);
    assert.equal(simpleFrontMatter('number: 12\n', 4, 1), undefined);
    assert.equal(simpleFrontMatter('status: a\nStatus: b\n', 4, 1), undefined);
  });

  it('agree on every file of the format and hostile fixtures', () => {
    const hostileDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-fast-')), 'h');
    const result = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'test', 'fixtures', 'docs-hostile.mjs'), hostileDir],
      {
        encoding: 'utf8',
      },
    );
    if (result.status !== 0) throw new Error(`docs-hostile.mjs failed: ${result.stderr}`);
    const files = [...markdownFiles(formatsFixture()), ...markdownFiles(hostileDir)];
    assert.ok(files.length > 50, `${files.length} fixture files`);
    const before = { ...taken };
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      if (bytes.length > 1024 * 1024) continue;
      assertSameBothWays(bytes.toString('utf8'), file);
    }
    assert.ok(taken.outline - before.outline >= 10, `the outline scanner read ${taken.outline - before.outline} files`);
    assert.ok(
      taken.frontMatter - before.frontMatter >= 5,
      `the front matter scanner read ${taken.frontMatter - before.frontMatter}`,
    );
  });

  it('property: agree on generated records (fast-check)', () => {
    const before = { ...taken };
    fc.assert(
      fc.property(record, (text) => assertSameBothWays(text)),
      { seed: SEED, numRuns: 600 },
    );
    assert.ok(taken.outline - before.outline >= 100, `the outline scanner read ${taken.outline - before.outline}`);
    assert.ok(
      taken.frontMatter - before.frontMatter >= 30,
      `the front matter scanner read ${taken.frontMatter - before.frontMatter}`,
    );
  });
});
