/**
 * The data model of decision records and runbooks, shared by the tree, the CLI and the language
 * server. Line numbers here are 0-based (like LSP and VS Code); the CLI converts to 1-based.
 * Paths are '/'-separated absolute paths (a `file` URI's path, or a Node path on POSIX).
 */

/** The normalized lifecycle of a decision; the original wording is kept in `statusText`. */
export type DecisionStatus = 'proposed' | 'accepted' | 'rejected' | 'deprecated' | 'superseded' | 'unknown';

/** The format family a record is written in; new records in a folder follow the folder's format. */
export type DecisionFormat = 'nygard' | 'madr2' | 'madr3' | 'log4brains' | 'unknown';

export type Severity = 'error' | 'warning' | 'info';

/** Every problem code of the index, for the docs (README lists each) and settings keyed by code. */
export const PROBLEM_CODES = [
  'duplicate-number',
  'missing-status',
  'unknown-status',
  'broken-supersede',
  'non-reciprocal-supersede',
  'number-mismatch',
  'stale-runbook',
  'invalid-front-matter',
  'file-too-large',
  'binary-file',
  'unreadable-file',
  'unreadable-folder',
  'discovery-truncated',
  'invalid-review-date',
  'invalid-review-period',
  'unclosed-front-matter',
  'duplicate-key',
  'not-a-file',
  'outside-workspace',
  'not-utf8',
  'self-supersede',
  'supersede-cycle',
  'broken-link',
  'unknown-record',
  'missing-section',
  'ambiguous-date',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One finding about one file, located on a 0-based line. */
export interface Problem {
  path: string;
  line: number;
  code: ProblemCode;
  severity: Severity;
  message: string;
}

/** A half-open character range [start, end) in a file's original text (BOM and CRLF included). */
export interface Span {
  start: number;
  end: number;
}

/** How a record refers to another: a link (resolved to a path) or a bare number ("Superseded by 16"). */
export interface Reference {
  relation: 'supersedes' | 'supersededBy' | 'amends' | 'amendedBy';
  /** Absolute path of the target when the reference is a relative Markdown link. */
  path?: string;
  /** Target number when the reference names one ("ADR-0016", "16"). */
  number?: number;
  line: number;
}

/** Where the status is written, so an edit can replace exactly that text. */
export type StatusLocation =
  | { kind: 'frontMatter'; value: Span; line: number }
  /** `headingLine`: the status heading's last line (a setext heading's underline): a status goes after it. */
  | { kind: 'section'; value: Span; line: number; headingLine: number }
  | { kind: 'heading'; value: Span; line: number }
  | { kind: 'field'; value: Span; line: number };

/** A parsed decision record. */
export interface Decision {
  path: string;
  /** The folder the record belongs to (numbers are unique per folder). */
  folder: string;
  number?: number;
  /** Digits as written in the file name ("0012"), used to keep a folder's naming. */
  numberText?: string;
  title: string;
  status: DecisionStatus;
  /** The status exactly as written (first line), '' when there is none. */
  statusText: string;
  /**
   * ISO date (yyyy-mm-dd) when the written date could be read; a slashed `05/02/2018` is read as
   * the other records of its folder write dates (set by the DocsIndex, see dateOrder.ts).
   */
  date?: string;
  dateText?: string;
  /** 0-based line of the date, when there is one. */
  dateLine?: number;
  tags: string[];
  deciders: string[];
  format: DecisionFormat;
  references: Reference[];
  statusLocation?: StatusLocation;
  /** 0-based line of the H1, when there is one. */
  titleLine?: number;
  /** A setext H1's underline ("Title⏎=====" or over several lines): what follows the title goes after it. */
  titleEndLine?: number;
  /** First words (Markdown as written) of the context and decision sections, for tooltips and hovers. */
  summary: { context?: string; decision?: string };
  /** Problems found in this file alone. */
  problems: Problem[];
  /** Relative Markdown links to `.md` files in the body (resolved), checked against the index. */
  links?: { path: string; href: string; line: number }[];
  /** `ADR-17` / `ADR 17` mentions (not `#17`), checked against the folder's numbers. */
  mentions?: { number: number; text: string; line: number }[];
}

/**
 * Why a file is a runbook: its folder (`runbooks/`, `docs/runbook/`), a configured glob, its front
 * matter, or its place in an alert collection (`alerts/`, `playbooks/`) — the last only while the
 * collection follows the alert convention (see runbooks.ts).
 */
/** Why a file is a runbook; `site`: an MkDocs/TechDocs site's nav, path or name says so (mkdocs.ts). */
export type RunbookEvidence = 'folder' | 'glob' | 'site' | 'frontMatter' | 'alerts';

/** A parsed runbook. Review dates are filled in by the index (they depend on the clock). */
export interface Runbook {
  path: string;
  folder: string;
  title: string;
  owner?: string;
  ownerSlack?: string;
  service?: string;
  severity?: string;
  /** ISO date from front matter `last_reviewed_on`. */
  lastReviewedOn?: string;
  /** Span of the `last_reviewed_on` value, for Mark Reviewed. */
  lastReviewedSpan?: Span;
  /** 0-based line of `last_reviewed_on`, where staleness is reported. */
  lastReviewedLine?: number;
  reviewIn?: string;
  /** 0-based line of the H1, where a missing section is reported. */
  titleLine?: number;
  /** Every heading's text, in order: the sections its collection expects are looked up here. */
  headings: string[];
  /** Why this file is a runbook (see runbooks.ts). */
  evidence: RunbookEvidence;
  /** The collection (`alerts/`, `runbooks/` folder) it belongs to, when it sits in one. */
  collection?: string;
  problems: Problem[];
}

/** A runbook with its review state computed against the clock and the git fallback. */
export interface RunbookView extends Runbook {
  /** ISO date the review is based on: `last_reviewed_on`, else the last git change. */
  lastReviewed?: string;
  lastReviewedSource?: 'frontMatter' | 'git';
  /** ISO date the next review is due. */
  reviewDue?: string;
  stale: boolean;
  /** The standard sections present, as written (alert sections and `cadence.docs.runbookSections`). */
  sections: string[];
  /** The sections its collection's convention expects and it lacks. */
  missingSections: string[];
}
