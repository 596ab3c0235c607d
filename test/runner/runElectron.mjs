// Runs the same integration tests in desktop VS Code through @vscode/test-electron, for machines that
// can download it from Microsoft's update service. Offline (as on our CI machines) it fails at once
// with one clear line instead of hanging on the download.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const UPDATE_SERVICE = 'https://update.code.visualstudio.com/api/releases/stable';

async function reachable(url, timeoutMs) {
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    return response.status < 500;
  } catch {
    return false;
  }
}

async function main() {
  if (!(await reachable(UPDATE_SERVICE, 5000))) {
    console.error(
      'test:electron: cannot reach update.code.visualstudio.com to download desktop VS Code; use `npm run test:integration` (a real VS Code from the npm registry) on this machine.',
    );
    return 1;
  }
  const { runTests } = await import('@vscode/test-electron');
  const workspace = join(mkdtempSync(join(tmpdir(), 'cadence-electron-ws-')), 'sample');
  const made = spawnSync(process.execPath, [join(root, 'test', 'fixtures', 'sample-workspace.mjs'), workspace], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (made.status !== 0) return 1;
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out', 'test', 'integration', 'index.js'),
      extensionTestsEnv: { CADENCE_TEST_WORKSPACE: workspace, CADENCE_TEST_ROOT: root },
      // The tests register their own `github` authentication provider (test/integration/githubAuth.ts).
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-extension',
        'vscode.github-authentication',
        '--disable-workspace-trust',
      ],
    });
    return 0;
  } catch (error) {
    console.error(`test:electron: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = await main();
