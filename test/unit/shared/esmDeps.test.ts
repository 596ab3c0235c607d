import * as assert from 'node:assert/strict';
import { CommitParser } from 'conventional-commits-parser';

describe('ESM-only dependencies', () => {
  it('load in unit tests as they do in the bundles', () => {
    const commit = new CommitParser().parse('feat(api): add v2');
    assert.equal(commit.type, 'feat');
    assert.equal(commit.scope, 'api');
  });
});
