// `npm test`: every layer of the test pyramid, in order, in one command. Runs each step even when an
// earlier one failed (so one run shows every problem), then prints one closing count line and exits
// non-zero if anything failed.
import { spawn } from 'node:child_process';

const steps = [
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', cmd: ['npm', 'run', '--silent', 'lint'] },
  { name: 'unit', cmd: ['npm', 'run', '--silent', 'test:unit'] },
  { name: 'package', cmd: ['npm', 'run', '--silent', 'test:package'] },
  { name: 'integration', cmd: ['npm', 'run', '--silent', 'test:integration'] },
  { name: 'e2e', cmd: ['npm', 'run', '--silent', 'test:e2e'] },
];
const only = process.argv.slice(2);

function run(step) {
  return new Promise((resolveStep) => {
    const started = Date.now();
    const child = spawn(step.cmd[0], step.cmd.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code) =>
      resolveStep({ ...step, code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }),
    );
  });
}

/** Test counts from mocha's spec reporter ("N passing") or our integration line ("N passed, N failed"). */
function counts(output) {
  const number = (re) => Number(output.match(re)?.[1] ?? 0);
  const integration = output.match(/integration: (\d+) passed, (\d+) failed, (\d+) skipped/);
  if (integration) return { passed: +integration[1], failed: +integration[2], skipped: +integration[3] };
  return { passed: number(/(\d+) passing/), failed: number(/(\d+) failing/), skipped: number(/(\d+) pending/) };
}

const results = [];
for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  console.log(`\n=== ${step.name} ===`);
  results.push(await run(step));
}

const total = { passed: 0, failed: 0, skipped: 0 };
console.log('\n=== summary ===');
for (const result of results) {
  const c = counts(result.output);
  total.passed += c.passed;
  total.skipped += c.skipped;
  // A step that failed without a failing test (type error, lint, crash) still counts as a failure.
  total.failed += result.code !== 0 && c.failed === 0 ? 1 : c.failed;
  const verdict = result.code === 0 ? 'ok' : `FAILED (exit ${result.code})`;
  const tests =
    c.passed + c.failed + c.skipped > 0 ? `, ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` : '';
  console.log(`${result.name.padEnd(12)} ${verdict} in ${result.seconds.toFixed(1)} s${tests}`);
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = results.every((result) => result.code === 0) ? 0 : 1;
