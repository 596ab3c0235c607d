import * as assert from 'node:assert/strict';
import {
  focusStatus,
  mayEndSnooze,
  mayRestoreStatus,
  needsSync,
  NO_STATUS,
  slackTarget,
  snoozeMinutes,
  statusText,
  statusToRestore,
} from '../../../src/core/slack/focus';
import { channelName, isChannelId, problemOf, splitMrkdwn } from '../../../src/core/slack/messages';

const T0 = Date.UTC(2026, 10, 23, 9, 0);
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('Slack: status text and durations', () => {
  it('fills {end} and keeps Slack’s 100 characters', () => {
    assert.equal(statusText('Focusing until {end}', T0 + 50 * 60_000, hhmm), 'Focusing until 09:50');
    assert.equal(statusText('Heads down', T0, hhmm), 'Heads down');
    assert.equal([...statusText('🎧'.repeat(150), T0, hhmm)].length, 100);
  });

  it('expires the status with the block (rounded up to a second)', () => {
    const status = focusStatus({ statusText: 'until {end}', statusEmoji: ' :headphones: ' }, T0 + 1500, hhmm);
    assert.deepEqual(status, { text: 'until 09:00', emoji: ':headphones:', expiration: Math.ceil((T0 + 1500) / 1000) });
  });

  it('snoozes for whole minutes, at least one', () => {
    assert.equal(snoozeMinutes(50 * 60_000), 50);
    assert.equal(snoozeMinutes(49 * 60_000 + 1), 50);
    assert.equal(snoozeMinutes(0), 1);
    assert.equal(snoozeMinutes(-5), 1);
  });

  it('targets the block end while it runs, nothing while paused or over', () => {
    const block = { id: 'b1' };
    assert.deepEqual(slackTarget({ phase: 'focus', endsAt: T0, block }, 'b1'), { set: true, until: T0 });
    assert.deepEqual(slackTarget({ phase: 'paused', block }, 'b1'), { set: false });
    assert.deepEqual(slackTarget({ phase: 'idle' }, 'b1'), { set: false });
    assert.equal(needsSync({ mode: 'dnd', appliedUntil: T0 }, { set: true, until: T0 }), false);
    assert.equal(needsSync({ mode: 'dnd', appliedUntil: T0 }, { set: true, until: T0 + 1 }), true);
    assert.equal(needsSync({ mode: 'dnd', appliedUntil: T0 }, { set: false }), true);
    assert.equal(needsSync({ mode: 'dnd' }, { set: false }), false);
  });
});

describe('Slack: undo rules', () => {
  const set = { text: 'Focusing until 09:50', emoji: ':headphones:', expiration: T0 / 1000 + 3000 };
  const mine = { text: 'In a meeting', emoji: ':calendar:', expiration: 0 };

  it('restores the previous status only while the status is still the one Cadence set', () => {
    assert.equal(mayRestoreStatus(set, set, T0), true);
    assert.equal(mayRestoreStatus(mine, set, T0), false, 'the user changed it meanwhile: leave it');
    assert.equal(mayRestoreStatus(NO_STATUS, set, T0), false, 'the user cleared it mid-block: leave it');
  });

  it('restores after Slack cleared Cadence’s status at its expiry (the block ran out)', () => {
    assert.equal(mayRestoreStatus(NO_STATUS, set, set.expiration * 1000), true);
    assert.equal(mayRestoreStatus(NO_STATUS, set, (set.expiration - 60) * 1000), true);
  });

  it('does not restore a previous status that has expired meanwhile', () => {
    const until = { ...mine, expiration: T0 / 1000 + 600 };
    assert.deepEqual(statusToRestore(until, T0), until);
    assert.deepEqual(statusToRestore(until, T0 + 600_000), NO_STATUS);
    assert.deepEqual(statusToRestore(mine, T0 + 10 * 86_400_000), mine);
  });

  it('ends only a snooze Cadence started, still on, ending when Cadence said', () => {
    const until = T0 / 1000 + 3000;
    assert.equal(mayEndSnooze(true, { snoozeEnabled: true, snoozeEndtime: until }, until), true);
    assert.equal(mayEndSnooze(true, { snoozeEnabled: true, snoozeEndtime: until + 60 }, until), true);
    assert.equal(
      mayEndSnooze(false, { snoozeEnabled: true, snoozeEndtime: until }, until),
      false,
      'the user had it on',
    );
    assert.equal(mayEndSnooze(true, { snoozeEnabled: false }, until), false, 'the user ended it');
    assert.equal(
      mayEndSnooze(true, { snoozeEnabled: true, snoozeEndtime: until + 7200 }, until),
      false,
      'reset by the user',
    );
  });
});

describe('Slack: messages', () => {
  const section = (title: string, lines: number, width = 60) =>
    [`*${title}*`, '', ...Array.from({ length: lines }, (_, i) => `• ${String(i).padEnd(width, 'x')}`)].join('\n');

  it('keeps a short draft in one message', () => {
    const text = `${section('Shipped', 3)}\n\n${section('Next', 2)}\n`;
    assert.deepEqual(splitMrkdwn(text), [text.trim()]);
  });

  it('splits a long draft at section boundaries, each part within the limit, nothing lost', () => {
    const sections = ['Shipped', 'In progress', 'Blockers', 'Focus'].map((t) => section(t, 20));
    const text = sections.join('\n\n');
    const parts = splitMrkdwn(text, 2_000);
    assert.ok(parts.length > 1);
    for (const part of parts) assert.ok(part.length <= 2_000, `${part.length}`);
    for (const part of parts) assert.match(part, /^\*[^*]+\*$/m);
    assert.ok(
      parts.every((p) => p.startsWith('*')),
      'every part starts at a heading',
    );
    assert.equal(parts.join('\n\n').replace(/\n+/g, '\n'), text.replace(/\n+/g, '\n'));
  });

  it('cuts a section longer than the limit at line ends, and a single huge line anywhere', () => {
    const parts = splitMrkdwn(section('Shipped', 200), 1_000);
    assert.ok(parts.length > 10);
    for (const part of parts) assert.ok(part.length <= 1_000);
    const huge = splitMrkdwn('y'.repeat(2_500), 1_000);
    assert.deepEqual(
      huge.map((p) => p.length),
      [1_000, 1_000, 500],
    );
    assert.deepEqual(splitMrkdwn('\n \n'), []);
  });

  it('reads channels and error codes', () => {
    assert.equal(channelName('#team-updates'), 'team-updates');
    assert.equal(isChannelId('C0123ABCD'), true);
    assert.equal(isChannelId('team-updates'), false);
    assert.equal(problemOf('token_revoked'), 'revoked');
    assert.equal(problemOf('invalid_auth'), 'invalidAuth');
    assert.equal(problemOf('missing_scope'), 'missingScope');
    assert.equal(problemOf('ratelimited'), 'rateLimited');
  });
});
