// Output for CI shared by `cadence docs` and `cadence duty`: GitHub Actions workflow commands (one
// annotation per finding, nothing else on stdout) and SARIF 2.1.0 (for code scanning).
import { version } from '../../package.json';
import type { CliIo } from './io';

/** One finding to annotate; `path` relative to the folder asked about ('/'-separated). */
export interface Finding {
  path: string;
  /** 1-based; null when the finding is about the whole file. */
  line: number | null;
  severity: 'error' | 'warning' | 'info';
  /** A stable rule id: the problem code, or the duty item's kind. */
  ruleId: string;
  message: string;
}

/** Short descriptions of the rules, for SARIF's rule list and annotation titles. */
const RULES: Record<string, string> = {
  'duplicate-number': 'Two decision records share a number',
  'missing-status': 'A decision record has no status',
  'unknown-status': 'A decision record has a status Cadence does not know',
  'broken-supersede': 'A supersede link points at no record',
  'non-reciprocal-supersede': 'A supersede link is one-way',
  'number-mismatch': "A record's file name and title numbers disagree",
  'stale-runbook': 'A runbook is overdue for review',
  'broken-link': 'A link points at a file that is not in the repository',
  'broken-path': 'A doc names a path that is gone',
  'missing-section': 'A standard section is missing',
  drift: 'The code a doc names changed many times since the doc did',
  'proposed-stale': 'A decision is still Proposed after the agreed days',
  'guide-stale': 'An onboarding guide has not been touched for months',
};

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: `::warning file=…,line=…,title=…::message`, one per finding. */
export function githubAnnotations(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const command = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const title = `cadence ${f.ruleId}`;
      const props = [`file=${escapeProperty(f.path)}`, `line=${f.line ?? 1}`, `title=${escapeProperty(title)}`];
      return `::${command} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}

/** A SARIF 2.1.0 log with one run of the `cadence` tool; locations relative to %SRCROOT%. */
export function sarifLog(findings: readonly Finding[]): object {
  const ids = [...new Set(findings.map((f) => f.ruleId))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cadence',
            version,
            informationUri: 'https://github.com/cadence-dev/cadence',
            rules: ids.map((id) => ({ id, shortDescription: { text: RULES[id] ?? id } })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ids.indexOf(f.ruleId),
          level: f.severity === 'info' ? 'note' : f.severity,
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' },
                ...(f.line !== null ? { region: { startLine: f.line } } : {}),
              },
            },
          ],
        })),
      },
    ],
  };
}

/** Writes `findings` in a CI format; true when written. */
export function writeCiFormat(format: string, findings: readonly Finding[], io: CliIo): boolean {
  if (format === 'github') io.stdout.write(githubAnnotations(findings));
  else if (format === 'sarif') io.stdout.write(JSON.stringify(sarifLog(findings), null, 2) + '\n');
  else return false;
  return true;
}
