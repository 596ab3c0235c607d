// Runs inside the real extension host (as the tests entry of a code-server launch) and reports how
// long Cadence's activate() took. Started fresh several times by bench/activation.mjs.
import * as vscode from 'vscode';
import type { CadenceApi } from '../../src/extension';
import { EXTENSION_ID } from '../../src/shared/ids';

export async function run(): Promise<void> {
  console.log('cadence-integration: start');
  const extension = vscode.extensions.getExtension<CadenceApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  console.log(`cadence-bench ${JSON.stringify({ activationMs: api.activationMs })}`);
}
