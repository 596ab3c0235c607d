import * as assert from 'node:assert/strict';
import { DEFAULT_START, onDuty, parseTeam, type Team } from '../../../src/core/docs/rotation';

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

  it('a team file with only people: weekly turns counted from Monday 1 Jan 2001, in list order', () => {
    const parsed = parseTeam('people:\n  - ada@example.com\n  - grace@example.com\n  - linus@example.com\n');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.team?.start, DEFAULT_START);
    assert.equal(parsed.team?.period, 'week');
    // Mon 16 Nov 2026 is 1,350 weeks after Mon 1 Jan 2001: 1350 mod 3 = 0, the first person.
    const week = (iso: string) => onDuty(parsed.team!, Date.parse(iso), 'UTC');
    assert.deepEqual(week('2026-11-18T12:00:00Z'), {
      person: { email: 'ada@example.com', github: undefined, name: undefined },
      start: '2026-11-16',
      end: '2026-11-22',
    });
    assert.equal(week('2026-11-23T12:00:00Z')?.person.email, 'grace@example.com');
    // An empty start is the same as none; a wrong one is still an error.
    assert.equal(parseTeam('people: [a@x.io]\nduty:\n  start:\n').team?.start, DEFAULT_START);
    assert.deepEqual(parseTeam('people: [a@x.io]\nduty:\n  start: soon\n').problems, [
      'duty.start must be a date written yyyy-mm-dd (or left out).',
    ]);
  });

  it('says what is wrong, one line per field', () => {
    assert.deepEqual(
      parseTeam('people: []\nduty: {period: monthly, start: 2026-02-30}\nweekStartsOn: Funday\ntimeZone: Mars/Base\n')
        .problems,
      [
        'people must list at least one person (email, optional github and name).',
        'duty.period must be week or sprint, not "monthly".',
        'duty.start must be a date written yyyy-mm-dd (or left out).',
        'weekStartsOn must be a day name (monday … sunday), not "Funday".',
        'timeZone "Mars/Base" is not an IANA time zone (like Europe/Berlin).',
      ],
    );
    // Problems with the whole file do not repeat its name: callers print them after its path.
    assert.match(parseTeam('people: [').problems[0], /^not valid YAML \(line 1: [^\n]+\); it was not read\.$/);
    const laughs = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...['b', 'c', 'd'].map((k, i) => `${k}: &${k} [${`*${'abc'[i]}, `.repeat(8)}*${'abc'[i]}]`),
    ];
    assert.match(parseTeam(laughs.join('\n')).problems[0] ?? '', /^cannot be read: .*alias/i);
    // Nesting deeper than a team file needs is refused before the parser recurses (5,000 `[` overflowed it).
    assert.deepEqual(parseTeam('people:\n  - ' + '['.repeat(5000)).problems, [
      'not valid YAML (line 2: it nests too deeply or holds too many values); it was not read.',
    ]);
  });
});
