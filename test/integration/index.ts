// The test entry VS Code loads inside the extension host (extensionTestsPath).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { registerTestGithubAuth } from './githubAuth';

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  });
}

export function run(): Promise<void> {
  // test/runner/runIntegration.mjs shows the log from this line on.
  console.log('cadence-integration: start');
  registerTestGithubAuth();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  if (process.env.CADENCE_TEST_GREP) mocha.grep(process.env.CADENCE_TEST_GREP);
  for (const file of testFiles(__dirname).sort()) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // A plain closing line that test-all.mjs reads.
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      console.log(`integration: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
