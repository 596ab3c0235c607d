// cadence.docs.diagnostics: the levels the language server, the sidebar and `cadence docs --strict` apply.
import * as assert from 'node:assert/strict';
import { isSerious, leveled, problemLevel, readDiagnosticLevels } from '../../../src/core/docs/levels';

describe('diagnostic levels', () => {
  it('defaults: an overdue runbook is information, a duplicate number a warning, others their own', () => {
    const levels = readDiagnosticLevels(undefined);
    assert.equal(problemLevel(levels, 'stale-runbook', 'warning'), 'information');
    assert.equal(problemLevel(levels, 'duplicate-number', 'error'), 'warning');
    assert.equal(problemLevel(levels, 'missing-status', 'warning'), 'warning');
    assert.equal(problemLevel(levels, 'broken-supersede', 'error'), 'error');
    assert.equal(problemLevel(levels, 'drift', 'info'), 'information');
  });

  it("takes the user's levels in any case over the defaults, and drops what is not a level", () => {
    const levels = readDiagnosticLevels({
      'stale-runbook': 'Warning',
      'missing-section': 'hint',
      'number-mismatch': 'off',
      'duplicate-number': 'loud',
      'unknown-status': 3,
      ' ': 'error',
    });
    assert.equal(problemLevel(levels, 'stale-runbook', 'warning'), 'warning');
    assert.equal(problemLevel(levels, 'missing-section', 'warning'), 'hint', 'a code added later still applies');
    assert.equal(problemLevel(levels, 'duplicate-number', 'error'), 'warning', 'default kept');
    assert.equal(problemLevel(levels, 'unknown-status', 'warning'), 'warning');
    assert.deepEqual(readDiagnosticLevels(['off']), readDiagnosticLevels(undefined));
    // Not fooled by inherited names.
    assert.equal(problemLevel(readDiagnosticLevels({}), 'toString', 'error'), 'error');
  });

  it('leaves off codes out, and counts only errors and warnings as serious', () => {
    const levels = readDiagnosticLevels({ 'number-mismatch': 'off' });
    const problems = leveled(levels, [
      { code: 'number-mismatch', severity: 'warning' },
      { code: 'stale-runbook', severity: 'warning' },
      { code: 'duplicate-number', severity: 'error' },
    ] as const);
    assert.deepEqual(
      problems.map((p) => [p.code, p.level]),
      [
        ['stale-runbook', 'information'],
        ['duplicate-number', 'warning'],
      ],
    );
    assert.deepEqual(
      problems.filter((p) => isSerious(p.level)).map((p) => p.code),
      ['duplicate-number'],
    );
  });
});
