// Where the documentation-duty team file lives, in a module of its own: the weekly draft checks for
// it before it loads the duty's code and the docs parsers (src/node/weekly/assemble.ts).

/** The team file's name, relative to the repository root. */
export const TEAM_FILE = '.cadence/team.yml';
