#!/usr/bin/env node
// `cadence duty` on a repository with 5,000 docs and 50,000 commits, against `cadence docs` on the
// same repository (the baseline: the same discovery and parsing, with git only for runbook dates),
// process against process, alternately. Git calls are counted through a `git` on PATH that logs each
// call and runs the real git.
//   npm run build && node bench/duty.mjs [runs]
// The repository is generated once with `git fast-import` and cached in bench/results/.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const cli = join(root, 'dist', 'cli.js');
const runs = Number(process.argv[2] ?? 7);
if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
const results = join(here, 'results');
const repo = join(results, 'duty-5k-docs-50k-commits');
const DOCS = { decisions: 2000, runbooks: 1500, guides: 1500 };
const COMMITS = 50_000;
const MODULES = 200;

function build() {
  if (existsSync(join(repo, '.git', 'cadence-bench-done'))) return;
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  const chunks = [];
  let mark = 0;
  let time = Date.UTC(2025, 0, 1) / 1000;
  const blob = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const commit = (message, ops) => {
    mark++;
    time += 600;
    chunks.push(
      `commit refs/heads/main\nmark :${mark}\ncommitter Dev ${mark % 8} <dev${mark % 8}@example.com> ${time} +0000\n${blob(message)}${mark > 1 ? '' : ''}${ops.join('')}`,
    );
  };
  const code = (m, f) => `src/mod${m}/file${f}.ts`;
  const docOps = [];
  const doc = (path, title, m) =>
    docOps.push(
      `M 100644 inline ${path}\n${blob(`# ${title}\n\n## Status\n\nAccepted\n\n## Context\n\nSee \`${code(m, 0)}\` and [the module](/src/mod${m}/file1.ts); \`make build\` first.\n`)}`,
    );
  const codeOps = [];
  for (let m = 0; m < MODULES; m++)
    for (let f = 0; f < 4; f++) codeOps.push(`M 100644 inline ${code(m, f)}\n${blob(`export const v = ${f};\n`)}`);
  commit('code', codeOps);
  for (let i = 1; i <= DOCS.decisions; i++)
    doc(`docs/decisions/${String(i).padStart(4, '0')}-decision-${i}.md`, `${i}. Decision ${i}`, i % MODULES);
  for (let i = 1; i <= DOCS.runbooks; i++)
    doc(`runbooks/service${i % 50}/runbook-${i}.md`, `Runbook ${i}`, i % MODULES);
  for (let i = 1; i <= DOCS.guides; i++) doc(`docs/onboarding/part${i % 30}/guide-${i}.md`, `Guide ${i}`, i % MODULES);
  commit('docs', docOps);
  for (let c = 3; c <= COMMITS; c++) {
    const m = c % MODULES;
    const f = c % 4;
    if (c % 5000 === 0) commit(`rename ${c / 5000}`, [`R ${code(c / 5000, 1)} src/mod${c / 5000}/moved.ts\n`]);
    else commit(`change ${c}`, [`M 100644 inline ${code(m, f)}\n${blob(`export const v = ${c};\n`)}`]);
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, input: chunks.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: repo });
  writeFileSync(join(repo, '.git', 'cadence-bench-done'), '');
}

function realGit() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'git');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error('git is not on PATH');
}

const counter = join(results, 'git-counter');
const counted = join(results, 'git-calls.log');
mkdirSync(counter, { recursive: true });
writeFileSync(join(counter, 'git'), `#!/bin/sh\necho "$1 $2 $3" >> '${counted}'\nexec '${realGit()}' "$@"\n`);
chmodSync(join(counter, 'git'), 0o755);

function time(args) {
  writeFileSync(counted, '');
  const start = process.hrtime.bigint();
  const out = spawnSync(process.execPath, [cli, ...args], {
    cwd: repo,
    env: { ...process.env, PATH: `${counter}${delimiter}${process.env.PATH}` },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (out.status !== 0) throw new Error(`cadence ${args.join(' ')} exited ${out.status}: ${out.stderr}`);
  const calls = readFileSync(counted, 'utf8').trim().split('\n').filter(Boolean).length;
  return { ms, calls, out: out.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

build();
const docs = [];
const duty = [];
let calls = { docs: 0, duty: 0 };
let items = 0;
time(['docs', '--format', 'json']); // warm the file cache
for (let i = 0; i < runs; i++) {
  const d = time(['docs', '--format', 'json']);
  docs.push(d.ms);
  calls.docs = d.calls;
  const u = time(['duty', '--format', 'json']);
  duty.push(u.ms);
  calls.duty = u.calls;
  items = JSON.parse(u.out).items.length;
}
console.log(`repository: ${DOCS.decisions + DOCS.runbooks + DOCS.guides} docs, ${COMMITS} commits (${repo})`);
console.log(`cadence docs --format json: median ${median(docs).toFixed(0)} ms, ${calls.docs} git calls`);
console.log(
  `cadence duty --format json: median ${median(duty).toFixed(0)} ms, ${calls.duty} git calls, ${items} items`,
);
console.log(`ratio duty / docs: ${(median(duty) / median(docs)).toFixed(2)}× (median of ${runs} runs each)`);
