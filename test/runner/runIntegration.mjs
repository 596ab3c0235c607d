// Runs the integration tests (test/integration/**/*.test.ts, compiled to out/) inside a real VS Code
// extension host: code-server with the smoke-test driver, the development extension and the test
// entry passed in the workbench payload, the workbench opened in headless Chromium. The exit code
// comes from the workbench's codeAutomationExit, the only reliable verdict.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import {
  launchBrowser,
  makeRunDirs,
  remoteUri,
  removeRunDirs,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './codeServer.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const verbose = Boolean(process.env.CADENCE_TEST_VERBOSE);
/** Logged by test/integration/index.ts when mocha starts: everything before it is workbench start-up. */
const START_MARKER = 'cadence-integration: start';
/** The built-in extension that registers the `github` authentication provider. */
export const GITHUB_AUTH_BUILTIN = 'vscode.github-authentication';
const TIMEOUT_MS = Number(process.env.CADENCE_INTEGRATION_TIMEOUT_MS ?? 5 * 60_000);

/** Builds the sample workspace the integration tests open (a script, so every run starts equal). */
function makeWorkspace() {
  const dir = join(mkdtempSync(join(tmpdir(), 'cadence-it-ws-')), 'sample');
  const result = spawnSync(process.execPath, [join(root, 'test', 'fixtures', 'sample-workspace.mjs'), dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('test/fixtures/sample-workspace.mjs failed');
  return dir;
}

/**
 * @param {{ grep?: string, testsEntry?: string, onLine?: (line: string) => void, quiet?: boolean }} [options]
 *   testsEntry: another compiled entry exporting run() (the benchmarks use one); onLine: receives
 *   every extension-host line after the start marker.
 */
export async function runIntegration({ grep, testsEntry, onLine, quiet = false } = {}) {
  const workspace = makeWorkspace();
  const dirs = makeRunDirs('cadence-it-');
  // VS Code's own git extension runs git in the workspace whenever a file changes (status,
  // check-ignore): off, so the tests see only Cadence's git (test/integration/hostileRepo.test.ts
  // counts every program a repository's config makes git run), as in the Electron runner.
  writeUserSettings(dirs.userData, { 'git.enabled': false });
  let server;
  let browser;
  try {
    // The tests register their own authentication provider for the id `github`
    // (test/integration/githubAuth.ts); the built-in GitHub Authentication extension claims that id.
    server = await startCodeServer({ workspace, dirs, smokeTestDriver: true, skipBuiltins: [GITHUB_AUTH_BUILTIN] });
    const environment = { CADENCE_TEST_WORKSPACE: workspace, CADENCE_TEST_ROOT: root };
    if (grep) environment.CADENCE_TEST_GREP = grep;
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server, root)],
      ['extensionTestsPath', remoteUri(server, testsEntry ?? join(root, 'out', 'test', 'integration', 'index.js'))],
      ['extensionEnvironment', JSON.stringify(environment)],
    ];
    browser = await launchBrowser();
    const page = await browser.newPage();
    let exited;
    let testsStarted = false;
    const exit = new Promise((resolveExit) => (exited = resolveExit));
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      // The workbench logs a great deal (e.g. failed gallery look-ups offline); the extension host's
      // console lines carry mocha's report. CADENCE_TEST_VERBOSE=1 shows everything.
      if (/^\s*$/.test(line)) return;
      if (line.startsWith(START_MARKER)) {
        testsStarted = true;
        return;
      }
      // Offline, the workbench keeps failing to reach the extension gallery: expected, not news.
      const noise = /ENOTFOUND|ECONNREFUSED|gallery|^\[(AccountPolicyGate|AgentHost)/i.test(line);
      if (testsStarted) onLine?.(line);
      const show = verbose || (!quiet && !noise && (testsStarted || level === 'error'));
      if (show) process.stdout.write(line + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (code) => exited(code));
    await page.goto(workbenchUrl(server, { folder: workspace, payload }));
    const timeout = new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS).unref());
    const code = await Promise.race([exit, timeout]);
    if (code === 'timeout') {
      process.stderr.write(`integration tests did not finish within ${TIMEOUT_MS / 1000} s\n`);
      return 2;
    }
    return code;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    removeRunDirs(dirs);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const grepIndex = process.argv.indexOf('--grep');
  const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : undefined;
  runIntegration({ grep }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`integration tests could not run: ${error.stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
