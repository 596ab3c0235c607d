// Benchmark: `cadence draft --format json` against its peer git-standup (npm package
// `git-standup`, pinned in devDependencies; a bash script that runs one `git log`), as a user runs
// them: one fresh process each, Node start-up included, the same author and week.
//   node bench/weekly-standup.mjs        (builds the production CLI into dist/ first)
// The repository is generated once with `git fast-import` and cached in bench/results/ (git-ignored):
// 10,000 commits over two years (~100 a week), 40 authors, 60 feature branches (two in three merged
// with a PR merge commit), a checked-out work tree of 5,000 files. Target: ≤ 1.5× git-standup.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(root, 'bench', 'results', 'standup-10k-v1');
const COMMITS = 10_000;
const FILES = 5_000;
const BRANCHES = 60;
const END = Date.parse('2026-11-27T18:00:00Z') / 1000; // a Friday: the week 2026-W48 is nearly over
const STEP = Math.round((2 * 365 * 86_400) / COMMITS);
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 21;
const authors = Array.from({ length: 40 }, (_, i) =>
  i === 0 ? 'Ada Lovelace <ada@example.com>' : `Dev ${i} <dev${i}@example.com>`,
);
authors.push('dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>');
const types = ['feat', 'fix', 'refactor', 'docs', 'chore', 'perf', 'test'];
const scopes = ['parser', 'website', 'api', 'ui', 'db', 'cli', 'deps'];

function generate() {
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  execFileSync('git', ['config', 'user.email', 'ada@example.com'], { cwd: repo });
  execFileSync('git', ['config', 'user.name', 'Ada Lovelace'], { cwd: repo });
  const chunks = [];
  const first = END - COMMITS * STEP;
  let mark = 0;
  let mainMark;
  const blob = (path, text) => `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  const commit = (ref, who, when, message, from, merge, files) => {
    mark++;
    const body = `${message}\n\nBody of ${message}.\n`;
    chunks.push(`commit ${ref}\nmark :${mark}\nauthor ${who} ${when} +0000\ncommitter ${who} ${when} +0000\n`);
    chunks.push(`data ${Buffer.byteLength(body)}\n${body}`);
    if (from) chunks.push(`from :${from}\n`);
    if (merge) chunks.push(`merge :${merge}\n`);
    for (const [path, text] of files) chunks.push(blob(path, text));
    chunks.push('\n');
    return mark;
  };
  const tree = Array.from({ length: FILES }, (_, i) => [
    `src/${scopes[i % scopes.length]}/m${Math.floor(i / 100)}/f${i}.ts`,
    `export const v${i} = 0;\n`,
  ]);
  mainMark = commit('refs/heads/main', authors[1], first - 60, 'chore: initial import', 0, 0, tree);
  // Feature branches: 5 commits each, forked at evenly spread points; two in three merged back.
  const branchAt = new Map();
  for (let b = 0; b < BRANCHES; b++) branchAt.set(Math.floor(((b + 1) * COMMITS) / (BRANCHES + 1)), b);
  for (let i = 0; i < COMMITS; i++) {
    const when = first + i * STEP;
    const who = authors[i % 10 === 0 ? 0 : (i * 7) % authors.length];
    const type = types[(i * 3) % types.length];
    const scope = scopes[(i * 5) % scopes.length];
    const file = tree[(i * 37) % FILES][0];
    mainMark = commit('refs/heads/main', who, when, `${type}(${scope}): change ${i}`, mainMark, 0, [
      [file, `export const v = ${i};\n`],
    ]);
    const b = branchAt.get(i);
    if (b === undefined) continue;
    const ref = `refs/heads/feature/topic-${b}`;
    let tip = mainMark;
    const owner = authors[b % 3 === 0 ? 0 : (b * 11) % authors.length];
    for (let k = 0; k < 5; k++)
      tip = commit(ref, owner, when + 60 * (k + 1), `feat(ui): topic ${b} step ${k}`, tip, 0, [
        [`src/topics/t${b}.ts`, `export const step = ${k};\n`],
      ]);
    if (b % 3 !== 2 && i + 3 < COMMITS) {
      i++;
      mainMark = commit(
        'refs/heads/main',
        authors[2],
        first + i * STEP,
        `Merge pull request #${1000 + b} from acme/topic-${b}`,
        mainMark,
        tip,
        [],
      );
    }
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, input: chunks.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: repo });
  execFileSync('git', ['gc', '-q'], { cwd: repo });
}

function time(command, args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve({ ms: performance.now() - started, out }) : reject(new Error(`${command}: ${out}`)),
    );
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (!process.argv.includes('--no-build'))
  execFileSync(process.execPath, [join(root, 'esbuild.config.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
if (!existsSync(join(repo, '.git'))) {
  const started = performance.now();
  generate();
  console.log(`generated ${COMMITS} commits in ${((performance.now() - started) / 1000).toFixed(1)} s → ${repo}`);
}
const standup = join(root, 'node_modules', 'git-standup', 'git-standup');
// The same author and week: Ada, Monday 2026-11-23 to Sunday 2026-11-29 (UTC), by her e-mail.
const peer = [
  'bash',
  [standup, '-a', 'ada@example.com', '-A', '2026-11-23T00:00:00Z', '-B', '2026-11-30T00:00:00Z', '-D', 'iso'],
];
const ours = [
  process.execPath,
  [
    join(root, 'dist', 'cli.js'),
    'draft',
    '--format',
    'json',
    '--week',
    '2026-W48',
    '--tz',
    'UTC',
    '--author',
    'ada@example.com',
  ],
];
// Node's own start-up, for scale: the part of the draft's time no change to Cadence can remove.
const floor = [process.execPath, ['-e', '']];
const baseline = [];
const draft = [];
const nodeOnly = [];
const first = await time(...peer);
const json = JSON.parse((await time(...ours)).out);
for (let i = 0; i < runs; i++) {
  baseline.push((await time(...peer)).ms);
  draft.push((await time(...ours)).ms);
  nodeOnly.push((await time(...floor)).ms);
}
const count = execFileSync('git', ['rev-list', '--count', '--all'], { cwd: repo, encoding: 'utf8' }).trim();
const files = execFileSync('git', ['ls-files'], { cwd: repo, encoding: 'utf8' }).split('\n').length - 1;
console.log(`repository: ${count} commits, ${files} files checked out; week 2026-W48 for ada@example.com`);
console.log(`git-standup: ${first.out.split('\n').filter((l) => / - /.test(l)).length} commits listed`);
console.log(`cadence draft: ${json.shipped.length} shipped, ${json.inProgress.length} in progress`);
console.log(
  `git-standup -a ada@example.com -A … -B … : median ${median(baseline).toFixed(1)} ms, best ${Math.min(...baseline).toFixed(1)} ms`,
);
console.log(
  `cadence draft --format json --week 2026-W48: median ${median(draft).toFixed(1)} ms, best ${Math.min(...draft).toFixed(1)} ms`,
);
console.log(
  `node -e '' (Node start-up alone): median ${median(nodeOnly).toFixed(1)} ms, best ${Math.min(...nodeOnly).toFixed(1)} ms`,
);
console.log(`load average during the run: ${(await import('node:os')).loadavg()[0].toFixed(1)} (2 cores here)`);
console.log(
  `ratio: median ${(median(draft) / median(baseline)).toFixed(2)}×, best ${(Math.min(...draft) / Math.min(...baseline)).toFixed(2)}× (target ≤ 1.5×)`,
);
