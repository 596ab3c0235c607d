// The module graph of src as the TypeScript compiler reads it — type-only imports, re-exports and
// lazy `import()` included — has no circle, and the composition root only wires features.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as TypeScript from 'typescript';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const src = path.join(root, 'src');
// Loaded at run time, not bundled into the test.
const ts = createRequire(path.join(root, 'package.json'))('typescript') as typeof TypeScript;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

/** Each file's relative imports, resolved to files under src. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets: string[] = [];
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), fileName.replace(/\.(js|mjs)$/, ''));
      const target = [`${base}.ts`, `${base}.mts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (target) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself): the circles. */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    order.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!order.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, order.get(target)!));
    }
    if (low.get(file) !== order.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(path.relative(src, member));
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return found;
}

describe('the module graph of src', () => {
  const graph = importGraph();

  it('reads every source file and its imports', () => {
    assert.ok(graph.size > 100, `only ${graph.size} files`);
    const register = graph.get(path.join(src, 'vscode', 'weekly', 'registerWeekly.ts'));
    assert.ok(register?.includes(path.join(src, 'vscode', 'weekly', 'weeklyCommands.ts')), 'lazy import() counts');
  });

  it('has no import circle, type-only imports included', () => {
    assert.deepEqual(circles(graph), []);
  });

  it('finds a circle when there is one (the check can fail)', () => {
    const a = path.join(src, 'a.ts');
    const b = path.join(src, 'b.ts');
    assert.deepEqual(
      circles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
      [['a.ts', 'b.ts']],
    );
  });

  it('lets the composition root only wire: extension.ts reaches into no I/O module but the git runner', () => {
    const imports = (graph.get(path.join(src, 'extension.ts')) ?? []).map((f) => path.relative(src, f));
    const parts = imports.filter((f) => f.startsWith(`node${path.sep}`) && f !== path.join('node', 'git.ts'));
    assert.deepEqual(parts, []);
  });
});
