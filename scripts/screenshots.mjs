// Retakes the README's pictures from the real UI: runs the end-to-end tests that take them (the
// packaged .vsix in code-server, driven by headless Chromium; see test/e2e) and copies the pictures
// the README shows from test-results/screenshots/ into media/screenshots/.
//   node scripts/screenshots.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The pictures the README shows (each taken by one of the e2e tests run below). */
const PICTURES = [
  'sidebar-welcome',
  'decisions-tree',
  'focus-status-bar',
  'weekly-draft',
  'walkthrough',
  'weekly-editor-actions',
];

const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
run([join(root, 'scripts', 'build-tests.mjs')]);
run([join(root, 'scripts', 'package.mjs')]);
const specs = ['sidebar', 'docs', 'focus', 'weekly', 'walkthrough'].map((name) =>
  join(root, 'out', 'test', 'e2e', `${name}.test.js`),
);
run([
  join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
  '--no-config',
  '--timeout',
  '180000',
  '--enable-source-maps',
  ...specs,
]);

for (const name of PICTURES) {
  const from = join(root, 'test-results', 'screenshots', `${name}.png`);
  if (!existsSync(from)) throw new Error(`${from} was not taken`);
  copyFileSync(from, join(root, 'media', 'screenshots', `${name}.png`));
  console.log(`media/screenshots/${name}.png`);
}
