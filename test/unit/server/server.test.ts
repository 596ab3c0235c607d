import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  TextEdit,
} from 'vscode-languageserver/node';
import { pathToUri, uriToPath } from '../../../src/server/uris';
import { applyEdits, clock, formatsFixture } from '../docs/fixtures';
import { type TestClient, inProcessServer } from './lspClient';

/** Applies LSP edits to a text (positions → offsets), to check the resulting file. */
function applyLsp(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }): number => starts[p.line] + p.character;
  return applyEdits(
    text,
    edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText })),
  );
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

describe('language server (in process, over JSON-RPC)', () => {
  let root: string;
  let client: TestClient;
  const file = (rel: string): string => path.join(root, rel);
  const read = (rel: string): string => fs.readFileSync(file(rel), 'utf8');

  before(async () => {
    const formats = formatsFixture();
    // A private copy: one test writes a file to disk.
    root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-lsp-')), 'ws');
    fs.cpSync(formats, root, { recursive: true });
    client = inProcessServer();
    await client.initialize([
      path.join(root, 'nygard'),
      path.join(root, 'madr2'),
      path.join(root, 'madr3'),
      path.join(root, 'mixed'),
    ]);
  });

  after(() => client.dispose());

  it('publishes the index problems for an opened record: duplicate numbers, with source and code', async () => {
    const rel = 'mixed/docs/adr/0009-first.md';
    client.open(file(rel), read(rel));
    const diagnostics = await client.diagnosticsFor(file(rel), (d) => d.length > 0);
    assert.deepEqual(codes(diagnostics), ['duplicate-number']);
    const [d] = diagnostics;
    assert.equal(d.source, 'cadence');
    assert.equal(d.severity, 2, 'a warning by default (cadence.docs.diagnostics)');
    assert.equal(d.range.start.line, 0);
    assert.equal(d.range.end.character, '# 9. First of two nines'.length);
    assert.match(d.message as string, /0009-second\.md/);
  });

  it('publishes cross-file problems of files that are not open (the record that does not link back)', async () => {
    const diagnostics = await client.diagnosticsFor(file('madr2/docs/adr/0003-use-toml-for-config.md'), (d) =>
      d.some((x) => x.code === 'non-reciprocal-supersede'),
    );
    assert.equal(diagnostics[0].severity, 2);
    assert.equal(diagnostics[0].range.start.line, 2, 'on the status line');
  });

  it('completes records after "Supersedes", as a link in the folder style', async () => {
    const rel = 'nygard/doc/architecture/decisions/0004-log-decisions-in-english.md';
    const text = `${read(rel)}\nSupersedes \n`;
    client.open(file(rel), text);
    const line = text.split('\n').length - 2;
    const list = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: pathToUri(file(rel)) },
      position: { line, character: 'Supersedes '.length },
    })) as CompletionList;
    assert.equal(list.isIncomplete, true, 'the editor asks again as the user types');
    const items = list.items;
    const labels = items.map((i) => i.label);
    assert.deepEqual(labels.slice(0, 4), [
      '0001 Record architecture decisions',
      '0002 Use Flask',
      '0003 Replace Flask with Django',
      '0005 Windows line endings',
    ]);
    assert.ok(!labels.includes('0004 Log decisions in English'), 'never the record itself');
    const django = items[2];
    assert.equal(django.detail, 'Accepted');
    assert.deepEqual(django.textEdit, {
      range: { start: { line, character: 11 }, end: { line, character: 11 } },
      newText: '[3. Replace Flask with Django](0003-replace-flask-with-django.md)',
    });
    assert.equal(django.documentation, undefined, 'previews come with completionItem/resolve');
    const resolved = (await client.connection.sendRequest('completionItem/resolve', django)) as CompletionItem;
    assert.match(
      (resolved.documentation as unknown as { value: string }).value,
      /\*\*Decision:\*\* We will replace flask/,
    );
  });

  it('completes relative file names inside a link target, and other folders relatively', async () => {
    const rel = 'madr2/docs/adr/0001-use-markdown-architectural-decision-records.md';
    const text = `${read(rel)}\nSee [the TOML one](00`;
    client.open(file(rel), text);
    const lines = text.split('\n');
    const { items } = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: pathToUri(file(rel)) },
      position: { line: lines.length - 1, character: lines[lines.length - 1].length },
    })) as CompletionList;
    const toml = items.find((i) => i.label === '0003 Use TOML for configuration');
    assert.ok(toml);
    assert.equal((toml.textEdit as TextEdit).newText, '0003-use-toml-for-config.md');
    assert.equal((toml.textEdit as TextEdit).range.start.character, lines[lines.length - 1].length - 2);
    const flask = items.find((i) => i.label === '0002 Use Flask');
    assert.equal((flask?.textEdit as TextEdit).newText, '../../../nygard/doc/architecture/decisions/0002-use-flask.md');
    assert.equal(flask?.labelDetails?.description, '../../../nygard/doc/architecture/decisions');
    assert.equal(toml.labelDetails, undefined);
  });

  it('completes statuses in front matter (lower case) and in a ## Status section (capitalized)', async () => {
    const madr = 'madr3/docs/decisions/0005-no-status.md';
    const text = '---\ndate: 2024-07-01\nstatus: ac\n---\n# Nobody wrote a status\n';
    client.open(file(madr), text);
    const items = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: pathToUri(file(madr)) },
      position: { line: 2, character: 10 },
    })) as CompletionItem[];
    assert.deepEqual(
      items.map((i) => (i.textEdit as TextEdit).newText),
      ['accepted'],
    );
    assert.deepEqual((items[0].textEdit as TextEdit).range.start, { line: 2, character: 8 });
    const nygard = 'mixed/docs/adr/0006-missing-status.md';
    const nygardText = '# 6. Missing status\n\n## Status\n\n\n\n## Context\n\nNobody decided.\n';
    client.open(file(nygard), nygardText);
    const section = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: pathToUri(file(nygard)) },
      position: { line: 4, character: 0 },
    })) as CompletionItem[];
    assert.deepEqual(
      section.map((i) => i.label),
      ['Proposed', 'Accepted', 'Rejected', 'Deprecated'],
    );
  });

  it('hovers a link to another record with its preview, and goes to its definition', async () => {
    const rel = 'nygard/doc/architecture/decisions/0002-use-flask.md';
    const text = read(rel);
    client.open(file(rel), text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('Superceded by'));
    const character = lines[line].indexOf('0003');
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: pathToUri(file(rel)) },
      position: { line, character },
    })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /^\*\*0003 Replace Flask with Django\*\*\n\nAccepted · 2024-11-11/);
    assert.match(value, /\*\*Context:\*\* The context of replace flask with django\./);
    assert.deepEqual(hover.range?.start, { line, character: 'Superceded by '.length });
    const target = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: pathToUri(file(rel)) },
      position: { line, character },
    })) as Location;
    assert.equal(target.uri, pathToUri(file('nygard/doc/architecture/decisions/0003-replace-flask-with-django.md')));
    assert.equal(target.range.start.line, 0);
    const none = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: pathToUri(file(rel)) },
      position: { line: lines.findIndex((l) => l.startsWith('We will')), character: 2 },
    });
    assert.equal(none, null);
  });

  it('goes to the definition of an "ADR-2" reference within the folder', async () => {
    const rel = 'madr2/docs/adr/0003-use-toml-for-config.md';
    const text = `${read(rel)}\nThis replaces ADR-2 entirely.\n`;
    client.open(file(rel), text);
    const line = text.split('\n').length - 2;
    const target = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: pathToUri(file(rel)) },
      position: { line, character: 'This replaces AD'.length },
    })) as Location;
    assert.equal(target.uri, pathToUri(file('madr2/docs/adr/0002-use-yaml-for-config.md')));
    client.open(file(rel), read(rel));
  });

  it('outlines the headings as nested document symbols', async () => {
    const rel = 'nygard/doc/architecture/decisions/0001-record-architecture-decisions.md';
    client.open(file(rel), read(rel));
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri: pathToUri(file(rel)) },
    })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['1. Record architecture decisions'],
    );
    assert.deepEqual(
      symbols[0].children?.map((s) => s.name),
      ['Status', 'Context', 'Decision', 'Consequences'],
    );
    const status = symbols[0].children?.[0];
    assert.equal(status?.range.start.line, 4);
    assert.equal(status?.range.end.line, 7, 'the section runs to the line before the next heading');
  });

  it('offers a minimal quick fix that makes a supersede link reciprocal', async () => {
    const rel = 'madr2/docs/adr/0003-use-toml-for-config.md';
    const text = read(rel);
    client.open(file(rel), text);
    const diagnostics = await client.diagnosticsFor(file(rel), (d) =>
      d.some((x) => x.code === 'non-reciprocal-supersede'),
    );
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: pathToUri(file(rel)) },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Add "Supersedes" 0002 Use YAML for configuration');
    const edits = actions[0].edit?.changes?.[pathToUri(file(rel))] ?? [];
    assert.equal(edits.length, 1);
    assert.equal(edits[0].range.start.line, edits[0].range.end.line, 'an insertion, no rewrite');
    assert.equal(
      applyLsp(text, edits),
      text.replace(
        '* Status: accepted\n',
        '* Status: accepted\n* Supersedes: [ADR-0002](0002-use-yaml-for-config.md)\n',
      ),
    );
  });

  it('offers the same fix on the line of the record that has the link, editing the other file', async () => {
    const rel = 'madr2/docs/adr/0002-use-yaml-for-config.md';
    const text = read(rel);
    client.open(file(rel), text);
    const line = text.split('\n').findIndex((l) => l.includes('Status:'));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: pathToUri(file(rel)) },
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Add "Supersedes" 0002 Use YAML for configuration in 0003-use-toml-for-config.md'],
    );
    assert.deepEqual(Object.keys(actions[0].edit?.changes ?? {}), [
      pathToUri(file('madr2/docs/adr/0003-use-toml-for-config.md')),
    ]);
  });

  it('offers to set a status where it is missing, as a minimal edit', async () => {
    const rel = 'mixed/docs/adr/0006-missing-status.md';
    const text = read(rel);
    client.open(file(rel), text);
    const diagnostics = await client.diagnosticsFor(file(rel), (d) => d.some((x) => x.code === 'missing-status'));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: pathToUri(file(rel)) },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Set status to Proposed', 'Set status to Accepted', 'Set status to Rejected', 'Set status to Deprecated'],
    );
    const edits = actions[1].edit?.changes?.[pathToUri(file(rel))] ?? [];
    assert.equal(
      applyLsp(text, edits),
      text.replace('# 6. Missing status\n', '# 6. Missing status\n\n## Status\n\nAccepted\n'),
    );
  });

  it('a didChange that fixes one record clears the diagnostic it caused in another', async () => {
    const older = 'madr3/docs/decisions/0002-use-mongodb.md';
    const newer = file('madr3/docs/decisions/0003-back-to-postgresql.md');
    const madr1 = file('madr3/docs/decisions/0001-use-postgresql.md');
    // 0006 says it is superseded by ADR-0001, which does not say so: 0001 carries the diagnostic.
    await client.diagnosticsFor(madr1, (d) => d.some((x) => x.code === 'non-reciprocal-supersede'));
    const text = read(older);
    client.open(file(older), text);
    await client.diagnosticsFor(file(older), () => true);
    // Dropping the link from 0002 makes 0003's "Supersedes" link the only one: 0002 now lacks the back link.
    client.change(
      file(older),
      2,
      text.replace('status: "superseded by [ADR-0003](0003-back-to-postgresql.md)"', 'status: accepted'),
    );
    await client.diagnosticsFor(file(older), (d) => d.some((x) => x.code === 'non-reciprocal-supersede'));
    // Restoring it clears that again; 0003 (never opened) kept no diagnostic throughout.
    client.change(file(older), 3, text);
    await client.diagnosticsFor(file(older), (d) => d.length === 0);
    assert.deepEqual(client.diagnostics.get(pathToUri(newer)) ?? [], []);
    // Fixing 0006 (open it, drop its claim) clears the diagnostic on 0001, a file that is not open.
    const six = 'madr3/docs/decisions/0006-madr-4-superseded-by-number.md';
    client.open(file(six), read(six));
    client.change(file(six), 2, read(six).replace('superseded by ADR-0001', 'deprecated'));
    await client.diagnosticsFor(madr1, (d) => !d.some((x) => x.code === 'non-reciprocal-supersede'));
  });

  it('updates one file from a watched-file event: a new duplicate on disk', async () => {
    const dup = file('nygard/doc/architecture/decisions/0001-another-first.md');
    fs.writeFileSync(dup, '# 1. Another first\n\n## Status\n\nProposed\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToUri(dup), type: 1 }],
    });
    const diagnostics = await client.diagnosticsFor(dup, (d) => d.length > 0);
    assert.deepEqual(codes(diagnostics), ['duplicate-number']);
    fs.rmSync(dup);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToUri(dup), type: 3 }],
    });
    await client.diagnosticsFor(dup, (d) => d.length === 0);
  });
});

describe('language server: runbooks without last_reviewed_on', () => {
  const failover = (): string => path.join(formatsFixture(), 'runbooks', 'runbooks', 'db', 'failover.md');

  it('falls back to the last git change, and reports a stale runbook', async () => {
    const asked: string[][] = [];
    const client = inProcessServer({
      lastChanges: async (root, folders) => {
        asked.push([root, ...folders]);
        return new Map([[failover(), '2025-01-10']]);
      },
    });
    try {
      await client.initialize([path.join(formatsFixture(), 'runbooks')]);
      // stale-runbook is reported for open files only (cadence.docs.diagnosticsOpenFilesOnly).
      client.open(failover(), fs.readFileSync(failover(), 'utf8'));
      const diagnostics = await client.diagnosticsFor(failover(), (d) => d.length > 0);
      assert.deepEqual(codes(diagnostics), ['stale-runbook']);
      assert.match(diagnostics[0].message as string, /due for review on 2025-07-09/);
      assert.equal(asked.length, 1);
    } finally {
      client.dispose();
    }
  });

  it('runs no git when the client says not to (an untrusted workspace)', async () => {
    let asked = 0;
    const client = inProcessServer({
      lastChanges: async () => {
        asked++;
        return new Map();
      },
    });
    try {
      await client.initialize([path.join(formatsFixture(), 'runbooks')], { git: false });
      client.open(failover(), fs.readFileSync(failover(), 'utf8'));
      assert.deepEqual(await client.diagnosticsFor(failover(), () => true), []);
      assert.equal(asked, 0);
    } finally {
      client.dispose();
    }
  });
});

describe('language server: diagnostic levels (cadence.docs.diagnostics)', () => {
  const runbooks = (): string => path.join(formatsFixture(), 'runbooks');
  const stale = (): string => path.join(runbooks(), 'runbooks', 'payments', 'refund-stuck.md');
  const fresh = (): string => path.join(runbooks(), 'runbooks', 'payments', 'chargebacks.md');
  let client: TestClient;
  afterEach(() => client.dispose());

  /** Opens the fresh runbook and waits for its publication: every earlier publication has been sent. */
  async function settled(): Promise<void> {
    client.open(fresh(), fs.readFileSync(fresh(), 'utf8'));
    await client.diagnosticsFor(fresh(), () => true);
  }

  it('reports an overdue runbook only while it is open, as information, and clears it on close', async () => {
    client = inProcessServer();
    await client.initialize([runbooks()]);
    await settled();
    assert.equal(client.diagnostics.get(pathToUri(stale())), undefined, 'not for a runbook nobody opened');
    client.open(stale(), fs.readFileSync(stale(), 'utf8'));
    const [d] = await client.diagnosticsFor(stale(), (list) => list.length > 0);
    assert.equal(d.code, 'stale-runbook');
    assert.equal(d.severity, 3, 'Information');
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: pathToUri(stale()) } });
    await client.diagnosticsFor(stale(), (list) => list.length === 0);
  });

  it('reports it for every runbook when asked, at the level the user set; off is off', async () => {
    client = inProcessServer();
    await client.initialize([runbooks()], {
      diagnosticsOpenFilesOnly: [],
      diagnostics: { 'stale-runbook': 'Hint', 'duplicate-number': 'error' },
    });
    const [d] = await client.diagnosticsFor(stale(), (list) => list.length > 0);
    assert.equal(d.severity, 4, 'Hint');
    // Changed settings apply to what was already published.
    void client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { cadence: { docs: { diagnosticsOpenFilesOnly: [], diagnostics: { 'stale-runbook': 'off' } } } },
    });
    await client.diagnosticsFor(stale(), (list) => list.length === 0);
  });

  it('offers Mark Runbook Reviewed on stale-runbook: last_reviewed_on becomes today, nothing else changes', async () => {
    client = inProcessServer();
    await client.initialize([runbooks()]);
    const text = fs.readFileSync(stale(), 'utf8');
    client.open(stale(), text);
    const diagnostics = await client.diagnosticsFor(stale(), (list) => list.length > 0);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: pathToUri(stale()) },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Mark Runbook Reviewed'],
    );
    const now = new Date(clock.now());
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    const edits = actions[0].edit!.changes![pathToUri(stale())];
    assert.equal(applyLsp(text, edits), text.replace('last_reviewed_on: 2026-01-10', `last_reviewed_on: ${today}`));
  });
});

describe('language server URIs', () => {
  it('round-trips paths with spaces, # and non-ASCII through file URIs', () => {
    for (const p of ['/tmp/a b/0001-x.md', '/srv/déc#1/ADR 0002.md', '/']) assert.equal(uriToPath(pathToUri(p)), p);
    assert.equal(pathToUri('/tmp/a b/c#d.md'), 'file:///tmp/a%20b/c%23d.md');
    assert.equal(uriToPath('untitled:Untitled-1'), undefined);
  });
});
