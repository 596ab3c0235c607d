// Publish the weekly update to GitHub: a comment on an issue (REST) or a new discussion (GraphQL
// `createDiscussion`; Octokit sends GraphQL to `BASE/graphql`, or `https://HOST/api/graphql` for an
// Enterprise base `https://HOST/api/v3`). Part of the lazy github.js chunk (re-exported by client.ts).
// Every failure becomes one line naming what went wrong, never the token.
import { discussionParts, type PublishPlaces, type PublishTarget } from '../../core/weekly/publish';
import { type ApiError, client, type ClientOptions, describeFailure } from './octokit';

interface GraphqlError {
  name?: string;
  errors?: { type?: string; message?: string }[];
}

/** A failure of Publish as one line: what failed and, where it helps, what to do. */
export class PublishFailed extends Error {}

export interface PublishOptions extends ClientOptions {
  /** Where a rate limit's reset time is told (the user's zone). */
  timeZone?: string;
}

const CATEGORIES = `query($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    id
    discussionCategories(first: 25) { nodes { id name } }
  }
}`;

const CREATE_DISCUSSION = `mutation($repositoryId: ID!, $categoryId: ID!, $title: String!, $body: String!) {
  createDiscussion(input: { repositoryId: $repositoryId, categoryId: $categoryId, title: $title, body: $body }) {
    discussion { id number url }
  }
}`;

/** Turns any failure of a publish step into one line (`what`: "repo", "owner/name#12"…). */
export function publishFailure(error: unknown, what: string, timeZone = 'UTC'): PublishFailed {
  if (error instanceof PublishFailed) return error;
  const graphql = error as GraphqlError;
  if (graphql?.name === 'GraphqlResponseError') {
    const first = graphql.errors?.[0];
    if (first?.type === 'NOT_FOUND')
      return new PublishFailed(`${what} was not found on GitHub, or this GitHub account cannot see it`);
    if (first?.type === 'FORBIDDEN')
      return new PublishFailed(`GitHub refused: this account may not create discussions in ${what}`);
    return new PublishFailed(`GitHub refused: ${String(first?.message ?? 'an unknown GraphQL error').split('\n')[0]}`);
  }
  const status = (error as ApiError)?.status;
  if (status === 404) return new PublishFailed(`${what} was not found on GitHub, or this GitHub account cannot see it`);
  if (status === 410) return new PublishFailed(`${what} has issues switched off`);
  if (status === 401)
    return new PublishFailed(
      'GitHub rejected the sign-in (401 Bad credentials): sign out of GitHub in the Accounts menu and sign in again',
    );
  const described = describeFailure(error, timeZone);
  if (described.status === 'error' && (status === 403 || status === 422))
    return new PublishFailed(
      `GitHub refused (${status}: ${String((error as ApiError).message ?? '').split('\n')[0]}): this account may not post in ${what}`,
    );
  return new PublishFailed(described.message);
}

/** A repository's open issues (the first 50, newest first) and discussion categories. */
export async function listPlaces(options: PublishOptions, repo: string): Promise<PublishPlaces> {
  const octokit = client(options);
  const [owner, name] = repo.split('/');
  try {
    const [issues, categories] = await Promise.all([
      octokit.rest.issues.listForRepo({ owner, repo: name, state: 'open', per_page: 50 }),
      octokit.graphql<{
        repository: { id: string; discussionCategories: { nodes: { id: string; name: string }[] } | null } | null;
      }>(CATEGORIES, { owner, name }),
    ]);
    return {
      // The issues list also returns pull requests; a weekly update is a comment on an issue.
      issues: issues.data
        .filter((issue) => !issue.pull_request)
        .map((issue) => ({ number: issue.number, title: issue.title })),
      categories: categories.repository?.discussionCategories?.nodes ?? [],
      repositoryId: categories.repository?.id ?? null,
    };
  } catch (error) {
    throw publishFailure(error, repo, options.timeZone);
  }
}

/**
 * Posts `markdown` (already shared: see core/weekly/share.ts) to `target`; returns the web link.
 * Neither call is retried after GitHub may have acted on it: a retried post could post twice.
 */
export async function publishUpdate(
  options: PublishOptions,
  target: PublishTarget,
  markdown: string,
): Promise<{ url: string }> {
  const octokit = client(options);
  const [owner, name] = target.repo.split('/');
  const what = target.kind === 'comment' ? `${target.repo}#${target.issue}` : target.repo;
  try {
    if (target.kind === 'comment') {
      const { data } = await octokit.rest.issues.createComment({
        owner,
        repo: name,
        issue_number: target.issue,
        body: markdown,
        request: { retries: 0 },
      });
      return { url: data.html_url };
    }
    const { title, body } = discussionParts(markdown);
    const answer = await octokit.graphql<{ createDiscussion: { discussion: { url: string } } }>(CREATE_DISCUSSION, {
      repositoryId: target.repositoryId,
      categoryId: target.categoryId,
      title,
      body,
      request: { retries: 0 },
    });
    return { url: answer.createDiscussion.discussion.url };
  } catch (error) {
    throw publishFailure(error, what, options.timeZone);
  }
}
