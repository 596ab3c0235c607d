// Slashed dates (`05/02/2018`) are read as the other records of their folder write dates.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type DocsJson, docsCommand } from '../../../src/cli/docs';
import { parseDate, slashEvidence } from '../../../src/core/docs/dates';
import { DocsIndex } from '../../../src/core/docs/docsIndex';
import type { CodeAction, Hover } from 'vscode-languageserver/node';
import { pathToUri } from '../../../src/server/uris';
import { capture } from '../cliIo';
import { inProcessServer } from '../server/lspClient';
import { clock } from './fixtures';

const folder = '/w/doc/adr';

/** A MADR 2 record numbered `n` dated as written (line 3, 0-based). */
function record(n: number, date: string): string {
  return `# ${n}. Record ${n}\n\n* Status: accepted\n* Date: ${date}\n`;
}

function name(n: number): string {
  return `${String(n).padStart(4, '0')}-record-${n}.md`;
}

/** An index over `dates` as records 1, 2, … of one folder. */
function indexOf(dates: string[], where = folder): DocsIndex {
  const index = new DocsIndex({ clock });
  dates.forEach((date, i) => index.setDecision(`${where}/${name(i + 1)}`, record(i + 1, date), where));
  return index;
}

function dateOf(index: DocsIndex, n: number, where = folder): string | undefined {
  return index.decision(`${where}/${name(n)}`)?.date;
}

function ambiguous(index: DocsIndex): { file: string; line: number; severity: string; message: string }[] {
  return index
    .problems()
    .filter((p) => p.code === 'ambiguous-date')
    .map((p) => ({ file: path.posix.basename(p.path), line: p.line, severity: p.severity, message: p.message }));
}

describe('dates read as their folder writes them', () => {
  it('reads a slashed date day first or month first, the number over 12 always the day', () => {
    assert.equal(parseDate('05/02/2018'), '2018-05-02');
    assert.equal(parseDate('05/02/2018', 'dayFirst'), '2018-02-05');
    assert.equal(parseDate('13/02/2018', 'monthFirst'), '2018-02-13');
    assert.equal(parseDate('02/13/2018', 'dayFirst'), '2018-02-13');
    assert.equal(slashEvidence('13/02/2018'), 'dayFirst');
    assert.equal(slashEvidence('02/13/2018'), 'monthFirst');
    assert.equal(slashEvidence('05/02/2018 (revised)'), 'ambiguous');
    for (const notEvidence of ['03/03/2020', '31/02/2018', '02/31/2018', '00/05/2018', '2018-05-02', '05.02.2018']) {
      assert.equal(slashEvidence(notEvidence), undefined, notEvidence);
    }
  });

  it('reads 05/02/2018 as 5 February when a sibling has a day over 12 first (13/02/2018)', () => {
    const index = indexOf(['05/02/2018', '13/02/2018']);
    assert.equal(dateOf(index, 1), '2018-02-05');
    assert.equal(dateOf(index, 2), '2018-02-13');
    assert.deepEqual(ambiguous(index), []);
  });

  it('reads dashed dates (05-02-2018) as slashed ones, settled by the same siblings', () => {
    assert.equal(parseDate('05-02-2018'), '2018-05-02');
    assert.equal(parseDate('13-02-2018'), '2018-02-13');
    assert.equal(slashEvidence('13-02-2018'), 'dayFirst');
    assert.equal(slashEvidence('05-02/2018'), undefined);
    const index = indexOf(['05-02-2018', '13/02/2018']);
    assert.equal(dateOf(index, 1), '2018-02-05');
    assert.deepEqual(ambiguous(index), []);
    assert.equal(ambiguous(indexOf(['05-02-2018']))[0]?.file, name(1));
  });

  it('reads a two-digit year as this century, day and month as any slashed date (08/01/24)', () => {
    assert.equal(parseDate('08/01/24'), '2024-08-01');
    assert.equal(parseDate('08/01/24', 'dayFirst'), '2024-01-08');
    assert.equal(parseDate('13/02/24'), '2024-02-13');
    assert.equal(slashEvidence('08/01/24'), 'ambiguous');
    assert.equal(parseDate('08/01/245'), undefined);
  });

  it('reads 05/02/2018 as 2 May when a sibling has a day over 12 second (02/13/2018)', () => {
    const index = indexOf(['05/02/2018', '02/13/2018']);
    assert.equal(dateOf(index, 1), '2018-05-02');
    assert.deepEqual(ambiguous(index), []);
  });

  it('reports each date no record settles, on its line, naming both readings; reads it month first', () => {
    const index = indexOf(['05/02/2018', '11/12/2019', '03/03/2020', '2018-05-02']);
    assert.equal(dateOf(index, 1), '2018-05-02');
    assert.equal(dateOf(index, 2), '2019-11-12');
    assert.equal(dateOf(index, 3), '2020-03-03');
    assert.deepEqual(ambiguous(index), [
      {
        file: name(1),
        line: 3,
        severity: 'info',
        message:
          '05/02/2018 could be 2 May or 5 February 2018; no record of this folder has a day over 12 to settle it, ' +
          'so it is read month first (2 May 2018). Write 2018-05-02 or 2018-02-05 (ISO) to say which.',
      },
      {
        file: name(2),
        line: 3,
        severity: 'info',
        message:
          '11/12/2019 could be 12 November or 11 December 2019; no record of this folder has a day over 12 to ' +
          'settle it, so it is read month first (12 November 2019). Write 2019-11-12 or 2019-12-11 (ISO) to say which.',
      },
    ]);
  });

  it('reports nothing in a folder of ISO dates and dates with month names', () => {
    const index = indexOf(['2018-05-02', '2019-01-12', 'Nov 11, 2024', '5 February 2018']);
    assert.deepEqual(ambiguous(index), []);
    assert.deepEqual(
      index.decisions().map((d) => d.date),
      ['2018-05-02', '2019-01-12', '2024-11-11', '2018-02-05'],
    );
  });

  it('reads a folder that writes both ways as most of its dates are, and warns on each unsettled date', () => {
    const index = indexOf(['05/02/2018', '13/02/2018', '25/12/2018', '02/13/2018', '14/01/2019']);
    assert.equal(dateOf(index, 1), '2018-02-05');
    assert.equal(dateOf(index, 4), '2018-02-13', 'a date settled by itself keeps its reading');
    assert.deepEqual(ambiguous(index), [
      {
        file: name(1),
        line: 3,
        severity: 'warning',
        message:
          '05/02/2018 could be 2 May or 5 February 2018; this folder writes dates both day first ' +
          `(13/02/2018 in ${name(2)}) and month first (02/13/2018 in ${name(4)}), so it is read day first ` +
          'as most of them are (5 February 2018). Write 2018-02-05 or 2018-05-02 (ISO) to say which.',
      },
    ]);
    // A tie keeps the month-first reading.
    const tie = indexOf(['05/02/2018', '13/02/2018', '02/13/2018']);
    assert.equal(dateOf(tie, 1), '2018-05-02');
    assert.match(ambiguous(tie)[0].message, /so it is read month first as half of them are \(2 May 2018\)/);
  });

  it('follows edits, additions and removals in either order, and only within the folder', () => {
    const index = indexOf(['05/02/2018', '06/07/2018']);
    assert.equal(dateOf(index, 1), '2018-05-02');
    // Another folder's day-first date settles nothing here.
    index.setDecision(`/w/other/${name(1)}`, record(1, '13/02/2018'), '/w/other');
    assert.equal(dateOf(index, 1), '2018-05-02');
    assert.equal(ambiguous(index).length, 2);
    // A sibling added later settles the dates read before it.
    index.setDecision(`${folder}/${name(3)}`, record(3, '13/02/2018'), folder);
    assert.deepEqual([dateOf(index, 1), dateOf(index, 2)], ['2018-02-05', '2018-07-06']);
    assert.deepEqual(ambiguous(index), []);
    // An edit of the settling date to month first flips the folder.
    index.setDecision(`${folder}/${name(3)}`, record(3, '02/13/2018'), folder);
    assert.deepEqual([dateOf(index, 1), dateOf(index, 2)], ['2018-05-02', '2018-06-07']);
    assert.deepEqual(ambiguous(index), []);
    // A record added after the evidence is read by it at once.
    index.setDecision(`${folder}/${name(4)}`, record(4, '01/02/2019'), folder);
    assert.equal(dateOf(index, 4), '2019-01-02');
    // Removing the evidence leaves the dates unsettled again: reported, read month first.
    index.remove(`${folder}/${name(3)}`);
    assert.deepEqual(
      [dateOf(index, 1), dateOf(index, 2), dateOf(index, 4)],
      ['2018-05-02', '2018-06-07', '2019-01-02'],
    );
    assert.deepEqual(
      ambiguous(index).map((p) => p.file),
      [name(1), name(2), name(4)],
    );
    // Rebuilt from scratch in another order, the index says the same.
    const fresh = new DocsIndex({ clock });
    for (const d of [...index.decisions()].reverse())
      fresh.setDecision(d.path, record(d.number ?? 0, d.dateText ?? ''), d.folder);
    assert.deepEqual(
      fresh.decisions().map((d) => [d.path, d.date]),
      index.decisions().map((d) => [d.path, d.date]),
    );
  });

  it('reports a date in front matter or a table on its own line', () => {
    const index = new DocsIndex({ clock });
    index.setDecision(`${folder}/${name(1)}`, '---\nstatus: accepted\ndate: 05/02/2018\n---\n# Use X\n', folder);
    index.setDecision(
      `${folder}/${name(2)}`,
      '# 2. Use Y\n\n| Status | Date |\n| --- | --- |\n| Accepted | 06/07/2018 |\n',
      folder,
    );
    assert.deepEqual(
      ambiguous(index).map((p) => [p.file, p.line]),
      [
        [name(1), 2],
        [name(2), 4],
      ],
    );
  });

  it('gives the folder reading to `cadence docs --format json`, with the problem', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-dates-'));
    const adr = path.join(root, 'doc', 'adr');
    const us = path.join(root, 'us', 'decisions');
    fs.mkdirSync(adr, { recursive: true });
    fs.mkdirSync(us, { recursive: true });
    fs.writeFileSync(path.join(adr, name(1)), record(1, '05/02/2018'));
    fs.writeFileSync(path.join(adr, name(2)), record(2, '13/02/2018'));
    fs.writeFileSync(path.join(us, name(1)), record(1, '05/02/2018'));
    try {
      const { out, io } = capture();
      assert.equal(await docsCommand(clock).run([root, '--format', 'json', '--no-git'], io), 0);
      const json = JSON.parse(out.stdout) as DocsJson;
      assert.deepEqual(
        json.decisions.map((d) => [d.path, d.date]),
        [
          [`doc/adr/${name(1)}`, '2018-02-05'],
          [`doc/adr/${name(2)}`, '2018-02-13'],
          [`us/decisions/${name(1)}`, '2018-05-02'],
        ],
      );
      assert.deepEqual(
        json.problems.map((p) => [p.path, p.line, p.code]),
        [[`us/decisions/${name(1)}`, 4, 'ambiguous-date']],
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('the language server offers both ISO dates as quick fixes, and moves the diagnostic and the hovered date when an edit settles the folder', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-dates-lsp-'));
    const adr = path.join(root, 'doc', 'adr');
    fs.mkdirSync(adr, { recursive: true });
    const one = path.join(adr, name(1));
    const two = path.join(adr, name(2));
    const twoText = `${record(2, '06/07/2018')}\nSee [the first](${name(1)}).\n`;
    fs.writeFileSync(one, record(1, '05/02/2018'));
    fs.writeFileSync(two, twoText);
    const client = inProcessServer();
    try {
      await client.initialize([root]);
      const [unsettled] = await client.diagnosticsFor(one, (d) => d.some((x) => x.code === 'ambiguous-date'));
      assert.equal(unsettled.severity, 3, 'information');
      assert.equal(unsettled.range.start.line, 3);
      // Quick fixes (in the open file) write either ISO date over the date as written, the folder's reading first.
      client.open(one, record(1, '05/02/2018'));
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: pathToUri(one) },
        range: unsettled.range,
        context: { diagnostics: [unsettled] },
      })) as CodeAction[];
      assert.deepEqual(
        actions.map((a) => [a.title, a.edit?.changes?.[pathToUri(one)]]),
        ['2018-05-02', '2018-02-05'].map((iso, i) => [
          `Write ${['2 May', '5 February'][i]} 2018 as ${iso}`,
          [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 18 } }, newText: iso }],
        ]),
      );
      const hoverOne = async (): Promise<string> => {
        const hover = (await client.connection.sendRequest('textDocument/hover', {
          textDocument: { uri: pathToUri(two) },
          position: { line: 5, character: 'See [the first]('.length + 2 },
        })) as Hover;
        return (hover.contents as { value: string }).value;
      };
      void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: pathToUri(one) } });
      client.open(two, twoText);
      assert.match(await hoverOne(), /accepted · 2018-05-02/);
      // 06/07 becomes 16/07 in 0002: the folder writes the day first, and 0001 (closed again)
      // loses its diagnostic and reads 5 February.
      client.change(two, 2, twoText.replace('06/07/2018', '16/07/2018'));
      await client.diagnosticsFor(one, (d) => d.length === 0);
      assert.match(await hoverOne(), /accepted · 2018-02-05/);
    } finally {
      client.dispose();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
