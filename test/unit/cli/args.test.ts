import * as assert from 'node:assert/strict';
import {
  defineCommand,
  type FlagSpecs,
  isCalendarDate,
  parseCommandArgs,
  renderHelp,
  type CommandSpec,
} from '../../../src/cli/args';
import { UsageError } from '../../../src/cli/io';
import { colorWanted, paint } from '../../../src/cli/output';
import { capture } from '../cliIo';

const flags = {
  name: { type: 'string', value: 'NAME', description: 'a name' },
  tag: { type: 'string', multiple: true, value: 'TAG', description: 'a tag' },
  format: { type: 'string', choices: ['text', 'json'], default: 'text', description: 'output format' },
  day: { type: 'string', kind: 'date', value: 'DATE', description: 'a day' },
  mail: {
    type: 'string',
    value: 'EMAIL',
    description: 'an address',
    check: (v) => (v.includes('@') ? undefined : 'is not an address'),
  },
  days: { type: 'string', value: 'N', positive: true, description: 'a count' },
  quiet: { type: 'boolean', short: 'q', description: 'say less' },
  'no-git': { type: 'boolean', description: 'no git' },
} satisfies FlagSpecs;
const spec = { name: 'demo', flags, positionals: { name: 'PATH', multiple: true, description: 'paths' } };

function parse(argv: string[]) {
  const parsed = parseCommandArgs(spec, argv);
  assert.notEqual(parsed, 'help');
  return parsed as Exclude<typeof parsed, 'help'>;
}

function usageError(argv: string[], s: Parameters<typeof parseCommandArgs>[0] = spec): string {
  try {
    parseCommandArgs(s, argv);
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail(`no usage error for ${JSON.stringify(argv)}`);
}

describe('cadence argument parser', () => {
  it('gives defaults: false, [] and undefined', () => {
    assert.deepEqual(parse([]), {
      flags: {
        name: undefined,
        tag: [],
        format: undefined,
        day: undefined,
        mail: undefined,
        days: undefined,
        quiet: false,
        'no-git': false,
      },
      positionals: [],
    });
  });

  it('takes --flag value and --flag=value alike, keeps repeated values in order, and short booleans', () => {
    const parsed = parse(['--name', 'a', '--tag=x', 'p1', '--tag', 'y', '-q', '--no-git', '--format=json', 'p2']);
    assert.equal(parsed.flags.name, 'a');
    assert.deepEqual(parsed.flags.tag, ['x', 'y']);
    assert.equal(parsed.flags.quiet, true);
    assert.equal(parsed.flags['no-git'], true);
    assert.equal(parsed.flags.format, 'json');
    assert.deepEqual(parsed.positionals, ['p1', 'p2']);
  });

  it('ends options at --: everything after it is a positional, even --help and -x', () => {
    const parsed = parse(['--quiet', '--', '--help', '-0103-x.md', '--name=z', '-']);
    assert.deepEqual(parsed.positionals, ['--help', '-0103-x.md', '--name=z', '-']);
    assert.equal(parsed.flags.name, undefined);
    assert.equal(parseCommandArgs(spec, ['p', '--help']), 'help');
    assert.equal(parseCommandArgs(spec, ['-h']), 'help');
  });

  it('keeps a value that contains = and a lone - as values', () => {
    assert.equal(parse(['--name=a=b']).flags.name, 'a=b');
    assert.equal(parse(['--name', '-']).flags.name, '-');
  });

  it('rejects, naming the flag in one line: unknown, missing, empty, flag-as-value, not a choice, bad date, failed check', () => {
    const cases: [string[], string][] = [
      [['--frobnicate'], "unknown option '--frobnicate'; see 'cadence demo --help'"],
      [['--frobnicate=1'], "unknown option '--frobnicate'; see 'cadence demo --help'"],
      [['-x'], "unknown option '-x' (a path starting with '-' goes after '--'); see 'cadence demo --help'"],
      [
        ['-0103-x.md'],
        "unknown option '-0103-x.md' (a path starting with '-' goes after '--'); see 'cadence demo --help'",
      ],
      [['-qq'], "unknown option '-qq' (a path starting with '-' goes after '--'); see 'cadence demo --help'"],
      [['--name'], '--name needs a value (NAME)'],
      [['--name='], '--name needs a value (NAME)'],
      [['--name', ''], '--name needs a value (NAME)'],
      [['--name', '  '], '--name needs a value (NAME)'],
      [['--name', '--quiet'], '--name needs a value (NAME)'],
      [['--tag', 'a', '--tag'], '--tag needs a value (TAG)'],
      [['--format', 'xml'], "--format must be text or json, not 'xml'"],
      [['--day', '2026-13-45'], "--day '2026-13-45' is not a calendar date (use the form 2026-11-23)"],
      [['--day=2026-02-30'], "--day '2026-02-30' is not a calendar date (use the form 2026-11-23)"],
      [['--day', 'yesterday'], "--day 'yesterday' is not a calendar date (use the form 2026-11-23)"],
      [['--mail', 'ada'], '--mail is not an address'],
      // A number flag reads a negative number as its value (and refuses it), not as a missing value.
      [['--days', '-1'], "--days must be a positive whole number (1 or more), not '-1'"],
      [['--days', '0'], "--days must be a positive whole number (1 or more), not '0'"],
      [['--days=-2.5'], "--days must be a positive whole number (1 or more), not '-2.5'"],
      [['--days', 'many'], "--days must be a positive whole number (1 or more), not 'many'"],
      [['--days', '--quiet'], '--days needs a value (N)'],
      [['--name', '-1'], '--name needs a value (NAME)'],
      [['--quiet=yes'], '--quiet takes no value'],
      [['--help=1'], '--help takes no value'],
      [['--name', 'a', '--name=b'], '--name is given twice; it takes one value'],
      [['--', ''], 'PATH must not be empty'],
      [[''], 'PATH must not be empty'],
    ];
    for (const [argv, message] of cases) assert.equal(usageError(argv), message, JSON.stringify(argv));
  });

  it('checks positionals: none allowed, one only, required, choices', () => {
    const none = { name: 'none', flags: {} };
    assert.equal(usageError(['x'], none), "unexpected argument 'x'; see 'cadence none --help'");
    const one = {
      name: 'one',
      flags: {},
      positionals: { name: 'SHELL', required: true, choices: ['bash', 'zsh'], description: '' },
    };
    assert.equal(usageError([], one), 'SHELL is missing');
    assert.equal(usageError(['bash', 'zsh'], one), "unexpected argument 'zsh' (one SHELL only)");
    assert.equal(usageError(['tcsh'], one), "SHELL must be bash or zsh, not 'tcsh'");
  });

  it('knows calendar dates, including years before 100 and leap days', () => {
    for (const good of ['2026-11-23', '2024-02-29', '0001-01-01', '9999-12-31']) assert.ok(isCalendarDate(good), good);
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '26-01-01',
      '2026-1-1',
      '2026-01-01T00:00',
    ])
      assert.ok(!isCalendarDate(bad), bad);
  });

  it('generates help from the definition: usage, every flag with its value, default and repeatability, examples', async () => {
    const command: CommandSpec<typeof flags> = {
      ...spec,
      summary: 'demo',
      description: 'Does a demo.',
      examples: [{ command: 'cadence demo --tag a --tag b', description: 'two tags' }],
      notes: 'Exit codes: 0 done.',
      run: async () => 0,
    };
    const help = renderHelp(command as unknown as CommandSpec<FlagSpecs>);
    assert.match(help, /^Usage: cadence demo \[options\] \[PATH\]\.\.\.\n\nDoes a demo\.\n/);
    for (const line of [
      /^ {2}--name NAME +a name$/m,
      /^ {2}--tag TAG +a tag \(repeatable\)$/m,
      /^ {2}--format text\|json +output format \(default: text\)$/m,
      /^ {2}-q, --quiet +say less$/m,
      /^ {2}-h, --help +show this help$/m,
      /^Examples:\n {2}cadence demo --tag a --tag b\n {6}two tags$/m,
      /Exit codes: 0 done\.\n$/,
    ])
      assert.match(help, line);
    const { out, io } = capture();
    const runs: unknown[] = [];
    const demo = defineCommand({ ...command, run: async (args) => (runs.push(args), 3) });
    assert.equal(await demo.run(['--help'], io), 0);
    assert.equal(out.stdout, help);
    assert.deepEqual(runs, []);
    assert.equal(await demo.run(['--name', 'n'], io), 3);
    assert.equal((runs[0] as { flags: { name: string } }).flags.name, 'n');
  });
});

describe('cadence output contract', () => {
  it('colours only a terminal, and never with NO_COLOR set', () => {
    assert.equal(colorWanted({ isTTY: true }, {}), true);
    assert.equal(colorWanted({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(colorWanted({ isTTY: true }, { NO_COLOR: '' }), true);
    assert.equal(colorWanted({ isTTY: false }, {}), false);
    assert.equal(colorWanted({}, {}), false);
    const plain = capture().io;
    assert.equal(paint(plain, 'bold', 'x'), 'x');
    assert.equal(paint({ ...plain, color: true }, 'bold', 'x'), '\x1b[1mx\x1b[22m');
  });
});
