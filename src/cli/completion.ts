// `cadence completion bash|zsh|fish`: completion scripts generated from the subcommands' definitions,
// so a flag added to a definition is completed without touching this file.
import { type CommandSpec, defineCommand, type FlagSpec, type FlagSpecs, HELP_FLAG, type Subcommand } from './args';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

type Spec = CommandSpec<FlagSpecs>;

function flagsOf(spec: Spec): [string, FlagSpec][] {
  return [...Object.entries(spec.flags), ['help', HELP_FLAG]];
}

/** Words safe inside a shell script: the definitions are ours, but a stray quote must not break it. */
function word(text: string): string {
  return text.replace(/[^\w@%+=:,./-]/g, '');
}

function bash(specs: readonly Spec[]): string {
  const cases = specs.map((spec) => {
    const valueCases = flagsOf(spec)
      .filter(([, flag]) => flag.type === 'string')
      .map(([name, flag]) => `        --${word(name)}) ${bashValues(flag.choices, flag.kind)}; return ;;`);
    const operand = spec.positionals;
    const flagWords = flagsOf(spec)
      .map(([name]) => `--${word(name)}`)
      .join(' ');
    return [
      `    ${word(spec.name)})`,
      ...(valueCases.length > 0 ? ['      case "$flag" in', ...valueCases, '      esac'] : []),
      `      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${flagWords}" -- "$cur")); return; fi`,
      `      ${operand ? bashValues(operand.choices, operand.kind) : 'COMPREPLY=()'}`,
      '      ;;',
    ].join('\n');
  });
  return `# bash completion for cadence. Load it with: eval "$(cadence completion bash)"
# (or save it as ~/.local/share/bash-completion/completions/cadence).
_cadence() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" flag="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" i
  # --flag=value: bash splits at '=', so the flag is one word further back.
  if [[ "$flag" == "=" ]]; then flag="\${COMP_WORDS[COMP_CWORD-2]}"; fi
  if [[ "$cur" == "=" ]]; then cur=""; fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ "\${COMP_WORDS[i]}" != -* ]]; then cmd="\${COMP_WORDS[i]}"; break; fi
  done
  case "$cmd" in
    "") COMPREPLY=($(compgen -W "${specs.map((s) => word(s.name)).join(' ')} --help --version" -- "$cur")) ;;
${cases.join('\n')}
  esac
}
complete -o filenames -F _cadence cadence
`;
}

function bashValues(choices: readonly string[] | undefined, kind: FlagSpec['kind']): string {
  if (choices) return `COMPREPLY=($(compgen -W "${choices.map(word).join(' ')}" -- "$cur"))`;
  // A folder is completed like a file: bash descends into folders as it goes.
  if (kind) return 'COMPREPLY=($(compgen -f -- "$cur"))';
  return 'COMPREPLY=()';
}

/** Text inside zsh's `[…]` descriptions and single quotes. */
function zshText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/([[\]:\\])/g, '\\$1')
    .replace(/'/g, `'\\''`);
}

function zshAction(choices: readonly string[] | undefined, kind: FlagSpec['kind']): string {
  if (choices) return `(${choices.map(word).join(' ')})`;
  if (kind) return '_files';
  return ' ';
}

function zsh(specs: readonly Spec[]): string {
  const commands = specs.map((spec) => `    '${word(spec.name)}:${zshText(spec.summary)}'`);
  const cases = specs.map((spec) => {
    const lines = flagsOf(spec).map(([name, flag]) => {
      const names = flag.short ? `'(-${word(flag.short)} --${word(name)})'{-${word(flag.short)},--${word(name)}}` : '';
      const description = `[${zshText(flag.description)}]`;
      if (flag.type === 'boolean') return names ? `${names}'${description}'` : `'--${word(name)}${description}'`;
      const value = `:${word(flag.value ?? 'VALUE')}:${zshAction(flag.choices, flag.kind)}`;
      return `'${flag.multiple ? '*' : ''}--${word(name)}=${description}${value}'`;
    });
    const operand = spec.positionals;
    if (operand)
      lines.push(`'${operand.multiple ? '*' : ''}:${word(operand.name)}:${zshAction(operand.choices, operand.kind)}'`);
    return `        ${word(spec.name)}) _arguments -S \\\n          ${lines.join(' \\\n          ')} ;;`;
  });
  return `#compdef cadence
# zsh completion for cadence. Load it with: source <(cadence completion zsh)
# (after compinit), or save it as _cadence in a folder on $fpath.
_cadence() {
  local -a commands
  commands=(
${commands.join('\n')}
  )
  local state line
  _arguments -C '(- *)--help[show help]' '(- *)--version[print the version]' '1: :->command' '*:: :->args'
  case $state in
    command) _describe -t commands 'cadence command' commands ;;
    args)
      case $words[1] in
${cases.join('\n')}
      esac ;;
  esac
}
if [ "$funcstack[1]" = "_cadence" ]; then _cadence "$@"; else compdef _cadence cadence; fi
`;
}

/** Text inside fish's single quotes. */
function fishText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

function fish(specs: readonly Spec[]): string {
  const lines = [
    '# fish completion for cadence. Load it with: cadence completion fish | source',
    '# (or save it as ~/.config/fish/completions/cadence.fish).',
    'complete -c cadence -f',
    "complete -c cadence -n __fish_use_subcommand -l help -d 'show help'",
    "complete -c cadence -n __fish_use_subcommand -l version -d 'print the version'",
  ];
  for (const spec of specs) {
    const name = word(spec.name);
    lines.push(`complete -c cadence -n __fish_use_subcommand -a ${name} -d '${fishText(spec.summary)}'`);
    const when = `-n '__fish_seen_subcommand_from ${name}'`;
    for (const [flagName, flag] of flagsOf(spec)) {
      const short = flag.short ? ` -s ${word(flag.short)}` : '';
      const value =
        flag.type === 'boolean'
          ? ''
          : flag.choices
            ? ` -x -a '${flag.choices.map(word).join(' ')}'`
            : flag.kind
              ? ' -r -F'
              : ' -x';
      lines.push(`complete -c cadence ${when}${short} -l ${word(flagName)}${value} -d '${fishText(flag.description)}'`);
    }
    const operand = spec.positionals;
    if (operand?.choices) lines.push(`complete -c cadence ${when} -a '${operand.choices.map(word).join(' ')}'`);
    else if (operand?.kind) lines.push(`complete -c cadence ${when} -F`);
  }
  return lines.join('\n') + '\n';
}

/** The completion script for `shell`, covering every subcommand in `commands`. */
export function completionScript(shell: Shell, commands: readonly Subcommand[]): string {
  const specs = commands.map((command) => command.spec);
  return shell === 'bash' ? bash(specs) : shell === 'zsh' ? zsh(specs) : fish(specs);
}

/** `cadence completion SHELL`; `commands` is read when it runs, so it may include this command. */
export function completionCommand(commands: () => readonly Subcommand[]): Subcommand {
  return defineCommand({
    name: 'completion',
    summary: 'print a shell completion script (bash, zsh or fish)',
    description: 'Prints a script that completes cadence subcommands, flags and their values in SHELL.',
    positionals: { name: 'SHELL', required: true, choices: SHELLS, description: 'bash, zsh or fish' },
    flags: {},
    examples: [
      {
        command: 'eval "$(cadence completion bash)"',
        description: 'completion in this bash session (add it to ~/.bashrc)',
      },
      { command: 'source <(cadence completion zsh)', description: 'the same in zsh, after compinit' },
      {
        command: 'cadence completion fish > ~/.config/fish/completions/cadence.fish',
        description: 'install it for fish',
      },
    ],
    notes: 'Exit codes: 0 done, 2 usage error.',
    run: async ({ positionals }, io) => {
      io.stdout.write(completionScript(positionals[0] as Shell, commands()));
      return 0;
    },
  });
}
