/**
 * Problems that need several files: duplicate numbers, supersede links (broken, one-way, to itself,
 * in a circle), links to record files that do not exist and "ADR-17" mentions of numbers a folder
 * does not have; slashed dates that the folder's other dates do not settle. Computed in one linear
 * pass over what the DocsIndex keeps up to date.
 */
import type { DateOrders } from './dateOrder';
import { isSkippedDecisionFile, numberFromFileName } from './names';
import { basename, dirname } from './paths';
import type { Decision, Problem } from './types';

/** The resolved supersede links of one record, both directions, as paths. */
export interface Links {
  supersedes: string[];
  supersededBy: string[];
}

export interface CrossState {
  problems: Map<string, Problem[]>;
  links: Map<string, Links>;
}

/** What the cross-file pass reads: the index's state, never changed here. */
export interface CrossInput {
  decisionsByPath: ReadonlyMap<string, Decision>;
  /** Every indexed path besides decisions (runbooks, notes): a link to one is not broken. */
  otherPath: (path: string) => boolean;
  /** Records by `numberKey(folder, number)`. */
  byNumber: ReadonlyMap<string, Decision[]>;
  /** Keys of `byNumber` with more than one record. */
  duplicateKeys: ReadonlySet<string>;
  /** Records that name another in a supersede link. */
  referencing: ReadonlySet<Decision>;
  /** Records with links to Markdown files or "ADR-17" mentions. */
  linking: ReadonlySet<Decision>;
  /** How each folder writes slashed dates, and the records whose dates it does not settle. */
  dates: DateOrders;
}

export function numberKey(folder: string, number: number): string {
  return `${folder}\u0000${number}`;
}

/** The record of `folder` with `number` (the first by path when there are several). */
export function numbered(
  byNumber: ReadonlyMap<string, Decision[]>,
  folder: string,
  number: number,
): Decision | undefined {
  const list = byNumber.get(numberKey(folder, number)) ?? [];
  return list.length < 2 ? list[0] : [...list].sort((a, b) => a.path.localeCompare(b.path))[0];
}

/**
 * The record a number names from `folder`: its own folder's first, then one of the other decision
 * folders under the same top folder (`adr/archive/` and `adr/` name each other's numbers).
 */
type FamilyLookup = (folder: string, number: number) => Decision | undefined;

/** The folders that hold records, gathered once per pass and only if a check asks. */
type FolderSet = () => ReadonlySet<string>;

function folderSet(input: CrossInput): FolderSet {
  let folders: Set<string> | undefined;
  return () => (folders ??= new Set([...input.decisionsByPath.values()].map((decision) => decision.folder)));
}

function familyLookup(input: CrossInput, folderSet: FolderSet): FamilyLookup {
  // Built on the first number a record's own folder does not have: most passes never need it.
  let families: { family: Map<string, string[]>; topOf: Map<string, string> } | undefined;
  const familiesOf = () => {
    const folders = folderSet();
    const family = new Map<string, string[]>();
    const topOf = new Map<string, string>();
    for (const folder of folders) {
      let top = folder;
      for (let up = dirname(folder); up !== dirname(up); up = dirname(up)) if (folders.has(up)) top = up;
      topOf.set(folder, top);
      family.set(top, [...(family.get(top) ?? []), folder]);
    }
    return { family, topOf };
  };
  return (folder, number) => {
    const own = numbered(input.byNumber, folder, number);
    if (own) return own;
    const { family, topOf } = (families ??= familiesOf());
    for (const other of family.get(topOf.get(folder) ?? folder) ?? []) {
      const found = other === folder ? undefined : numbered(input.byNumber, other, number);
      if (found) return found;
    }
    return undefined;
  };
}

/** Every cross-file problem and the resolved supersede links, per path. */
export function crossFileState(input: CrossInput): CrossState {
  const problems = new Map<string, Problem[]>();
  const links = new Map<string, Links>();
  const add = (problem: Problem): void => {
    const list = problems.get(problem.path) ?? [];
    list.push(problem);
    problems.set(problem.path, list);
  };
  checkDuplicates(input, add);
  const folders = folderSet(input);
  const lookup = familyLookup(input, folders);
  checkSupersedes(input, links, add, lookup);
  checkLinks(input, add, lookup, folders);
  input.dates.problems(add);
  for (const cycle of supersedeCycles(links)) {
    const names = [...cycle, cycle[0]].map((p) => basename(p)).join(' → ');
    for (const path of cycle) {
      const decision = input.decisionsByPath.get(path);
      add({
        path,
        line: decision?.statusLocation?.line ?? decision?.titleLine ?? 0,
        code: 'supersede-cycle',
        severity: 'error',
        message: `Supersede links go round in a circle (${names} is superseded by the next); only one of them can be the newest.`,
      });
    }
  }
  return { problems, links };
}

function checkDuplicates(input: CrossInput, add: (problem: Problem) => void): void {
  for (const key of input.duplicateKeys) {
    const group = input.byNumber.get(key) ?? [];
    for (const decision of group) {
      const others = group
        .filter((d) => d !== decision)
        .map((d) => basename(d.path))
        .sort();
      add({
        path: decision.path,
        line: decision.titleLine ?? 0,
        code: 'duplicate-number',
        severity: 'error',
        message: `Number ${decision.number} is also used by ${others.join(', ')}; renumber one of them.`,
      });
    }
  }
}

/** Resolves supersede links into `links`; broken, self and one-way links become problems. */
function checkSupersedes(
  input: CrossInput,
  links: Map<string, Links>,
  add: (problem: Problem) => void,
  lookup: FamilyLookup,
): void {
  const { decisionsByPath } = input;
  const linksOf = (path: string): Links => {
    let entry = links.get(path);
    if (!entry) {
      entry = { supersedes: [], supersededBy: [] };
      links.set(path, entry);
    }
    return entry;
  };
  const resolve = (decision: Decision, ref: Decision['references'][number]): Decision | undefined => {
    if (ref.path) {
      const direct = decisionsByPath.get(ref.path) ?? decisionsByPath.get(`${ref.path}.md`);
      if (direct) return direct;
      // "doc/adr/0021-x.md" written from the repository root: the same file name in this folder.
      const name = basename(ref.path);
      const sibling = `${decision.folder}/${name}`; // folder paths are normalized already
      return decisionsByPath.get(sibling) ?? decisionsByPath.get(`${sibling}.md`);
    }
    return ref.number === undefined ? undefined : lookup(decision.folder, ref.number);
  };
  const said = new Set<string>();
  const broken = new Set<string>();
  const pairs: { from: Decision; to: Decision; relation: 'supersedes' | 'supersededBy'; line: number }[] = [];
  for (const decision of input.referencing) {
    for (const ref of decision.references) {
      if (ref.relation !== 'supersedes' && ref.relation !== 'supersededBy') continue;
      const target = resolve(decision, ref);
      if (target === decision) {
        const key = `${decision.path}\u0000self`;
        if (broken.has(key)) continue;
        broken.add(key);
        add({
          path: decision.path,
          line: ref.line,
          code: 'self-supersede',
          severity: 'error',
          message: `This record says it ${ref.relation === 'supersedes' ? 'supersedes' : 'is superseded by'} itself; link the other record.`,
        });
        continue;
      }
      if (!target) {
        const what = ref.path ? basename(ref.path) : `number ${ref.number}`;
        // One problem per (record, relation, target), however often the record repeats the link.
        const key = `${decision.path}\u0000${ref.relation}\u0000${what}`;
        if (broken.has(key)) continue;
        broken.add(key);
        add({
          path: decision.path,
          line: ref.line,
          code: 'broken-supersede',
          severity: 'error',
          message: `${ref.relation === 'supersedes' ? 'Supersedes' : 'Superseded by'} ${what}, which is not a decision record here; fix the link.`,
        });
        continue;
      }
      const key = `${decision.path}\u0000${ref.relation}\u0000${target.path}`;
      if (said.has(key)) continue;
      said.add(key);
      pairs.push({ from: decision, to: target, relation: ref.relation, line: ref.line });
    }
  }
  for (const { from, to, relation } of pairs) {
    const newer = relation === 'supersedes' ? from : to;
    const older = relation === 'supersedes' ? to : from;
    if (!linksOf(newer.path).supersedes.includes(older.path)) linksOf(newer.path).supersedes.push(older.path);
    if (!linksOf(older.path).supersededBy.includes(newer.path)) linksOf(older.path).supersededBy.push(newer.path);
    const back = relation === 'supersedes' ? 'supersededBy' : 'supersedes';
    if (said.has(`${to.path}\u0000${back}\u0000${from.path}`)) continue;
    const name = basename(from.path);
    add({
      path: to.path,
      line: to.statusLocation?.line ?? to.titleLine ?? 0,
      code: 'non-reciprocal-supersede',
      severity: 'warning',
      message:
        relation === 'supersedes'
          ? `${name} supersedes this record, but this record does not say "Superseded by" it; add the link back.`
          : `${name} says it is superseded by this record, but this record does not say "Supersedes" it; add the link back.`,
    });
  }
}

/**
 * Links to record files that do not exist (`broken-link`, naming the record that now has the
 * number when there is one: a rename) and "ADR-17" mentions of a number the folder does not have
 * (`unknown-record`).
 */
function checkLinks(
  input: CrossInput,
  add: (problem: Problem) => void,
  lookup: FamilyLookup,
  folderSet: FolderSet,
): void {
  if (input.linking.size === 0) return;
  const { decisionsByPath, byNumber } = input;
  const folders = folderSet();
  const exists = (path: string): boolean => decisionsByPath.has(path) || input.otherPath(path);
  for (const decision of input.linking) {
    const reported = new Set<string>();
    for (const link of decision.links ?? []) {
      const folder = dirname(link.path);
      const name = basename(link.path);
      if (!folders.has(folder) || isSkippedDecisionFile(name) || exists(link.path) || reported.has(link.path)) continue;
      reported.add(link.path);
      const number = numberFromFileName(name)?.number;
      const renamed = number === undefined ? undefined : numbered(byNumber, folder, number);
      add({
        path: decision.path,
        line: link.line,
        code: 'broken-link',
        severity: 'warning',
        message: renamed
          ? `${link.href} does not exist; ${basename(renamed.path)} has its number now (renamed?).`
          : `${link.href} does not exist; fix or remove the link.`,
      });
    }
    for (const mention of decision.mentions ?? []) {
      if (mention.number === decision.number || lookup(decision.folder, mention.number)) continue;
      if (plainlyYear(byNumber, decision.folder, mention.text)) continue;
      const key = `#${mention.number}`;
      if (reported.has(key)) continue;
      reported.add(key);
      add({
        path: decision.path,
        line: mention.line,
        code: 'unknown-record',
        severity: 'warning',
        message: `${mention.text} names no decision record of this folder (there is no number ${mention.number}).`,
      });
    }
  }
}

/** How far from a year-like number the folder's records must all be for it to be read as a year. */
const YEAR_NEAR = 100;

/**
 * "Our ADR 2019 review": four digits from 1900 to 2099 (no leading zero) in a folder with no record
 * numbered anywhere near them is a year, not a record.
 */
function plainlyYear(byNumber: ReadonlyMap<string, Decision[]>, folder: string, text: string): boolean {
  const digits = /\d+$/.exec(text)?.[0] ?? '';
  const year = Number(digits);
  if (digits.length !== 4 || year < 1900 || year > 2099) return false;
  for (let n = year - YEAR_NEAR; n <= year + YEAR_NEAR; n++) if (byNumber.has(numberKey(folder, n))) return false;
  return true;
}

/** Each cycle of "superseded by" links once (as paths, from its smallest path), for problems. */
function supersedeCycles(links: Map<string, Links>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'active' | 'done'>();
  const seen = new Set<string>();
  for (const start of links.keys()) {
    if (state.has(start)) continue;
    // Iterative depth-first search; the stack holds the current path.
    const stack: { path: string; next: number }[] = [{ path: start, next: 0 }];
    state.set(start, 'active');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const newer = links.get(top.path)?.supersededBy ?? [];
      if (top.next >= newer.length) {
        state.set(top.path, 'done');
        stack.pop();
        continue;
      }
      const child = newer[top.next++];
      const childState = state.get(child);
      if (childState === 'active') {
        const cycle = stack.slice(stack.findIndex((e) => e.path === child)).map((e) => e.path);
        const first = cycle.indexOf([...cycle].sort()[0]);
        const canonical = [...cycle.slice(first), ...cycle.slice(0, first)];
        const key = canonical.join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(canonical);
        }
      } else if (childState === undefined) {
        state.set(child, 'active');
        stack.push({ path: child, next: 0 });
      }
    }
  }
  return cycles;
}
