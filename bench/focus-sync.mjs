// How fast does a change made in one VS Code window show in another? Measures the two candidate
// stores for the shared focus timer (docs/decisions/0005) in the real VS Code used by the tests:
// two browser windows of one code-server, i.e. two extension hosts of one user.
//   - `context.globalState` (the writer updates a key; the reader polls `globalState.get` every 10 ms)
//   - a JSON file in `context.globalStorageUri` (written with rename; the reader uses fs.watch)
// A throwaway probe extension is loaded into both windows as a development extension.
//   node bench/focus-sync.mjs
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  launchBrowser,
  makeRunDirs,
  remoteUri,
  removeRunDirs,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from '../test/runner/codeServer.mjs';

const SAMPLES = 10;

const probe = `
const fs = require('fs');
const path = require('path');
exports.activate = async (context) => {
  const out = process.env.PROBE_OUT;
  const dir = context.globalStorageUri.fsPath;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'probe.json');
  let writer = false;
  try { fs.mkdirSync(path.join(out, 'writer')); writer = true; } catch {}
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  if (writer) {
    while (!fs.existsSync(path.join(out, 'reader-ready'))) await sleep(50);
    for (let i = 1; i <= ${SAMPLES}; i++) {
      await sleep(700);
      const t = Date.now();
      await context.globalState.update('probe', { i, t });
      fs.writeFileSync(file + '.tmp', JSON.stringify({ i, t }));
      fs.renameSync(file + '.tmp', file);
    }
    return;
  }
  const seen = { globalState: {}, file: {} };
  const started = Date.now();
  fs.watch(dir, () => {
    try {
      const v = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (!(v.i in seen.file)) seen.file[v.i] = Date.now() - v.t;
    } catch {}
  });
  fs.writeFileSync(path.join(out, 'reader-ready'), '');
  while (Date.now() - started < 20000 && Object.keys(seen.file).length < ${SAMPLES}) {
    const v = context.globalState.get('probe');
    if (v && !(v.i in seen.globalState)) seen.globalState[v.i] = Date.now() - v.t;
    await sleep(10);
  }
  await sleep(1500);
  const v = context.globalState.get('probe');
  if (v && !(v.i in seen.globalState)) seen.globalState[v.i] = Date.now() - v.t;
  fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(seen));
};
`;

function summary(latencies) {
  const values = Object.values(latencies).sort((a, b) => a - b);
  if (values.length === 0) return `0/${SAMPLES} changes seen`;
  const median = values[Math.floor(values.length / 2)];
  return `${values.length}/${SAMPLES} changes seen, median ${median} ms, max ${values.at(-1)} ms`;
}

const base = mkdtempSync(join(tmpdir(), 'cadence-focus-sync-'));
const extension = join(base, 'probe');
const out = join(base, 'out');
mkdirSync(extension);
mkdirSync(out);
writeFileSync(
  join(extension, 'package.json'),
  JSON.stringify({
    name: 'focus-sync-probe',
    publisher: 'cadence-bench',
    version: '0.0.1',
    engines: { vscode: '^1.95.0' },
    main: './extension.js',
    activationEvents: ['onStartupFinished'],
  }),
);
writeFileSync(join(extension, 'extension.js'), probe);
const workspace = join(base, 'ws');
mkdirSync(workspace);

const dirs = makeRunDirs('cadence-bench-');
writeUserSettings(dirs.userData);
const server = await startCodeServer({ workspace, dirs, smokeTestDriver: true });
const browser = await launchBrowser();
try {
  const payload = [
    ['extensionDevelopmentPath', remoteUri(server, extension)],
    ['extensionEnvironment', JSON.stringify({ PROBE_OUT: out })],
  ];
  const url = workbenchUrl(server, { folder: workspace, payload });
  const first = await browser.newPage();
  await first.goto(url);
  await first.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const deadline = Date.now() + 20_000;
  while (!existsSync(join(out, 'writer')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const second = await browser.newPage();
  await second.goto(url);
  const end = Date.now() + 60_000;
  while (!existsSync(join(out, 'results.json')) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  console.log(`globalState  (reader polls get() every 10 ms): ${summary(results.globalState)}`);
  console.log(`shared file  (rename + fs.watch):             ${summary(results.file)}`);
} finally {
  await browser.close().catch(() => undefined);
  await server.stop();
  removeRunDirs(dirs);
}
