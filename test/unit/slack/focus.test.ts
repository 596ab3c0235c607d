// Focus blocks in Slack through the shared journal: windows are SlackFocus instances over one real
// shared file, talking to the test server with the real @slack/web-api client.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  applyEvent,
  LEADER_TTL_MS,
  parseShared,
  serializeShared,
  withEpoch,
  EMPTY_SHARED,
  type SharedFocus,
} from '../../../src/core/focus/shared';
import type { FocusEvent } from '../../../src/core/focus/timer';
import { slackEntry } from '../../../src/core/slack/journal';
import { createSlackApi } from '../../../src/node/slack/client';
import { SharedFile } from '../../../src/node/focus/sharedFile';
import { SlackFocus, type FocusStore, type SlackFocusSettings } from '../../../src/node/slack/focusSlack';
import { SlackTestServer } from '../../servers/slack';

const TOKEN = 'xoxp-test-token';
const MIN = 60_000;

/** One window: its copy of the shared record, written under the file's lock. */
class TestWindow implements FocusStore {
  shared: SharedFocus = EMPTY_SHARED;
  readonly notices: string[] = [];
  readonly slack: SlackFocus;
  offsetMs = 0;
  readonly clock = { now: () => Date.now() + this.offsetMs };
  settings: SlackFocusSettings = {
    mode: 'dndAndStatus',
    statusText: 'Focusing until {end}',
    statusEmoji: ':headphones:',
  };

  constructor(
    readonly file: SharedFile<SharedFocus>,
    readonly windowId: string,
    server: SlackTestServer,
    connected = () => true,
  ) {
    this.slack = new SlackFocus({
      store: this,
      settings: () => this.settings,
      connect: async () =>
        connected() ? createSlackApi({ token: TOKEN, apiUrl: server.url, maxRetryAfterS: 1 }) : undefined,
      formatTime: (ms) => new Date(ms).toISOString().slice(11, 16),
      log: { info: () => undefined, warn: () => undefined },
      notify: (message) => this.notices.push(message),
    });
  }

  async update(mutate: (current: SharedFocus) => SharedFocus | undefined) {
    const { written, after } = await this.file.update((current) => {
      const changed = mutate(current);
      return changed && withEpoch(changed, () => 'epoch');
    });
    this.shared = after;
    return { written, after };
  }

  async refresh(): Promise<void> {
    this.shared = await this.file.read();
  }

  /** A timer event as FocusSession.dispatch writes it: the starting window leads. */
  async dispatch(event: FocusEvent): Promise<void> {
    const now = this.clock.now();
    await this.update((current) => {
      const applied = applyEvent(current, event, now);
      if (!applied.transition.changed) return undefined;
      return applied.transition.started
        ? { ...applied.shared, leader: { windowId: this.windowId, heartbeatAt: now, focused: true } }
        : applied.shared;
    });
    await this.slack.reconcile();
  }
}

describe('focus blocks in Slack (journal, leader, undo rules)', () => {
  let server: SlackTestServer;
  let dir: string;
  let file: SharedFile<SharedFocus>;
  const window = (id: string, connected?: () => boolean) => new TestWindow(file, id, server, connected);
  const status = () => server.currentStatus();

  beforeEach(async () => {
    server = await new SlackTestServer(TOKEN).start();
    server.status = { status_text: 'Lunch', status_emoji: ':sandwich:', status_expiration: 0 };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-slack-'));
    file = new SharedFile<SharedFocus>({
      file: path.join(dir, 'focus-state.json'),
      parse: parseShared,
      serialize: serializeShared,
    });
  });
  afterEach(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sets snooze and status for the block, restores the user’s status when it stops', async () => {
    const w = window('w1');
    await w.dispatch({ type: 'start', id: 'b1', minutes: 50 });
    assert.ok(server.snooze, 'snoozed');
    assert.ok(Math.abs(server.snooze.endtime - Date.now() / 1000 - 50 * 60) < 65);
    assert.match(status().status_text, /^Focusing until \d\d:\d\d$/);
    assert.equal(status().status_emoji, ':headphones:');
    assert.equal(status().status_expiration, Math.ceil(w.shared.timer.endsAt! / 1000));
    const entry = slackEntry(w.shared, 'b1')!;
    assert.deepEqual(entry.slack?.previous, { text: 'Lunch', emoji: ':sandwich:', expiration: 0 });

    await w.dispatch({ type: 'stop' });
    assert.equal(server.snooze, undefined, 'snooze ended');
    assert.deepEqual(status(), { status_text: 'Lunch', status_emoji: ':sandwich:', status_expiration: 0 });
    assert.ok(slackEntry(w.shared, 'b1')!.undoneAt);
    await w.slack.reconcile();
    assert.equal(server.callsTo('dnd.endSnooze').length, 1, 'undone once');
    assert.deepEqual(w.notices, []);
  });

  it('pause takes it back, resume and extend set it again for the new end', async () => {
    const w = window('w1');
    await w.dispatch({ type: 'start', id: 'b1', minutes: 30 });
    await w.dispatch({ type: 'pause' });
    assert.equal(server.snooze, undefined);
    assert.equal(status().status_text, 'Lunch');
    await w.dispatch({ type: 'resume' });
    const snooze = () => server.snooze?.endtime ?? 0;
    assert.ok(snooze() > 0);
    assert.match(status().status_text, /^Focusing until/);
    const before = snooze();
    await w.dispatch({ type: 'extend', minutes: 15 });
    assert.ok(snooze() - before >= 14 * 60, 'snooze extended');
    assert.equal(status().status_expiration, Math.ceil(w.shared.timer.endsAt! / 1000));
    await w.dispatch({ type: 'stop' });
    assert.equal(status().status_text, 'Lunch');
    assert.equal(server.snooze, undefined);
  });

  it('leaves a status the user changed during the block, and a snooze they set again', async () => {
    const w = window('w1');
    await w.dispatch({ type: 'start', id: 'b1', minutes: 50 });
    server.status = { status_text: 'Incident!', status_emoji: ':fire:', status_expiration: 0 };
    server.snooze = { endtime: Math.floor(Date.now() / 1000) + 3 * 3600 };
    await w.dispatch({ type: 'stop' });
    assert.equal(status().status_text, 'Incident!');
    assert.ok(server.snooze, 'the user’s own snooze stays');
    assert.equal(server.callsTo('users.profile.set').length, 1, 'only Cadence’s own status was ever set');
  });

  it('never ends a snooze the user already had, and restores nothing when the user had none', async () => {
    server.snooze = { endtime: Math.floor(Date.now() / 1000) + 20 * 60 };
    server.status = { status_text: '', status_emoji: '', status_expiration: 0 };
    const w = window('w1');
    w.settings = { ...w.settings, mode: 'dnd' };
    await w.dispatch({ type: 'start', id: 'b1', minutes: 50 });
    assert.equal(server.callsTo('dnd.setSnooze').length, 0);
    assert.equal(server.callsTo('users.profile.set').length, 0, 'mode dnd sets no status');
    await w.dispatch({ type: 'stop' });
    assert.ok(server.snooze);
    assert.equal(server.callsTo('dnd.endSnooze').length, 0);
  });

  it('a crash mid-block is repaired by the next window: brought up to date, then undone once', async () => {
    const crashed = window('w1');
    await crashed.dispatch({ type: 'start', id: 'b1', minutes: 50 });
    crashed.slack.dispose();
    // The block ran out while no window was open; the next window starts later.
    const next = window('w2');
    next.offsetMs = 51 * MIN + LEADER_TTL_MS;
    await next.refresh();
    await next.dispatch({ type: 'tick' });
    assert.equal(next.shared.timer.phase, 'idle');
    assert.equal(status().status_text, 'Lunch', 'restored by the window after the crash');
    assert.equal(server.snooze, undefined);
    assert.ok(slackEntry(next.shared, 'b1')!.undoneAt);
  });

  it('two windows: only the leader calls Slack, and the undo happens once', async () => {
    const a = window('wa');
    const b = window('wb');
    await a.dispatch({ type: 'start', id: 'b1', minutes: 50 });
    await b.refresh();
    await b.slack.reconcile();
    assert.equal(server.callsTo('dnd.setSnooze').length, 1, 'the follower did not apply again');
    // The follower stops the block; both windows look; one undo.
    await b.dispatch({ type: 'stop' });
    await a.refresh();
    await Promise.all([a.slack.reconcile(), b.slack.reconcile()]);
    assert.equal(server.callsTo('dnd.endSnooze').length, 1);
    assert.equal(server.callsTo('users.profile.set').length, 2, 'one set, one restore');
    assert.equal(status().status_text, 'Lunch');
  });

  for (const [what, fail, expected] of [
    ['revoked token', () => server.tokens.set(TOKEN, 'revoked'), /revoked/],
    ['missing scope', () => (server.scopes = server.scopes.filter((s) => s !== 'users.profile:write')), /scope/],
    ['rate limit', () => server.fail('users.profile.set', { status: 429, retryAfter: 30 }), /rate-limiting/],
    ['offline', () => server.fail('users.profile.get', { hangUp: true }), /could not be reached/],
  ] as const) {
    it(`${what}: the block runs, one message, nothing left set`, async () => {
      fail();
      const w = window('w1');
      await w.dispatch({ type: 'start', id: 'b1', minutes: 50 });
      assert.equal(w.shared.timer.phase, 'focus', 'the block runs regardless');
      assert.equal(w.notices.length, 1, w.notices.join('\n'));
      assert.match(w.notices[0]!, expected);
      server.clearFailures();
      assert.equal(server.snooze, undefined, 'nothing left snoozed');
      assert.equal(status().status_text, 'Lunch', 'status as it was');
      assert.equal(slackEntry(w.shared, 'b1')!.failed, true);
      await w.dispatch({ type: 'extend', minutes: 10 });
      await w.dispatch({ type: 'stop' });
      assert.equal(w.notices.length, 1, 'said once');
    });
  }

  it('not connected: one message, no calls', async () => {
    const w = window('w1', () => false);
    await w.dispatch({ type: 'start', id: 'b1', minutes: 50 });
    assert.equal(w.notices.length, 1);
    assert.match(w.notices[0]!, /Connect Slack/);
    assert.equal(server.calls.length, 0);
  });

  it('mode off: nothing journaled, nothing called', async () => {
    const w = window('w1');
    w.settings = { ...w.settings, mode: 'off' };
    await w.dispatch({ type: 'start', id: 'b1', minutes: 50 });
    assert.equal(slackEntry(w.shared, 'b1'), undefined);
    assert.equal(server.calls.length, 0);
  });
});
