// Starts a real VS Code (code-server) on 127.0.0.1 and a headless Debian Chromium to drive its
// workbench. Shared by the integration launcher, the end-to-end tests, the benchmarks and `npm start`.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureVSCode } from '../../scripts/install-vscode.mjs';

export const CHROMIUM = process.env.CADENCE_CHROMIUM ?? '/usr/bin/chromium';

/** Settings that keep a test VS Code quiet and fast. */
export const QUIET_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  // The secondary side bar (chat) stays closed, as most users keep it: pictures show the editor, and
  // layout checks (the walkthrough's step cards) run at the width users have.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** A fresh folder for one run: user data, extensions, TMPDIR (VS Code leaves sockets there). */
export function makeRunDirs(prefix = 'cadence-vscode-') {
  const base = mkdtempSync(join(tmpdir(), prefix));
  const dirs = {
    base,
    userData: join(base, 'user-data'),
    extensions: join(base, 'extensions'),
    tmp: join(base, 'tmp'),
  };
  for (const dir of [dirs.userData, dirs.extensions, dirs.tmp]) mkdirSync(dir, { recursive: true });
  return dirs;
}

export function writeUserSettings(userDataDir, settings = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
}

/** Runs code-server's CLI once (e.g. --install-extension) and resolves with its output. */
export function codeServerCli(args, { userData, extensions, tmp }) {
  const vscode = ensureVSCode();
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      vscode.node,
      [vscode.entry, '--user-data-dir', userData, '--extensions-dir', extensions, ...args],
      {
        env: { ...process.env, TMPDIR: tmp },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolveRun(output) : reject(new Error(`code-server ${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/** Every process whose process group is `pgid` (code-server's children outlive it otherwise). */
function processGroupMembers(pgid) {
  const members = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) members.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return members;
}

export async function killProcessGroup(pgid) {
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    // already gone
  }
  const deadline = Date.now() + 3000;
  while (processGroupMembers(pgid).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const pid of processGroupMembers(pgid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function waitForHttp(url, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`code-server exited with ${child.exitCode} before listening:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts code-server on a free port of 127.0.0.1 with its own process group.
 * `smokeTestDriver` enables the workbench's test driver, which honours the `payload` URL parameter
 * (extensionDevelopmentPath / extensionTestsPath) and reports logs and exit to the page.
 * `skipBuiltins`: ids of built-in extensions the server leaves out (VSCODE_SKIP_BUILTIN_EXTENSIONS;
 * code-server has no working --disable-extension: passed through --vscode-option it leaves the
 * extension active).
 * @param {{ workspace?: string, dirs: { userData: string, extensions: string, tmp: string },
 *   smokeTestDriver?: boolean, port?: number, host?: string, log?: (text: string) => void,
 *   skipBuiltins?: string[], env?: Record<string, string> }} options
 */
export async function startCodeServer({
  workspace,
  dirs,
  smokeTestDriver = false,
  port,
  host = '127.0.0.1',
  log,
  skipBuiltins = [],
  env = {},
}) {
  const vscode = ensureVSCode();
  port ??= await freePort();
  const args = [
    vscode.entry,
    '--auth',
    'none',
    '--bind-addr',
    `${host}:${port}`,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (workspace) args.push(resolve(workspace));
  const child = spawn(vscode.node, args, {
    detached: true,
    env: {
      ...process.env,
      TMPDIR: dirs.tmp,
      ...(skipBuiltins.length > 0 ? { VSCODE_SKIP_BUILTIN_EXTENSIONS: skipBuiltins.join(',') } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    log?.(String(chunk));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const base = `http://${host}:${port}`;
  try {
    await waitForHttp(`${base}/healthz`, child, () => output, 30_000);
  } catch (error) {
    await killProcessGroup(child.pid);
    throw error;
  }
  return {
    port,
    url: base,
    authority: `${host}:${port}`,
    output: () => output,
    async stop() {
      await killProcessGroup(child.pid);
    },
  };
}

/**
 * The workbench URL for a folder, with an optional smoke-test payload.
 * @param {{ url: string }} server
 * @param {{ folder?: string, payload?: unknown }} options
 */
export function workbenchUrl(server, { folder, payload }) {
  const params = new URLSearchParams();
  if (folder) params.set('folder', resolve(folder));
  if (payload) params.set('payload', JSON.stringify(payload));
  return `${server.url}/?${params.toString()}`;
}

/** A vscode-remote URI for a local absolute path, as the workbench in the browser needs it. */
export function remoteUri(server, absolutePath) {
  const encoded = resolve(absolutePath)
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return `vscode-remote://${server.authority}${encoded}`;
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Removes a run's folders; VS Code may still be closing files, so retry briefly. */
export function removeRunDirs(dirs) {
  rmSync(dirs.base, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
