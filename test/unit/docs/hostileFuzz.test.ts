import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { DocsIndex, loadRoot } from '../../../src/core/docs/index';
import { parseDecision } from '../../../src/core/docs/parse';
import { nodeFileSystem } from '../../../src/node/docs/nodeFileSystem';
import { clock } from './fixtures';

/** Fixed seed and run counts: the same cases on every machine, so a failure reproduces. */
const SEED = 20261129;

/** Pieces of front matter that have cost time or memory in YAML parsers. */
const yamlPiece = fc.oneof(
  fc.integer({ min: 1, max: 600 }).map((n) => '{'.repeat(n)),
  fc.integer({ min: 1, max: 600 }).map((n) => '['.repeat(n)),
  fc.integer({ min: 1, max: 60 }).map((n) => '? '.repeat(n) + 'a'),
  fc.integer({ min: 1, max: 9 }).map(
    (n) =>
      `&a${n} [${Array(9)
        .fill(`*a${n - 1}`)
        .join(',')}]`,
  ),
  fc.constantFrom('&a0 [x, x, x, x, x, x, x, x, x]', '*a0', '<<: *a0', '!!binary x', '!!set', '!custom x'),
  fc.constantFrom('status: accepted', 'title: ', 'tags: ', 'date: 05/02/2018', 'number: 1e999', 'status:'),
  fc.constantFrom('\t', '  ', '"', "'", '|', '>', '-', ':', '#', '%YAML 1.1', '---', '...'),
  fc.string({ maxLength: 20 }),
);

const frontMatter = fc
  .array(fc.array(yamlPiece, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 })
  .map((lines) => `---\n${lines.map((pieces) => pieces.join(' ')).join('\n')}\n---\n# 1. Fuzzed\n`);

describe('docs: hostile input fuzz', function () {
  // A fixed number of cases, not a time bound: a loaded machine may take longer than the default.
  this.timeout(120_000);
  it('property: any front matter parses with bounded output (no blow-up, no throw)', () => {
    fc.assert(
      fc.property(frontMatter, (text) => {
        const decision = parseDecision('/w/adr/0001-f.md', text, '/w/adr');
        // Every converted value is bounded by the input, whatever aliases or keys it holds.
        const size = JSON.stringify({ tags: decision.tags, title: decision.title, status: decision.statusText }).length;
        assert.ok(size <= 20 * text.length + 200, `output of ${size} chars from ${text.length}`);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('property: any mix of pipes, links and bombs in a decision folder loads, reading nothing outside', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-hostile-fuzz-'));
    const outside = path.join(base, 'outside.md');
    fs.writeFileSync(outside, '# 77. OUTSIDE\n\n## Status\n\nAccepted\n');
    const entry = fc.oneof(
      fc.constant({ kind: 'fifo' as const }),
      fc.constant({ kind: 'link' as const, target: '/dev/zero' }),
      fc.constant({ kind: 'link' as const, target: '/dev/stdin' }),
      fc.constant({ kind: 'link' as const, target: outside }),
      fc.constant({ kind: 'link' as const, target: 'missing.md' }),
      fc.constant({ kind: 'link-to-fifo' as const }),
      frontMatter.map((text) => ({ kind: 'file' as const, text })),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 6 }), async (entries) => {
        const root = path.join(base, `w${run++}`);
        const folder = path.join(root, 'docs', 'adr');
        fs.mkdirSync(folder, { recursive: true });
        entries.forEach((e, i) => {
          const file = path.join(folder, `${String(i + 1).padStart(4, '0')}-entry.md`);
          if (e.kind === 'fifo') execFileSync('mkfifo', [file]);
          else if (e.kind === 'link') fs.symlinkSync(e.target, file);
          else if (e.kind === 'link-to-fifo') {
            execFileSync('mkfifo', [path.join(root, `pipe${i}`)]);
            fs.symlinkSync(`../../pipe${i}`, file);
          } else fs.writeFileSync(file, e.text);
        });
        const index = new DocsIndex({ clock });
        await loadRoot(nodeFileSystem, index, root);
        assert.equal(
          index.decisions().some((d) => d.title.includes('OUTSIDE')),
          false,
        );
        // Every special file and every link out is reported, one problem each.
        entries.forEach((e, i) => {
          if (e.kind === 'file' || (e.kind === 'link' && e.target === 'missing.md')) return;
          const file = path.join(folder, `${String(i + 1).padStart(4, '0')}-entry.md`);
          const codes = index.problemsFor(file).map((p) => p.code);
          assert.ok(
            codes.length === 1 && ['not-a-file', 'outside-workspace'].includes(codes[0]),
            `${e.kind}: ${codes}`,
          );
        });
      }),
      { seed: SEED, numRuns: 25 },
    );
    fs.rmSync(base, { recursive: true, force: true });
  });
});
