// Each feature's settings table (names, defaults, limits in one place) against package.json's
// contributes.configuration: the same keys, defaults, enums and ranges, and the reader applying them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FOCUS_SETTINGS } from '../../../src/core/focus/settings';
import { readSetting, readTable, type SettingSpec, type SettingsTable } from '../../../src/core/settings';
import { SLACK_SETTINGS } from '../../../src/core/slack/settings';
import { WEEKLY_SETTINGS } from '../../../src/core/weekly/settings';
import { DOCS_SETTINGS } from '../../../src/shared/docsSettings';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

interface Declared {
  type: string;
  default: unknown;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  items?: { type?: string; enum?: string[] };
}
const declared: Record<string, Declared> = Object.assign(
  {},
  ...[manifest.contributes.configuration].flat().map((section: { properties: object }) => section.properties),
);

const TABLES: Record<string, SettingsTable> = {
  'cadence.focus': FOCUS_SETTINGS,
  'cadence.weekly': WEEKLY_SETTINGS,
  'cadence.docs': DOCS_SETTINGS,
  'cadence.slack': SLACK_SETTINGS,
};

const sorted = (list: readonly string[] | undefined) => (list ? [...list].sort() : undefined);

function jsonType(spec: SettingSpec): string {
  if (spec.type === 'object') return 'object';
  return spec.type === 'strings' || spec.type === 'json' ? 'array' : spec.type;
}

describe('settings tables', () => {
  it('group the settings into Focus, Weekly update and Decision records sections, in that order', () => {
    const sections = manifest.contributes.configuration as { title: string; properties: Record<string, unknown> }[];
    assert.ok(Array.isArray(sections));
    assert.deepEqual(
      sections.map((section) => section.title),
      ['Focus', 'Weekly update', 'Decision records'],
    );
    const [focus, weekly, docs] = sections.map((section) => Object.keys(section.properties));
    assert.ok(
      focus.every((key) => /^cadence\.(focus|slack)\./.test(key)),
      focus.join(),
    );
    assert.ok(
      weekly.every((key) => /^cadence\.(weekly|slack)\./.test(key)),
      weekly.join(),
    );
    assert.ok(
      docs.every((key) => key.startsWith('cadence.docs.')),
      docs.join(),
    );
  });

  it('name no setting so that the Settings editor splits a unit ("Max File Ki B")', () => {
    for (const key of Object.keys(declared)) assert.doesNotMatch(key, /[a-z][A-Z][a-z]?[A-Z]/, key);
  });

  it('cover every cadence.* setting package.json contributes', () => {
    const covered = Object.entries(TABLES).flatMap(([prefix, table]) =>
      Object.keys(table).map((n) => `${prefix}.${n}`),
    );
    assert.deepEqual(
      Object.keys(declared).filter((key) => !covered.includes(key)),
      [],
    );
  });

  for (const [prefix, table] of Object.entries(TABLES)) {
    it(`${prefix}.* in the table are exactly the ones package.json contributes`, () => {
      const inManifest = Object.keys(declared).filter((key) => key.startsWith(`${prefix}.`));
      assert.deepEqual(
        Object.keys(table)
          .map((name) => `${prefix}.${name}`)
          .sort(),
        inManifest.sort(),
      );
    });

    it(`${prefix}.* defaults, types, enums and ranges agree with package.json`, () => {
      for (const [name, spec] of Object.entries(table)) {
        const key = `${prefix}.${name}`;
        const d = declared[key]!;
        assert.equal(d.type, jsonType(spec), `${key} type`);
        assert.deepEqual(d.default, spec.default, `${key} default`);
        if (spec.type === 'strings') {
          assert.equal(d.items?.type, 'string', `${key} items`);
          assert.deepEqual(sorted(d.items?.enum), sorted(spec.enum), `${key} item enum`);
        }
        if (spec.type === 'string') {
          assert.deepEqual(sorted(d.enum), sorted(spec.enum), `${key} enum`);
          assert.equal(d.maxLength, spec.maxLength, `${key} maxLength`);
        }
        if (spec.type === 'integer' || spec.type === 'number') {
          assert.equal(d.minimum, spec.minimum, `${key} minimum`);
          assert.equal(d.maximum, spec.maximum, `${key} maximum`);
        }
      }
    });
  }
});

describe('the settings reader', () => {
  it('falls back to the default for a wrong type and clamps numbers to the declared range', () => {
    const values = readTable(FOCUS_SETTINGS, (name) => ({ blockMinutes: 9999, breakMinutes: 'ten', breaks: 1 })[name]);
    assert.equal(values.blockMinutes, 480);
    assert.equal(values.breakMinutes, 10);
    assert.equal(values.breaks, true);
    assert.equal(readSetting(WEEKLY_SETTINGS.repoSearchDepth, -3), 0);
  });

  it('keeps only enum members (any case) and non-empty trimmed strings', () => {
    assert.equal(readSetting(WEEKLY_SETTINGS.weekStartsOn, 'Sunday'), 'sunday');
    assert.equal(readSetting(WEEKLY_SETTINGS.weekStartsOn, 'someday'), 'monday');
    assert.deepEqual(readSetting(WEEKLY_SETTINGS.workDays, ['Monday', 'funday', ' ']), ['monday']);
    assert.deepEqual(readSetting(DOCS_SETTINGS.decisionGlobs, [' adr/**/*.md ', '', 3]), ['adr/**/*.md']);
    assert.deepEqual(readSetting(DOCS_SETTINGS.decisionGlobs, 'adr'), []);
  });
});
