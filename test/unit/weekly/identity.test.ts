import * as assert from 'node:assert/strict';
import {
  coAuthors,
  identityKeys,
  Identity,
  isBot,
  DEFAULT_BOTS,
  parseMailmap,
  resolveMailmap,
} from '../../../src/core/weekly/identity';

describe('weekly identity', () => {
  const mailmap = parseMailmap(`
# comments and blank lines are skipped
Proper Name <commit@example.com>
<proper@example.com> <Old@Example.com>
Ada Lovelace <ada@example.com> <ada.lovelace@oldcorp.example>
Ada Lovelace <ada@example.com> Ada L <shared@example.com>
not a mailmap line
`);

  it('parses the four .mailmap forms', () => {
    assert.equal(mailmap.length, 4);
    assert.deepEqual(resolveMailmap(mailmap, 'x', 'commit@example.com'), {
      name: 'Proper Name',
      email: 'commit@example.com',
    });
    assert.equal(resolveMailmap(mailmap, 'x', 'OLD@example.com').email, 'proper@example.com');
    assert.equal(resolveMailmap(mailmap, 'Ada L', 'ada.lovelace@oldcorp.example').email, 'ada@example.com');
    // Name-qualified: only "Ada L" at the shared address is Ada.
    assert.equal(resolveMailmap(mailmap, 'Ada L', 'shared@example.com').email, 'ada@example.com');
    assert.equal(resolveMailmap(mailmap, 'Someone Else', 'shared@example.com').email, 'shared@example.com');
  });

  it('matches exact normalized emails, never names', () => {
    const me = new Identity(['Ada@Example.com '], mailmap);
    assert.equal(me.matches('Anyone', 'ada@example.com'), true);
    assert.equal(me.matches('Ada Lovelace', 'ada@example.org'), false);
    assert.equal(me.matches('Ada L', 'ada.lovelace@oldcorp.example'), true);
    assert.deepEqual(me.shown, ['ada@example.com']);
  });

  it('treats both GitHub noreply forms of one login as the same person', () => {
    assert.deepEqual(identityKeys('12345+Ada@users.noreply.github.com'), [
      '12345+ada@users.noreply.github.com',
      'github:ada',
    ]);
    const me = new Identity(['ada@users.noreply.github.com']);
    assert.equal(me.matches('Ada', '12345+ada@users.noreply.github.com'), true);
    assert.equal(me.matches('Ada', '999+adam@users.noreply.github.com'), false);
  });

  it('reads Co-authored-by trailers', () => {
    const body =
      'Body text\n\nCo-authored-by: Grace Hopper <grace@example.com>\nco-authored-by: Ada <ADA@example.com>\n';
    assert.deepEqual(coAuthors(body), [
      { name: 'Grace Hopper', email: 'grace@example.com' },
      { name: 'Ada', email: 'ADA@example.com' },
    ]);
  });

  it('recognises bots by [bot], dependabot, renovate and configured markers', () => {
    assert.equal(isBot('dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com', DEFAULT_BOTS), true);
    assert.equal(isBot('Renovate Bot', 'bot@renovateapp.com', DEFAULT_BOTS), true);
    assert.equal(isBot('Ada', 'ada@example.com', DEFAULT_BOTS), false);
    assert.equal(isBot('Release Robot', 'ci@acme.example', ['ci@acme.example']), true);
  });
});
