import * as assert from 'node:assert/strict';
import { supersededDescription } from '../../../src/core/docs/status';

describe('a superseded record in the Decisions tree', () => {
  it('reads "Superseded by 16", with the earlier status when the record still names it', () => {
    const successor = { number: 16, title: 'Use a managed PostgreSQL service' };
    assert.equal(
      supersededDescription('Superseded by [16. Use a managed PostgreSQL service](0016-x.md)', [successor]),
      'Superseded by 16',
    );
    assert.equal(
      supersededDescription('Accepted, superseded by ADR-0016', [successor]),
      'Superseded by 16 · was Accepted',
    );
    assert.equal(supersededDescription('superseded', [{ title: 'Event sourcing' }]), 'Superseded by Event sourcing');
    // No known successor: the status as written.
    assert.equal(supersededDescription('Superseded by [16](x.md)', []), 'Superseded by 16');
  });
});
