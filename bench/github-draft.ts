// Benchmark: a week with GitHub evidence — 300 merged PRs and 2,000 reviews given, each list 3 pages
// of search results — drafted against the loopback GitHub test server with real Octokit, next to the
// local-git-only draft of the same clone, measured in the same run (medians). Reports the HTTP
// requests one draft makes (fewer is better).
//   npm run build:tests && node out/bench/github-draft.js
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { draftFromRepos } from '../src/node/weekly/draftRepos';
import { buildGithubClone } from '../test/fixtures/github/clone.mjs';
import { emptyWorld, startGithubServer } from '../test/fixtures/github/server';
import { NOW, WINDOW } from '../test/unit/github/scenario';

const runs = 7;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cadence-bench-gh-'));
  const clone = buildGithubClone(join(dir, 'app'));
  const world = emptyWorld('mona');
  const at = (n: number) => new Date(WINDOW.start + 3_600_000 + n * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  for (let n = 1; n <= 300; n++)
    world.pulls.push({
      repo: 'octo/app',
      number: n,
      title: `feat: change ${n}`,
      author: 'mona',
      state: 'closed',
      createdAt: at(n),
      mergedAt: at(n + 1),
    });
  // 250 PRs of others (3 pages of the reviewed-by search), 8 reviews of mine each: 2,000 reviews.
  for (let n = 1001; n <= 1250; n++) {
    world.pulls.push({
      repo: 'octo/app',
      number: n,
      title: `Change by bob ${n}`,
      author: 'bob',
      state: 'open',
      createdAt: at(0),
    });
    for (let r = 0; r < 8; r++)
      world.reviews.push({
        repo: 'octo/app',
        number: n,
        user: 'mona',
        state: r === 7 ? 'APPROVED' : 'COMMENTED',
        submittedAt: at(n - 1000 + r),
      });
  }
  const server = await startGithubServer(world);
  const request = {
    roots: [clone.dir],
    window: WINDOW,
    now: NOW,
    authors: [],
    includeRepoUserEmail: true,
    gitPath: 'git',
  };
  const local: number[] = [];
  const github: number[] = [];
  let requests = 0;
  let shipped = 0;
  let reviews = 0;
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    await draftFromRepos(request);
    local.push(performance.now() - started);
    let count = 0;
    started = performance.now();
    const draft = await draftFromRepos({
      ...request,
      github: { token: 't', apiUrl: server.url, onRequest: () => count++ },
    });
    github.push(performance.now() - started);
    requests = count;
    shipped = draft.shipped.filter((item) => item.ref).length;
    reviews = draft.reviews.length;
  }
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  const l = median(local);
  const g = median(github);
  console.log(`local git only: ${l.toFixed(0)} ms (median of ${runs})`);
  console.log(
    `with GitHub:    ${g.toFixed(0)} ms (median of ${runs}), ${requests} HTTP requests, ${shipped} PRs shipped, ${reviews} PRs reviewed`,
  );
  console.log(`ratio: ${(g / l).toFixed(1)}× the local-git-only draft`);
}

void main();
