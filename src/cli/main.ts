// `cadence`: the command-line face of the same core the extension uses. Exit codes are a contract:
// 0 done, 1 something asked for could not be done (one clear line on stderr), 2 usage error.
import { colorWanted } from './output';
import { runCli } from './run';

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  color: colorWanted(process.stdout),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`cadence: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
