import * as assert from 'node:assert/strict';
import { onDuty, parseTeam, type Team } from '../../../src/core/docs/rotation';

function team(text: string): Team {
  const parsed = parseTeam(text);
  assert.deepEqual(parsed.problems, []);
  assert.ok(parsed.team);
  return parsed.team;
}

const weekly = (extra = ''): string =>
  `people:\n  - email: Ada@example.com\n    name: Ada\n  - email: grace@example.com\nduty:\n  period: week\n  start: 2026-12-21\n${extra}`;

describe('documentation duty rotation', () => {
  it('turns over at the week start in the team zone, across a year boundary', () => {
    const berlin = team(weekly('timeZone: Europe/Berlin\n'));
    // Sun 3 Jan 2027 23:30 UTC is already Monday 4 Jan in Berlin: the third week, Ada again.
    const now = Date.parse('2027-01-03T23:30:00Z');
    assert.deepEqual(onDuty(berlin, now, 'UTC'), {
      person: { email: 'ada@example.com', name: 'Ada', github: undefined },
      start: '2027-01-04',
      end: '2027-01-10',
    });
    // Without a zone in the file, the user's: still Sunday in UTC, Grace's week across New Year.
    const local = team(weekly());
    assert.deepEqual(onDuty(local, now, 'UTC'), {
      person: { email: 'grace@example.com', name: undefined, github: undefined },
      start: '2026-12-28',
      end: '2027-01-03',
    });
  });

  it('honours weekStartsOn and sprint lengths', () => {
    const sunday = team(weekly('weekStartsOn: Sunday\n'));
    const turn = onDuty(sunday, Date.parse('2027-01-03T12:00:00Z'), 'UTC');
    assert.equal(turn?.start, '2027-01-03');
    assert.equal(turn?.end, '2027-01-09');
    const sprint = team(
      'people: [a@x.io, b@x.io, c@x.io]\nduty:\n  period: sprint\n  sprintWeeks: 3\n  start: 2026-11-04\n',
    );
    // The first sprint starts on the Monday of the start date's week: 2 Nov, 21 days.
    assert.deepEqual(onDuty(sprint, Date.parse('2026-11-22T12:00:00Z'), 'UTC'), {
      person: { email: 'a@x.io', github: undefined, name: undefined },
      start: '2026-11-02',
      end: '2026-11-22',
    });
    assert.equal(onDuty(sprint, Date.parse('2026-11-23T12:00:00Z'), 'UTC')?.person.email, 'b@x.io');
    assert.equal(onDuty(sprint, Date.parse('2027-01-04T12:00:00Z'), 'UTC')?.person.email, 'a@x.io');
  });

  it('has nobody on duty before the rotation starts', () => {
    assert.equal(onDuty(team(weekly()), Date.parse('2026-12-20T12:00:00Z'), 'UTC'), undefined);
  });

  it('says what is wrong, one line per field', () => {
    assert.deepEqual(
      parseTeam('people: []\nduty: {period: monthly, start: 2026-02-30}\nweekStartsOn: Funday\ntimeZone: Mars/Base\n')
        .problems,
      [
        'people must list at least one person (email, optional github and name).',
        'duty.period must be week or sprint, not "monthly".',
        'duty.start must be a date written yyyy-mm-dd.',
        'weekStartsOn must be a day name (monday … sunday), not "Funday".',
        'timeZone "Mars/Base" is not an IANA time zone (like Europe/Berlin).',
      ],
    );
    assert.match(parseTeam('people: [').problems[0], /^\.cadence\/team\.yml is not valid YAML/);
    assert.match(parseTeam('a: &a [*a, *a]\n' + 'b: *a\n'.repeat(50)).problems[0] ?? '', /team\.yml/);
  });
});
