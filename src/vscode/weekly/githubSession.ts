// GitHub for the weekly draft in VS Code: VS Code's own GitHub account (no token pasting), silently
// unless the user asked for GitHub ("Include GitHub", or `cadence.weekly.github: always`). GitHub
// Enterprise Server through the `github-enterprise` provider and VS Code's `github-enterprise.uri`.
// The token goes to the draft's GitHub request and nowhere else: not to settings, logs or messages.
import * as vscode from 'vscode';
import { apiUrlOfHost, DEFAULT_API_URL } from '../../core/weekly/github';
import type { GithubStatus, WeeklyDraft } from '../../core/weekly/model';
import { githubLine } from '../../core/weekly/render';
import type { WeeklySettings } from '../../core/weekly/settings';
import type { AssembleRequest } from '../../node/weekly/assemble';

/** Where the session comes from and which API it is for. */
export function githubProvider(settings: Pick<WeeklySettings, 'githubApiUrl'>): { id: string; apiUrl: string } {
  const enterprise = vscode.workspace.getConfiguration('github-enterprise').get<string>('uri')?.trim();
  let host: string | null = null;
  if (enterprise) {
    try {
      host = new URL(enterprise.includes('://') ? enterprise : `https://${enterprise}`).host;
    } catch {
      host = null;
    }
  }
  const id = host ? 'github-enterprise' : 'github';
  const apiUrl = settings.githubApiUrl || (host ? apiUrlOfHost(host) : DEFAULT_API_URL);
  return { id, apiUrl };
}

export type GithubChoice = { request: NonNullable<AssembleRequest['github']> } | { status: GithubStatus };

/**
 * The GitHub part of a draft request, or why there is none. `ask`: the user asked for GitHub, so a
 * sign-in may be offered; otherwise only an existing session is used (`silent`).
 */
export async function githubForDraft(settings: WeeklySettings, ask: boolean): Promise<GithubChoice> {
  if (settings.github === 'off' && !ask) return { status: { status: 'off', user: null, message: null } };
  const { id, apiUrl } = githubProvider(settings);
  const prompt = ask || settings.github === 'always';
  let session: vscode.AuthenticationSession | undefined;
  try {
    session = prompt
      ? await vscode.authentication.getSession(id, ['repo'], { createIfNone: true })
      : await vscode.authentication.getSession(id, ['repo'], { silent: true });
  } catch {
    // Declined, or no provider for the id (the GitHub Authentication extension is disabled).
    session = undefined;
  }
  if (!session) {
    // Under `auto` no session is the quiet default (no line, no notification): GitHub was not asked for.
    const message = prompt ? 'not signed in to GitHub in VS Code' : null;
    return { status: { status: 'signed-out', user: null, message } };
  }
  return {
    request: {
      token: session.accessToken,
      apiUrl,
      repos: settings.githubRepos,
      reviewWaitHours: settings.reviewWaitHours,
      blockedLabels: settings.blockedLabels,
    },
  };
}

/**
 * One notification when GitHub was left out, with the action that fixes it: "Include GitHub" (the
 * only way a sign-in is offered under `auto`) when signed out, "Retry" otherwise.
 */
export function announceGithub(draft: WeeklyDraft, retry: (ask: boolean) => void): void {
  const { status } = draft.github;
  if (status === 'ok' || status === 'off') return;
  const line = githubLine(draft);
  if (!line) return;
  const action = status === 'signed-out' ? 'Include GitHub' : 'Retry';
  void vscode.window.showWarningMessage(`Cadence: ${line}`, action).then((picked) => {
    if (picked === action) retry(true);
  });
}
