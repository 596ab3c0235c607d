// Links from a remote's web URL: GitHub, GitLab and Bitbucket spell commit and PR paths differently.

/** Turns a remote URL (https, ssh `git@host:o/r.git`, `ssh://`, `git://`) into its web URL, or null. */
export function webUrlFromRemote(remote: string): string | null {
  const text = remote.trim();
  if (!text) return null;
  let host: string;
  let path: string;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(text);
  if (/^[a-z+]+:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return null;
    }
    if (url.protocol === 'file:') return null;
    host = url.hostname;
    path = url.pathname;
    // ssh://git@host:7999/o/r.git (Bitbucket Server) keeps its path; the web UI has no port.
  } else if (scp) {
    host = scp[1];
    path = scp[2];
  } else {
    return null;
  }
  path = path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  if (!host || !path.includes('/')) return null;
  if (host === 'ssh.dev.azure.com' || host.endsWith('.visualstudio.com')) return null;
  return `https://${host}/${path}`;
}

/** Which forge's URL scheme a web URL follows; anything unknown is taken to be GitHub-like. */
export type Forge = 'github' | 'gitlab' | 'bitbucket';

/**
 * The forge of a web URL, told by its HOST (gitlab.com, gitlab.acme.io, bitbucket.org, …): a
 * repository named `gitlab-tools` on GitHub is still on GitHub.
 */
export function forgeOf(web: string | null): Forge {
  let host: string;
  try {
    host = web ? new URL(web).hostname.toLowerCase() : '';
  } catch {
    host = '';
  }
  if (/(^|\.)gitlab\b/.test(host)) return 'gitlab';
  if (/(^|\.)bitbucket\b/.test(host)) return 'bitbucket';
  return 'github';
}

/** Commit page on the forge. */
export function commitUrl(web: string | null, sha: string): string | null {
  if (!web) return null;
  const forge = forgeOf(web);
  if (forge === 'bitbucket') return `${web}/commits/${sha}`;
  if (forge === 'gitlab') return `${web}/-/commit/${sha}`;
  return `${web}/commit/${sha}`;
}

/** Pull (merge) request page on the forge. */
export function prUrl(web: string | null, pr: number): string | null {
  if (!web) return null;
  const forge = forgeOf(web);
  if (forge === 'bitbucket') return `${web}/pull-requests/${pr}`;
  if (forge === 'gitlab') return `${web}/-/merge_requests/${pr}`;
  return `${web}/pull/${pr}`;
}
