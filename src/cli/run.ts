import { version } from '../../package.json';
import type { Subcommand } from './args';
import { subcommands } from './commands';
import { type CliIo, UsageError } from './io';

function usage(): string {
  const lines = ['Usage: cadence <command> [options]', '', 'Commands:'];
  for (const [name, { summary }] of Object.entries(subcommands)) lines.push(`  ${name.padEnd(12)}${summary}`);
  lines.push('', 'Options:', '  -h, --help     show this help', '  -v, --version  print the version');
  lines.push('', "'cadence <command> --help' describes a command, its flags and examples.");
  lines.push('Exit codes: 0 done, 1 something asked for could not be done, 2 usage error.');
  return lines.join('\n') + '\n';
}

function find(name: string): Subcommand | undefined {
  return Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
}

/** Runs `cadence` with the given arguments and returns the exit code; never calls process.exit. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    (name === undefined ? io.stderr : io.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  // `cadence help docs` is `cadence docs --help`.
  const [commandName, args] = name === 'help' ? [rest[0]!, ['--help']] : [name, rest];
  const command = find(commandName);
  if (!command) {
    io.stderr.write(`cadence: unknown command '${commandName}' (see 'cadence --help')\n`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`cadence ${commandName}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
