// The one argument parser of `cadence`: every subcommand is a CommandSpec (data: its flags, its
// positional arguments, examples) from which parsing, `--help` and shell completion are generated.
// Tokenising is `node:util` parseArgs (ADR 11); this file turns its tokens into usage errors of one
// line that name the flag, and into typed values.
import { parseArgs } from 'node:util';
import { type CliIo, UsageError } from './io';

/** One `--flag`. The key it is stored under in `flags` is its long name without `--`. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  /** Repeatable: every value is kept, in order (a string[]); otherwise giving it twice is an error. */
  multiple?: boolean;
  /** One-letter alias, without `-`. */
  short?: string;
  /** Name of the value in help and completion, e.g. `PATH` (string flags). */
  value?: string;
  description: string;
  /** The only values accepted; shell completion offers them. */
  choices?: readonly string[];
  /** The value when the flag is absent, shown in help (the command applies it). */
  default?: string;
  /**
   * What the value is: `date` values must be calendar dates (YYYY-MM-DD) or the parse fails;
   * `file` and `directory` tell shell completion to offer paths.
   */
  kind?: 'date' | 'file' | 'directory';
  /**
   * A whole number of at least 1 (a count of commits, days, months). `-1` after the flag is then
   * its value, refused as not positive, rather than a flag where the value should be.
   */
  positive?: boolean;
  /** Further checks of one value: returns the rest of a usage error ("… is not an e-mail address"). */
  check?: (value: string) => string | undefined;
}

export type FlagSpecs = Record<string, FlagSpec>;

/** The operands after the flags (`cadence docs [PATH]...`). */
export interface PositionalSpec {
  /** As shown in usage, e.g. `PATH`. */
  name: string;
  description: string;
  multiple?: boolean;
  required?: boolean;
  choices?: readonly string[];
  kind?: 'file' | 'directory';
}

/** The parsed value of each flag: boolean flags are booleans, repeatable flags arrays. */
export type FlagValues<F extends FlagSpecs> = {
  [K in keyof F]: F[K]['type'] extends 'boolean'
    ? boolean
    : F[K]['multiple'] extends true
      ? string[]
      : string | undefined;
};

export interface ParsedArgs<F extends FlagSpecs> {
  flags: FlagValues<F>;
  positionals: string[];
}

/** A subcommand as data. `run` receives arguments already checked against the definition. */
export interface CommandSpec<F extends FlagSpecs = FlagSpecs> {
  name: string;
  /** One line for `cadence --help`. */
  summary: string;
  /** What it does, for `cadence NAME --help` (may span lines). */
  description: string;
  positionals?: PositionalSpec;
  flags: F;
  /** At least one: shown in `--help`. */
  examples: { command: string; description: string }[];
  /** Printed last in `--help` (exit codes, defaults, JSON shape). */
  notes?: string;
  run(args: ParsedArgs<F>, io: CliIo): Promise<number>;
}

/** A subcommand as `cadence` runs it: its definition (for help and completion) and a runner. */
export interface Subcommand {
  spec: CommandSpec<FlagSpecs>;
  summary: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** `--help`/`-h`: added to every subcommand. */
export const HELP_FLAG: FlagSpec = { type: 'boolean', short: 'h', description: 'show this help' };

/** Checks a YYYY-MM-DD calendar date (no 2026-02-30, no month 13). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0-99 as 1900-1999

  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A negative or decimal number: a value of a `positive` flag, never a flag. */
const NUMBER_LIKE = /^-\d+(\.\d*)?$/;

function checkValue(flag: string, spec: FlagSpec, value: string): void {
  if (spec.choices && !spec.choices.includes(value))
    throw new UsageError(`${flag} must be ${orList(spec.choices)}, not '${value}'`);
  if (spec.kind === 'date' && !isCalendarDate(value.trim()))
    throw new UsageError(`${flag} '${value}' is not a calendar date (use the form 2026-11-23)`);
  if (spec.positive && !(/^\d{1,9}$/.test(value.trim()) && Number(value) >= 1))
    throw new UsageError(`${flag} must be a positive whole number (1 or more), not '${value}'`);
  const problem = spec.check?.(value);
  if (problem !== undefined) throw new UsageError(`${flag} ${problem}`);
}

function orList(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/**
 * Parses `argv` against a command's flags; throws UsageError (one line naming the flag) for an
 * unknown flag, a missing or empty value, a value not among `choices`, a bad date, a value given to
 * a boolean flag, or a single-valued flag given twice. `--` ends the flags: everything after it is a
 * positional argument. Returns 'help' when `--help`/`-h` comes before `--`.
 */
export function parseCommandArgs<F extends FlagSpecs>(
  spec: Pick<CommandSpec<F>, 'name' | 'flags' | 'positionals'>,
  argv: readonly string[],
): ParsedArgs<F> | 'help' {
  const specs: FlagSpecs = { ...spec.flags, help: HELP_FLAG };
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, flag] of Object.entries(specs))
    options[name] = { type: flag.type, ...(flag.short ? { short: flag.short } : {}), multiple: true };
  // Not strict: unknown flags come back as tokens, so the message below can name them our way.
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean | string[] | undefined> = {};
  for (const [name, flag] of Object.entries(spec.flags))
    values[name] = flag.type === 'boolean' ? false : flag.multiple ? [] : undefined;
  const positionals: string[] = [];
  let help = false;
  const checks: (() => void)[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const raw = argv[token.index] ?? token.rawName;
    const flag = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    // Short flags are never grouped: `-0103-x.md` (split by parseArgs into one-letter flags) is one
    // unknown argument, most likely a file name.
    if (!flag || (!raw.startsWith('--') && raw.length > 2)) {
      const long = raw.startsWith('--');
      const hint = long ? '' : ` (a path starting with '-' goes after '--')`;
      throw new UsageError(`unknown option '${long ? token.rawName : raw}'${hint}; see 'cadence ${spec.name} --help'`);
    }
    const name = flag === HELP_FLAG ? '--help' : `--${token.name}`;
    if (flag.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${name} takes no value`);
      if (flag === HELP_FLAG) help = true;
      else values[token.name] = true;
      continue;
    }
    const value = token.value;
    // `--repo --author x`: a flag where a value should be is a missing value, not a value.
    const flagLike =
      !token.inlineValue && value?.startsWith('-') && value !== '-' && !(flag.positive && NUMBER_LIKE.test(value));
    if (value === undefined || flagLike || !value.trim())
      throw new UsageError(`${name} needs a value${flag.value ? ` (${flag.value})` : ''}`);
    if (flag.multiple) (values[token.name] as string[]).push(value);
    else if (values[token.name] !== undefined) throw new UsageError(`${name} is given twice; it takes one value`);
    else values[token.name] = value;
    checks.push(() => checkValue(name, flag, value));
  }
  if (help) return 'help';
  // Values are checked once the shape of the command line is known to be right.
  for (const check of checks) check();
  const operand = spec.positionals;
  if (!operand && positionals.length > 0)
    throw new UsageError(`unexpected argument '${positionals[0]}'; see 'cadence ${spec.name} --help'`);
  if (operand) {
    if (operand.required && positionals.length === 0) throw new UsageError(`${operand.name} is missing`);
    if (!operand.multiple && positionals.length > 1)
      throw new UsageError(`unexpected argument '${positionals[1]}' (one ${operand.name} only)`);
    for (const value of positionals) {
      if (!value.trim()) throw new UsageError(`${operand.name} must not be empty`);
      if (operand.choices && !operand.choices.includes(value))
        throw new UsageError(`${operand.name} must be ${orList(operand.choices)}, not '${value}'`);
    }
  }
  return { flags: values as FlagValues<F>, positionals };
}

function flagLabel(name: string, flag: FlagSpec): string {
  const long = `--${name}`;
  const withShort = flag.short ? `-${flag.short}, ${long}` : long;
  if (flag.type === 'boolean') return withShort;
  return `${withShort} ${flag.choices ? flag.choices.join('|') : (flag.value ?? 'VALUE')}`;
}

/** Lines of at most `width` characters (a longer word stays whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** A two-column table: labels, then their text wrapped within 100 columns. */
function table(rows: [string, string][]): string[] {
  const width = Math.min(Math.max(...rows.map(([label]) => label.length)) + 4, 32);
  const out: string[] = [];
  for (const [label, text] of rows) {
    const lines = wrap(text, 100 - width);
    if (label.length + 4 > width) out.push(`  ${label}`);
    else out.push(`  ${label.padEnd(width - 2)}${lines.shift() ?? ''}`);
    for (const line of lines) out.push(`${' '.repeat(width)}${line}`);
  }
  return out;
}

/** `cadence NAME --help`, generated from the definition. */
export function renderHelp(spec: CommandSpec<FlagSpecs>): string {
  const operand = spec.positionals;
  const operandText = operand
    ? ` ${operand.required ? operand.name : `[${operand.name}]`}${operand.multiple ? '...' : ''}`
    : '';
  const flags: [string, string][] = Object.entries(spec.flags).map(([name, flag]) => {
    const notes = [flag.default !== undefined ? `default: ${flag.default}` : '', flag.multiple ? 'repeatable' : ''];
    const extra = notes.filter(Boolean).join('; ');
    return [flagLabel(name, flag), `${flag.description}${extra ? ` (${extra})` : ''}`];
  });
  flags.push(['-h, --help', HELP_FLAG.description]);
  const lines = [`Usage: cadence ${spec.name} [options]${operandText}`, ''];
  lines.push(...spec.description.trim().split('\n'));
  if (operand) lines.push('', 'Arguments:', ...table([[operand.name, operand.description]]));
  lines.push('', 'Options:', ...table(flags), '', 'Examples:');
  for (const example of spec.examples)
    lines.push(`  ${example.command}`, ...wrap(example.description, 92).map((l) => `      ${l}`));
  if (spec.notes) lines.push('', ...spec.notes.trim().split('\n'));
  return lines.join('\n') + '\n';
}

/** Turns a definition into a runnable subcommand: parse, `--help`, then the command's own `run`. */
export function defineCommand<const F extends FlagSpecs>(spec: CommandSpec<F>): Subcommand {
  return {
    spec: spec as unknown as CommandSpec<FlagSpecs>,
    summary: spec.summary,
    async run(argv, io) {
      const parsed = parseCommandArgs(spec, argv);
      if (parsed === 'help') {
        io.stdout.write(renderHelp(spec as unknown as CommandSpec<FlagSpecs>));
        return 0;
      }
      return spec.run(parsed, io);
    },
  };
}
