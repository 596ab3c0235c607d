import * as vscode from 'vscode';
import { basename, dirname, relativePath } from '../../core/docs/paths';
import { statusDisplay } from '../../core/docs/status';
import type { Decision } from '../../core/docs/types';
import {
  type DocsCommandDeps,
  activePath,
  applyTextEdits,
  askTitle,
  loadEdits,
  pathOf,
  requireTrust,
} from './commandSupport';
import { decisionLabel } from './decisionsTree';
import type { FileChange } from './lastEdit';
import { createFile, planDecision } from './newDecision';
import { type RecordItem, pickRecord, recordItems } from './recordPicker';

/** What Supersede accepts instead of asking (tests, other commands): a new title or an existing successor. */
export interface SupersedeOptions {
  title?: string;
  /** An existing record (path or URI) that supersedes the old one. */
  successor?: string | vscode.Uri;
}

const NEW_RECORD: RecordItem = {
  label: '$(add) New decision record…',
  description: 'write the successor now',
  alwaysShow: true,
};

/** A title that is only a number ("0043") names a record: the user meant to pick it. */
function notANumber(value: string): string | undefined {
  return /^\s*(adr[-\s]?)?#?\d+\s*$/i.test(value)
    ? `"${value.trim()}" looks like a record number, not a title: press Escape and pick that record from the list instead`
    : undefined;
}

/**
 * Cadence: Supersede Decision Record — asks which record is superseded (the active one
 * preselected) and by what (a new record or an existing one), shows both changes and writes them
 * only when the user agrees: the successor (new, or given a "Supersedes" line) and the old record
 * marked "Superseded by". Returns the successor's URI. With options (or a tree row and options) it
 * asks nothing.
 */
export async function supersede(
  deps: DocsCommandDeps,
  arg?: unknown,
  options?: SupersedeOptions,
): Promise<vscode.Uri | undefined> {
  const { service } = deps;
  const core = await loadEdits();
  if (!requireTrust()) return undefined;
  await service.whenReady();
  const given = pathOf(arg);
  let old = given ? service.index.decision(given) : undefined;
  if (!old) {
    const items = recordItems(service);
    if (items.length === 0) {
      void vscode.window.showInformationMessage(
        'No decision records found; create one with "Cadence: New Decision Record".',
      );
      return undefined;
    }
    const picked = await pickRecord(items, {
      title: 'Supersede (1/2)',
      placeHolder: 'Decision record that is superseded',
      preselect: activePath(),
    });
    old = picked?.path ? service.index.decision(picked.path) : undefined;
  }
  if (!old) return undefined;
  let successor = options?.successor ? service.index.decision(pathOf(options.successor) ?? '') : undefined;
  let title = options?.title?.trim();
  if (options?.successor && !successor) throw new Error(`${String(options.successor)} is not a decision record`);
  if (!successor && !title) {
    const picked = await pickRecord(recordItems(service, { exclude: old.path }), {
      title: 'Supersede (2/2)',
      placeHolder: `What supersedes ${decisionLabel(old)}: a new record, or pick an existing one`,
      first: [NEW_RECORD],
    });
    if (!picked) return undefined;
    if (picked === NEW_RECORD)
      title = await askTitle(`Title of the decision that supersedes "${decisionLabel(old)}"`, notANumber);
    else successor = picked.path ? service.index.decision(picked.path) : undefined;
  }
  if (!successor && !title) return undefined;

  // The plan: both files' changes, computed before anything is written.
  const oldUri = service.uri(old.path);
  let successorUri: vscode.Uri;
  let successorLink: { number?: number; title: string; href: string };
  let created: { uri: vscode.Uri; text: string } | undefined;
  let backEdit: ((text: string) => ReturnType<typeof core.addSupersedesEdits>) | undefined;
  const backLink = (to: Decision) =>
    core.linkText({ number: old.number, title: old.title, href: relativePath(dirname(to.path), old.path) }, to.format);
  if (successor) {
    const target = successor;
    successorUri = service.uri(target.path);
    successorLink = { number: target.number, title: target.title, href: relativePath(dirname(old.path), target.path) };
    backEdit = (text) => core.addSupersedesEdits(target.path, text, backLink(target));
  } else {
    created = await planDecision(deps, old.folder, title!, core.successorFormat(old, service.index.decisions()), old);
    successorUri = created.uri;
    const number = core.numberFromFileName(basename(created.uri.path))?.number;
    successorLink = { number, title: title!, href: relativePath(dirname(old.path), created.uri.path) };
  }
  const newStatus = core.supersededStatus(successorLink, old.format);
  const successorName = successor ? decisionLabel(successor) : `${basename(successorUri.path).replace(/\.md$/, '')}`;
  if (options === undefined) {
    const detail = [
      `${basename(old.path)}: status "${statusDisplay(old.statusText) || 'none'}" becomes "${newStatus}".`,
      successor
        ? `${basename(successor.path)}: gets the line "Supersedes ${backLink(successor)}".`
        : `${basename(successorUri.path)}: a new record, status Proposed, that says it supersedes ${decisionLabel(old)}.`,
    ].join('\n');
    const answer = await vscode.window.showInformationMessage(
      `Supersede ${decisionLabel(old)} with ${successorName}?`,
      { modal: true, detail },
      'Supersede',
    );
    if (answer !== 'Supersede') return undefined;
  }

  // A separate edit per file: each file's change undoes on its own, without a multi-file prompt.
  const changes: FileChange[] = [];
  if (created) {
    await createFile(created.uri, created.text);
    deps.log.info(`Created ${created.uri.path}`);
    changes.push({ uri: created.uri, before: undefined, after: created.text });
  } else if (backEdit) {
    const change = await applyTextEdits(successorUri, backEdit);
    if (change) changes.push(change);
  }
  const oldChange = await applyTextEdits(oldUri, (text) => core.setStatusEdits(old.path, text, newStatus));
  if (oldChange) changes.push(oldChange);
  deps.lastEdit.done({
    summary: `${decisionLabel(old)} is superseded by ${successor ? decisionLabel(successor) : title}`,
    changes,
    focus: successorUri,
  });
  return successorUri;
}
