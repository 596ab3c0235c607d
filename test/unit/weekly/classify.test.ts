import * as assert from 'node:assert/strict';
import {
  autosquashTarget,
  classify,
  classifyByParser,
  isReleaseSubject,
  isWipSubject,
  mergePr,
  revertTarget,
  sentenceCase,
  subjectPr,
} from '../../../src/core/weekly/classify';
import { commitUrl, prUrl, webUrlFromRemote } from '../../../src/core/weekly/links';

describe('weekly classification', () => {
  it('parses Conventional Commits with scope, ! and BREAKING CHANGE notes', () => {
    assert.deepEqual(classify('feat(billing)!: invoices in the customer currency'), {
      type: 'feat',
      scope: 'billing',
      breaking: true,
      title: 'invoices in the customer currency',
    });
    assert.equal(classify('fix: x', 'BREAKING CHANGE: y').breaking, true);
    assert.equal(classify('fix: x', 'BREAKING-CHANGE: y').breaking, true);
    assert.equal(classify('Feat(API): add endpoint (#41)').type, 'feat');
    // A space before the scope, as people write it.
    assert.deepEqual(classify('fix (deps): bump lodash'), {
      type: 'fix',
      scope: 'deps',
      breaking: false,
      title: 'bump lodash',
    });
    assert.equal(classify('feat (api)!: drop v1').breaking, true);
    assert.equal(subjectPr('feat(api): add /v2/invoices endpoint (#41)'), 41);
  });

  it('reads a private fork’s squash ("Merge commit from fork", GitHub security advisories) by its first squashed commit', () => {
    // sveltejs/svelte 547853e, 2026-05-14.
    const body =
      '* fix: disallow empty attribute names during SSR\n\n* Update packages/svelte/tests/main.svelte\n\nCo-authored-by: Conduitry <git@chor.date>\n';
    for (const read of [classify, classifyByParser]) {
      assert.deepEqual(read('Merge commit from fork', body), {
        type: 'fix',
        scope: null,
        breaking: false,
        title: 'disallow empty attribute names during SSR',
      });
      // With no squashed commits listed there is nothing better than the subject.
      assert.equal(read('Merge commit from fork', '').title, 'Merge commit from fork');
      assert.equal(read('fix: merge commit from fork', body).title, 'merge commit from fork');
    }
  });

  it('keeps area prefixes (git.git, kernel style) in the title unless the type is known', () => {
    assert.deepEqual(classify('refs: move creation of "refs/" into the files backend'), {
      type: null,
      scope: null,
      breaking: false,
      title: 'refs: move creation of "refs/" into the files backend',
    });
    assert.equal(classify('deploy: 1.2.0').type, null);
    assert.equal(classify('deploy: 1.2.0', '', new Set(['deploy'])).type, 'deploy');
  });

  it('keeps non-conventional subjects as they are', () => {
    assert.deepEqual(classify('Add invoice PDF export'), {
      type: null,
      scope: null,
      breaking: false,
      title: 'Add invoice PDF export',
    });
    assert.equal(subjectPr('Update README.md (#3)'), 3);
  });

  it('recognises merges, autosquash, WIP and reverts', () => {
    assert.equal(mergePr('Merge pull request #7 from acme/feat-export', ''), 7);
    assert.equal(mergePr("Merge branch 'x' into 'main'", 'See merge request acme/web!12'), 12);
    assert.equal(mergePr('Merged in feat/x (pull request #5)', ''), 5);
    assert.equal(mergePr("Merge branch 'release'", ''), null);
    assert.equal(autosquashTarget('fixup! fixup! feat: x'), 'feat: x');
    assert.equal(autosquashTarget('amend! feat: x'), 'feat: x');
    assert.equal(autosquashTarget('feat: fixup! x'), null);
    for (const wip of ['WIP', 'wip: tiers', 'WIP usage tiers', '...', 'tmp', '[WIP] thing'])
      assert.equal(isWipSubject(wip), true, wip);
    for (const real of ['Wipe the cache', 'feat: wip indicator', 'Temperature sensor'])
      assert.equal(isWipSubject(real), false, real);
    assert.deepEqual(revertTarget('Revert "feat: x"', 'This reverts commit abcdef1.'), {
      subject: 'feat: x',
      direct: 'feat: x',
      sha: 'abcdef1',
      depth: 1,
    });
    assert.equal(revertTarget('feat: revert button', ''), null);
  });

  it('recognises release commits as release tools write them, and only those', () => {
    for (const subject of [
      'chore(release): 1.2.3',
      'release: v1.2.3',
      'Release v8.1.1',
      'v8.1.2',
      'chore(main): release 2.0.0',
      'chore(main): release my-pkg 1.2.3',
      'chore: release main',
      'Version Packages',
      'Version Packages (beta)',
      'RELEASING: Releasing 2 package(s)',
      'chore(release): publish',
      'Publish',
      'Bump version to 1.2.3',
    ]) {
      assert.ok(isReleaseSubject(subject), subject);
      assert.equal(classify(subject).type, 'release', subject);
    }
    for (const subject of [
      'fix: release the lock',
      'feat: release notes page',
      'Release notes for the API',
      'v8 migration',
    ])
      assert.ok(!isReleaseSubject(subject), subject);
  });

  it('reads nested, reapplied and Conventional reverts without garbling their subjects', () => {
    assert.deepEqual(revertTarget('Revert "Revert "fix: x""', ''), {
      subject: 'fix: x',
      direct: 'Revert "fix: x"',
      sha: null,
      depth: 2,
    });
    assert.equal(revertTarget('Reapply "fix: x"', '')?.depth, 2);
    assert.equal(revertTarget('revert: feat(api): y', '')?.subject, 'feat(api): y');
    assert.equal(
      revertTarget('Revert "fix(api): handle "quoted" names" (#12)', '')?.subject,
      'fix(api): handle "quoted" names',
    );
    assert.equal(revertTarget('fix: revert the retry change', ''), null);
  });

  it('reads a quoted revert filed under any type (`docs: revert "…"`), not a subject that mentions revert', () => {
    assert.deepEqual(revertTarget('docs: revert "docs: tweak one"', ''), {
      subject: 'docs: tweak one',
      direct: 'docs: tweak one',
      sha: null,
      depth: 1,
    });
    assert.equal(revertTarget('fix(ui)!: Revert "feat: x" (#21604)', '')?.subject, 'feat: x');
    assert.equal(revertTarget('docs: revert "docs: x" (#21604)', '')?.direct, 'docs: x');
    assert.equal(revertTarget('chore: Reapply "feat: x"', '')?.depth, 2);
    assert.equal(revertTarget('build: revert "Revert "feat: x""', '')?.depth, 2);
    assert.equal(revertTarget('fix: revert-button colour', ''), null);
    assert.equal(revertTarget('fix: revert "undo" label for screen readers', ''), null);
    assert.equal(revertTarget('docs: revert the "tweak"', ''), null);
  });

  it('capitalizes titles but not package names or identifiers', () => {
    assert.equal(sentenceCase('add proration'), 'Add proration');
    assert.equal(sentenceCase('finalhandler@2.1.0'), 'finalhandler@2.1.0');
    assert.equal(sentenceCase('req.socket over req.connection'), 'req.socket over req.connection');
    assert.equal(sentenceCase('useState in forms'), 'useState in forms');
    assert.equal(sentenceCase('5.2.0'), '5.2.0');
  });

  it('turns remotes into web links for GitHub, GitLab and Bitbucket', () => {
    assert.equal(webUrlFromRemote('git@github.com:acme/pay.git'), 'https://github.com/acme/pay');
    assert.equal(webUrlFromRemote('https://user@gitlab.com/group/sub/web.git'), 'https://gitlab.com/group/sub/web');
    assert.equal(webUrlFromRemote('ssh://git@bitbucket.org/acme/api.git'), 'https://bitbucket.org/acme/api');
    assert.equal(webUrlFromRemote('git://github.com/acme/pay'), 'https://github.com/acme/pay');
    assert.equal(webUrlFromRemote('/srv/git/pay.git'), null);
    assert.equal(webUrlFromRemote('file:///srv/git/pay.git'), null);
    assert.equal(commitUrl('https://github.com/a/b', 'abc'), 'https://github.com/a/b/commit/abc');
    assert.equal(commitUrl('https://gitlab.com/a/b', 'abc'), 'https://gitlab.com/a/b/-/commit/abc');
    assert.equal(prUrl('https://gitlab.com/a/b', 3), 'https://gitlab.com/a/b/-/merge_requests/3');
    // The host decides, not the path.
    assert.equal(prUrl('https://github.com/acme/gitlab-tools', 3), 'https://github.com/acme/gitlab-tools/pull/3');
    assert.equal(
      commitUrl('https://github.com/acme/bitbucket-sync', 'abc'),
      'https://github.com/acme/bitbucket-sync/commit/abc',
    );
    assert.equal(prUrl('https://bitbucket.acme.io/a/b', 3), 'https://bitbucket.acme.io/a/b/pull-requests/3');
    assert.equal(subjectPr('feat: x (#12)', 'gitlab'), null);
    assert.equal(subjectPr('feat: x (!12)', 'gitlab'), 12);
    assert.equal(subjectPr('feat: x (!12)'), null);
    assert.equal(prUrl('https://bitbucket.org/a/b', 3), 'https://bitbucket.org/a/b/pull-requests/3');
    assert.equal(prUrl(null, 3), null);
  });

  it('reads headers directly exactly as conventional-commits-parser does (many subjects and bodies)', () => {
    const types = ['feat', 'FIX', 'chore', 'deploy', 'wip', '_x1', 'feat-ui', ''];
    const scopes = ['', '(API)', '()', '( )', '(a b)', '(ui)(x)', '(a(b))', '(billing', ' (deps)', '  (x)'];
    const marks = ['', '!', '!!'];
    const separators = [': ', ':', ':  ', ' : '];
    const descriptions = ['', 'add x (#12)', '  spaced  ', 'x: y: z', 'ünïcode ✓'];
    const subjects = new Set<string>();
    for (const type of types)
      for (const scope of scopes)
        for (const mark of marks)
          for (const separator of separators)
            for (const description of descriptions) subjects.add(`${type}${scope}${mark}${separator}${description}`);
    for (const odd of [
      '',
      '   ',
      'gpg: Signature made',
      '  gpg: feat: x',
      'feat: x\r',
      'feat: a\nb',
      '\nfeat: x',
      'Merge pull request #3 from a/b',
      'Update README.md',
      'v1.2.3',
      'chore(release): 1.2.3',
      'Release v8.1.1',
    ])
      subjects.add(odd);
    const bodies = [
      '',
      'Some body text.',
      'BREAKING CHANGE: the API moved',
      'breaking-change: lower case',
      '* BREAKING CHANGE: bulleted',
      'A note on breaking things',
      'Closes #12, fixes acme/app#3 @someone',
      '-meta-\nBREAKING CHANGE: after a field',
      'gpg: Signature made\nBREAKING CHANGE: x',
      '\n\nBREAKING CHANGE: after blank lines',
      'Co-authored-by: Ada <ada@example.com>',
      'Refs: #1\nBREAKING-CHANGE: in a footer',
    ];
    const extra = new Set(['deploy', 'wip', 'gpg']);
    let compared = 0;
    for (const subject of subjects)
      for (const [index, body] of bodies.entries()) {
        const types = index % 2 === 0 ? undefined : extra;
        assert.deepEqual(
          classify(subject, body, types),
          classifyByParser(subject, body, types),
          JSON.stringify({ subject, body }),
        );
        compared++;
      }
    assert.ok(compared > 40_000, `${compared} messages compared`);
  });
});
