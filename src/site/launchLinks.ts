/**
 * "Open this lesson" links: Binder (a temporary JupyterLab built from the repository with repo2docker,
 * `binder/`) and nbgitpuller (any JupyterHub that has nbgitpuller installed pulls the repository into the
 * learner's home and opens the notebook). Both need the repository's public URL, which the project does not
 * guess: it comes from the `BITBOUND_REPOSITORY` environment variable or package.json's `repository` field.
 *
 * Link formats: Binder `https://mybinder.org/v2/gh/OWNER/REPO/BRANCH?urlpath=lab/tree/PATH` for GitHub
 * (`v2/git/URL-ENCODED-URL/BRANCH` for any other git host); nbgitpuller
 * `HUB/hub/user-redirect/git-pull?repo=URL&branch=BRANCH&urlpath=lab/tree/REPO-FOLDER/PATH`.
 *
 * @packageDocumentation
 */

/** Where the course can be launched from. */
export interface LaunchConfig {
  /** The repository's public git URL (https), or null when not configured. */
  repository: string | null;
  /** The branch to launch (default "main"). */
  branch: string;
  /** The BinderHub to use (default https://mybinder.org). */
  binderHub: string;
  /** A JupyterHub with nbgitpuller, or null: the lesson page then asks the reader for their hub's address. */
  jupyterHub: string | null;
}

/** The launch links of one notebook (`null` where the configuration lacks what the link needs). */
export interface LaunchLinks {
  binder: string | null;
  nbgitpuller: string | null;
}

/**
 * The repository URL from package.json's `repository` field: a string (`"https://…"`, `"github:owner/repo"`
 * or npm's `"owner/repo"` shorthand for GitHub) or an object `{ type: "git", url }`; `git+https://…`
 * and a trailing `.git` are normalised away. Null when the field is absent or not a URL we can read.
 *
 * @example
 * ```ts
 * repositoryFromPackage({ repository: { type: "git", url: "git+https://github.com/o/bitbound.git" } }); // "https://github.com/o/bitbound"
 * repositoryFromPackage({}); // null
 * ```
 */
export function repositoryFromPackage(pkg: { repository?: unknown }): string | null {
  const field = pkg.repository;
  const raw = typeof field === "string" ? field : typeof field === "object" && field !== null ? (field as { url?: unknown }).url : undefined;
  if (typeof raw !== "string" || raw.trim() === "") return null;
  return normaliseRepository(raw.trim());
}

/** `git+https://host/o/r.git` → `https://host/o/r`; `github:o/r` and `o/r` → `https://github.com/o/r`; null if unreadable. */
function normaliseRepository(raw: string): string | null {
  const shorthand = /^(?:github:)?([A-Za-z0-9][\w.-]*)\/([\w.-]+)$/.exec(raw);
  if (shorthand) return `https://github.com/${shorthand[1]}/${shorthand[2].replace(/\.git$/, "")}`;
  const url = raw.replace(/^git\+/, "").replace(/\.git$/, "").replace(/\/+$/, "");
  return /^https:\/\/[^\s/]+\/\S+$/.test(url) ? url : null;
}

/**
 * The launch configuration from the environment and package.json:
 * `BITBOUND_REPOSITORY` (else package.json `repository`), `BITBOUND_BRANCH` (default `main`),
 * `BITBOUND_BINDERHUB` (default `https://mybinder.org`), `BITBOUND_JUPYTERHUB` (default none).
 *
 * @throws RangeError naming `BITBOUND_REPOSITORY`, `BITBOUND_BINDERHUB` or `BITBOUND_JUPYTERHUB` when set
 *   to something that is not an https URL
 * @example
 * ```ts
 * launchConfig({ BITBOUND_REPOSITORY: "https://github.com/o/bitbound" }, {}).repository; // "https://github.com/o/bitbound"
 * ```
 */
export function launchConfig(env: Record<string, string | undefined>, pkg: { repository?: unknown }): LaunchConfig {
  const fromEnv = env.BITBOUND_REPOSITORY?.trim();
  let repository = repositoryFromPackage(pkg);
  if (fromEnv) {
    repository = normaliseRepository(fromEnv);
    if (!repository) throw new RangeError(`BITBOUND_REPOSITORY must be the repository's https URL (or owner/name on GitHub), got ${JSON.stringify(fromEnv)}`);
  }
  return {
    repository,
    branch: env.BITBOUND_BRANCH?.trim() || "main",
    binderHub: httpsBase("BITBOUND_BINDERHUB", env.BITBOUND_BINDERHUB) ?? "https://mybinder.org",
    jupyterHub: httpsBase("BITBOUND_JUPYTERHUB", env.BITBOUND_JUPYTERHUB),
  };
}

function httpsBase(name: string, value: string | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(v)) throw new RangeError(`${name} must be an http(s) URL such as https://hub.example.edu, got ${JSON.stringify(v)}`);
  return v.replace(/\/+$/, "");
}

/**
 * The Binder and nbgitpuller links that open `notebookPath` (relative to the repository root, e.g.
 * `notebooks/02-block-scaling.ipynb`) in JupyterLab.
 *
 * @example
 * ```ts
 * const c = { repository: "https://github.com/o/bitbound", branch: "main", binderHub: "https://mybinder.org", jupyterHub: "https://hub.example.edu" };
 * launchLinks(c, "notebooks/02-block-scaling.ipynb").binder;
 * // "https://mybinder.org/v2/gh/o/bitbound/main?urlpath=lab%2Ftree%2Fnotebooks%2F02-block-scaling.ipynb"
 * ```
 */
export function launchLinks(config: LaunchConfig, notebookPath: string): LaunchLinks {
  if (!config.repository) return { binder: null, nbgitpuller: null };
  const github = /^https:\/\/github\.com\/([^/]+)\/([^/]+)$/.exec(config.repository);
  const spec = github
    ? `gh/${github[1]}/${github[2]}/${encodeURIComponent(config.branch)}`
    : `git/${encodeURIComponent(config.repository)}/${encodeURIComponent(config.branch)}`;
  const binder = `${config.binderHub}/v2/${spec}?urlpath=${encodeURIComponent(`lab/tree/${notebookPath}`)}`;
  return { binder, nbgitpuller: config.jupyterHub ? nbgitpullerLink(config, config.jupyterHub, notebookPath) : null };
}

/**
 * The nbgitpuller link for one hub; the folder nbgitpuller clones into is the repository's last path
 * segment. (The lesson page builds the same link in the browser for a hub the reader types in.)
 */
export function nbgitpullerLink(config: LaunchConfig, hub: string, notebookPath: string): string | null {
  if (!config.repository) return null;
  const folder = config.repository.split("/").pop() as string;
  const query = [
    `repo=${encodeURIComponent(config.repository)}`,
    `branch=${encodeURIComponent(config.branch)}`,
    `urlpath=${encodeURIComponent(`lab/tree/${folder}/${notebookPath}`)}`,
  ].join("&");
  return `${hub.replace(/\/+$/, "")}/hub/user-redirect/git-pull?${query}`;
}
