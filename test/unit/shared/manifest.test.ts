import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, EXTENSION_ID, Views, WALKTHROUGH } from '../../../src/shared/ids';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json manifest', () => {
  it('is the extension named in src/shared/ids.ts', () => {
    assert.equal(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
  });

  it('contributes exactly the commands declared in ids.ts, all in the Cadence category', () => {
    const contributed = (manifest.contributes.commands as { command: string; category: string }[]).map(
      (c) => c.command,
    );
    assert.deepEqual([...contributed].sort(), Object.values(Commands).sort());
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'Cadence', command.command);
  });

  it('declares every view id from ids.ts inside the Cadence container', () => {
    const views = (manifest.contributes.views[Views.container] as { id: string }[]).map((v) => v.id);
    for (const id of Object.values(Views).filter((id) => id !== Views.container)) assert.ok(views.includes(id), id);
  });

  it('keeps activation minimal and the engine range wide enough for forks', () => {
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished']);
    assert.equal(manifest.engines.vscode, '^1.95.0');
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.bin.cadence, 'dist/cli.js');
  });

  it('points every walkthrough step at a media file that exists', () => {
    for (const walkthrough of manifest.contributes.walkthroughs) {
      assert.equal(walkthrough.steps.length, 3);
      for (const step of walkthrough.steps) {
        assert.ok(fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
      }
    }
  });

  it('ticks every walkthrough step by the context key the extension sets when the user did it', () => {
    const [walkthrough] = manifest.contributes.walkthroughs as {
      id: string;
      steps: { id: string; completionEvents: string[] }[];
    }[];
    assert.equal(walkthrough.id, WALKTHROUGH.id);
    assert.deepEqual(
      walkthrough.steps.map((step) => step.id),
      [...WALKTHROUGH.steps],
    );
    for (const step of walkthrough.steps) {
      assert.ok(step.completionEvents.includes(`onContext:cadence.walkthrough.${step.id}`), step.id);
    }
  });

  it('puts a Focus view first in the Cadence container, and welcomes with one action per capability', () => {
    assert.equal(manifest.contributes.views[Views.container][0].id, Views.focus);
    for (const welcome of manifest.contributes.viewsWelcome as { view: string; contents: string; when: string }[]) {
      assert.doesNotMatch(welcome.contents, /cadence\.log\.show/, welcome.view);
      if (welcome.view !== Views.decisions) continue;
      const actions = [...welcome.contents.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]);
      const expected = welcome.when.includes('!isWorkspaceTrusted')
        ? [Commands.focusStart]
        : [Commands.docsNewDecision, Commands.focusStart, Commands.weeklyDraft];
      assert.deepEqual(actions, expected, welcome.when);
    }
  });

  it('ships only what runs: .vscodeignore is an allowlist', () => {
    const lines = fs
      .readFileSync(path.join(root, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    assert.equal(lines[0], '**');
    const included = lines.filter((line) => line.startsWith('!'));
    assert.ok(included.includes('!dist/*.js') && included.includes('!package.json'));
    // Anything excluded after the allowlist may only narrow it (e.g. README pictures).
    for (const line of lines.slice(1).filter((l) => !l.startsWith('!'))) assert.match(line, /^media\/screenshots\//);
  });
});
