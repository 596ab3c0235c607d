// `npm start`: build and package Cadence, generate the sample workspace, and open it in a real
// VS Code with the packaged extension installed. By default that VS Code is code-server on
// 127.0.0.1 (open the printed URL in any browser); `npm start -- --desktop` uses your desktop
// `code` instead when it is on PATH. Options: --port N, --fresh (regenerate the sample workspace).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerCli, startCodeServer, workbenchUrl, writeUserSettings } from '../test/runner/codeServer.mjs';
import { ensureVSCode } from './install-vscode.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const state = join(root, '.cadence');
const workspace = join(state, 'sample-workspace');

function onPath(command) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { encoding: 'utf8' }).status === 0;
}

/** The sample history is relative to today; regenerate it when it was made on another day. */
function ensureSampleWorkspace() {
  const stamp = join(state, 'sample-workspace.date');
  const today = new Date().toISOString().slice(0, 10);
  const fresh = args.includes('--fresh') || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== today;
  if (fresh || !existsSync(workspace)) {
    rmSync(workspace, { recursive: true, force: true });
    execFileSync(process.execPath, [join(root, 'test', 'fixtures', 'sample-workspace.mjs'), workspace], {
      stdio: 'ignore',
    });
    writeFileSync(stamp, today);
  }
}

async function main() {
  mkdirSync(state, { recursive: true });
  execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const vsix = join(root, `cadence-${version}.vsix`);
  ensureSampleWorkspace();

  if (args.includes('--desktop')) {
    if (!onPath('code')) {
      console.error('npm start --desktop: no `code` command on PATH; run `npm start` for the browser VS Code instead.');
      return 1;
    }
    execFileSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
    execFileSync('code', ['--new-window', workspace], { stdio: 'inherit' });
    console.log(`Opened ${workspace} in desktop VS Code with Cadence ${version}.`);
    return 0;
  }

  ensureVSCode();
  const dirs = {
    userData: join(state, 'vscode-user'),
    extensions: join(state, 'vscode-extensions'),
    tmp: join(state, 'tmp'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  writeUserSettings(dirs.userData, { 'workbench.startupEditor': 'none' });
  await codeServerCli(['--install-extension', vsix, '--force'], dirs);
  const port = option('--port') ? Number(option('--port')) : undefined;
  const server = await startCodeServer({ workspace, dirs, port });
  const url = workbenchUrl(server, { folder: workspace });
  console.log(
    `\nCadence ${version} is running in VS Code at:\n\n    ${url}\n\nSample workspace: ${workspace}\nPress Ctrl+C to stop.`,
  );
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await new Promise(() => undefined); // run until stopped
}

main().then(
  (code) => {
    if (code) process.exitCode = code;
  },
  (error) => {
    console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
