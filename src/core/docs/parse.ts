/**
 * The docs parsers, re-exported from one place: importers (the index, the edits, the language
 * server) keep `./parse`. The code lives by responsibility in outline.ts (Markdown structure),
 * fields.ts (field lines, links), names.ts (file-name numbers), decision.ts and runbook.ts.
 */
export { resolveHref } from './fields';
export { type Heading } from './outline';
export { headingsOf } from './simpleOutline';
export { NUMBERED_NAME, isSkippedDecisionFile, namingOf, numberFromFileName } from './names';
export { type ParseOptions, decisionFromSource, looksLikeDecision, parseDecision } from './decision';
export { parseRunbook } from './runbook';
