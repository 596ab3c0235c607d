// The log is parsed chunk by chunk while git runs: however the pipe cuts the bytes (inside a record,
// inside a UTF-8 sequence, right after a NUL), the commits must be those of the whole output.
import * as assert from 'node:assert/strict';
import { LOG_FORMAT, LogParser, parseLog } from '../../../src/node/weekly/gitParse';

const SEP = '\x1f';

function record(fields: string[]): Buffer {
  return Buffer.from(fields.join(SEP), 'utf8');
}

// Three records as `git log -z --format=<LOG_FORMAT>` writes them, one with an undeclared
// Windows-1252 byte (0x93, a curly quote) that is not UTF-8.
const utf8Record = record([
  'a'.repeat(40),
  'b'.repeat(40),
  'c'.repeat(40),
  'Zoë Ærøskøbing',
  'zoe@example.com',
  '1763900000',
  'zoe@example.com',
  '1763900060',
  'feat(ui): draw the “weekly” chart 📈',
  'Body with ünïcode.\n\nCo-authored-by: Ada <ada@example.com>\n',
]);
const latin1Record = Buffer.concat([
  record(['d'.repeat(40), '', 'e'.repeat(40), 'Old', 'old@example.com', '1763800000', 'old@example.com', '1763800000']),
  Buffer.from(`${SEP}fix: the `, 'utf8'),
  Buffer.from([0x93]),
  Buffer.from(`quote${SEP}\n`, 'utf8'),
]);
const mergeRecord = record([
  'f'.repeat(40),
  `${'1'.repeat(40)} ${'2'.repeat(40)}`,
  '3'.repeat(40),
  'Bot',
  'bot@example.com',
  '1763700000',
  'bot@example.com',
  '1763700000',
  'Merge pull request #7 from acme/side',
  'with\x1fa unit separator in the body\n',
]);
const output = Buffer.concat([
  utf8Record,
  Buffer.from([0]),
  latin1Record,
  Buffer.from('\0\n'),
  mergeRecord,
  Buffer.from([0]),
]);

function chunked(bytes: Buffer, cuts: number[]) {
  const parser = new LogParser();
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    parser.push(bytes.subarray(start, cut));
    start = cut;
  }
  return parser.end();
}

describe('LogParser (git log parsed as it arrives)', () => {
  it('parses the three records of the whole output', () => {
    assert.equal(LOG_FORMAT.split('%x1f').length, 10);
    const commits = parseLog(output);
    assert.deepEqual(
      commits.map((c) => c.subject),
      ['feat(ui): draw the “weekly” chart 📈', 'fix: the “quote', 'Merge pull request #7 from acme/side'],
    );
    assert.equal(commits[0].authorName, 'Zoë Ærøskøbing');
    assert.equal(commits[0].body, 'Body with ünïcode.\n\nCo-authored-by: Ada <ada@example.com>');
    assert.deepEqual(commits[1].parents, []);
    assert.deepEqual(commits[2].parents, ['1'.repeat(40), '2'.repeat(40)]);
    assert.equal(commits[2].body, 'with\x1fa unit separator in the body');
    assert.equal(commits[0].committerDate, 1763900060_000);
  });

  it('gives the same commits whatever the chunk size, down to one byte at a time', () => {
    const whole = parseLog(output);
    for (const size of [1, 2, 3, 5, 7, 64, 100, 333]) {
      const cuts: number[] = [];
      for (let at = size; at < output.length; at += size) cuts.push(at);
      assert.deepEqual(chunked(output, cuts), whole, `chunks of ${size} bytes`);
    }
  });

  it('gives the same commits when cut at every single position (inside UTF-8 sequences, at NULs)', () => {
    const whole = parseLog(output);
    for (let at = 0; at <= output.length; at++) assert.deepEqual(chunked(output, [at]), whole, `cut at byte ${at}`);
  });

  it('returns nothing for empty output', () => {
    assert.deepEqual(new LogParser().end(), []);
  });
});
