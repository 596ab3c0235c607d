import { version } from '../../package.json';
import { subcommands } from './commands';
import { type CliIo, UsageError } from './io';

function usage(): string {
  const lines = ['Usage: cadence <command> [options]', '', 'Commands:'];
  for (const [name, { summary }] of Object.entries(subcommands)) lines.push(`  ${name.padEnd(10)}${summary}`);
  lines.push('', 'Options:', '  --help     show this help', '  --version  print the version');
  return lines.join('\n') + '\n';
}

/** Runs `cadence` with the given arguments and returns the exit code; never calls process.exit. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (!command) {
    io.stderr.write(`cadence: unknown command '${name}' (see 'cadence --help')\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`cadence ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
