// `cadence`: the command-line face of the same core the extension uses. Exit codes are a contract:
// 0 success, 1 failure (one clear line on stderr), 2 usage error.
import { runCli } from './run';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`cadence: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
