import { describe, expect, it } from "vitest";
import { launchConfig, launchLinks, nbgitpullerLink, repositoryFromPackage } from "../../../src/site/launchLinks";

describe("repositoryFromPackage", () => {
  it("reads npm's forms of the repository field", () => {
    expect(repositoryFromPackage({ repository: { type: "git", url: "git+https://github.com/o/bitbound.git" } })).toBe("https://github.com/o/bitbound");
    expect(repositoryFromPackage({ repository: "github:o/bitbound" })).toBe("https://github.com/o/bitbound");
    expect(repositoryFromPackage({ repository: "o/bitbound" })).toBe("https://github.com/o/bitbound");
    expect(repositoryFromPackage({ repository: "https://gitlab.com/g/sub/bitbound/" })).toBe("https://gitlab.com/g/sub/bitbound");
  });
  it("is null when absent or unreadable: no URL is invented", () => {
    expect(repositoryFromPackage({})).toBeNull();
    expect(repositoryFromPackage({ repository: "file:../x" })).toBeNull();
    expect(repositoryFromPackage({ repository: { type: "git" } })).toBeNull();
  });
});

describe("launchConfig", () => {
  it("lets BITBOUND_REPOSITORY override package.json, with defaults for branch and BinderHub", () => {
    const c = launchConfig({ BITBOUND_REPOSITORY: "https://github.com/a/b" }, { repository: "https://github.com/o/bitbound" });
    expect(c).toEqual({ repository: "https://github.com/a/b", branch: "main", binderHub: "https://mybinder.org", jupyterHub: null });
    expect(launchConfig({}, {}).repository).toBeNull();
    expect(launchConfig({ BITBOUND_BRANCH: "v1", BITBOUND_JUPYTERHUB: "https://hub.example.edu/" }, {})).toMatchObject({ branch: "v1", jupyterHub: "https://hub.example.edu" });
  });
  it("refuses a malformed URL, naming the variable", () => {
    expect(() => launchConfig({ BITBOUND_REPOSITORY: "javascript:alert(1)" }, {})).toThrow(/^BITBOUND_REPOSITORY must be/);
    expect(() => launchConfig({ BITBOUND_JUPYTERHUB: "hub.example.edu" }, {})).toThrow(/^BITBOUND_JUPYTERHUB must be/);
  });
});

describe("launchLinks", () => {
  const config = { repository: "https://github.com/o/bitbound", branch: "main", binderHub: "https://mybinder.org", jupyterHub: "https://hub.example.edu" };

  it("Binder: v2/gh/OWNER/REPO/BRANCH opening the notebook in JupyterLab", () => {
    const url = new URL(launchLinks(config, "notebooks/02-block-scaling.ipynb").binder!);
    expect(url.origin + url.pathname).toBe("https://mybinder.org/v2/gh/o/bitbound/main");
    expect(url.searchParams.get("urlpath")).toBe("lab/tree/notebooks/02-block-scaling.ipynb");
  });

  it("Binder for another git host: v2/git/ENCODED-URL/BRANCH", () => {
    const links = launchLinks({ ...config, repository: "https://gitlab.com/g/bitbound" }, "notebooks/x.ipynb");
    expect(links.binder!.startsWith(`https://mybinder.org/v2/git/${encodeURIComponent("https://gitlab.com/g/bitbound")}/main?`)).toBe(true);
  });

  it("nbgitpuller: the hub's git-pull endpoint with repo, branch and the notebook inside the cloned folder", () => {
    const url = new URL(launchLinks(config, "notebooks/02-block-scaling.ipynb").nbgitpuller!);
    expect(url.origin + url.pathname).toBe("https://hub.example.edu/hub/user-redirect/git-pull");
    expect(url.searchParams.get("repo")).toBe("https://github.com/o/bitbound");
    expect(url.searchParams.get("branch")).toBe("main");
    expect(url.searchParams.get("urlpath")).toBe("lab/tree/bitbound/notebooks/02-block-scaling.ipynb");
    expect(nbgitpullerLink(config, "https://other.hub/", "n.ipynb")!.startsWith("https://other.hub/hub/user-redirect/git-pull?")).toBe(true);
  });

  it("no repository, no links", () => {
    expect(launchLinks({ ...config, repository: null }, "notebooks/x.ipynb")).toEqual({ binder: null, nbgitpuller: null });
  });
});
