import { describe, expect, it } from "vitest";
import { lowerBounds } from "../../../src/bounds/lowerBounds";
import { runCli } from "./io";

/**
 * `bitbound bounds`: the JSON must be what the library's calculator gives for the same numbers (computed
 * here, in the test), and the statistical and product bounds what their closed forms give, worked out in
 * the test from the definitions (σ²d/D with D = 2ε²/μ; times d/(2 ln 2·B) when 2 ln 2·B < d).
 */
const base = ["bounds", "--d", "4096", "--bits", "16", "--sigma", "1", "--eps", "0.01"];

describe("bitbound bounds", () => {
  it("prints lowerBounds as JSON, infinities as null", async () => {
    const r = await runCli([...base, "--json"]);
    expect(r.status).toBe(0);
    expect(r.err).toBe("");
    const json = JSON.parse(r.out);
    const expected = lowerBounds({ d: 4096, bits: 16, sigma: 1, eps: 0.01 });
    expect(json).toMatchObject({
      input: { d: 4096, bits: 16, sigma: 1, eps: 0.01, mu: 1 },
      D: expected.D,
      statistical: expected.statistical,
      product: expected.product,
      binding: expected.binding,
      regime: expected.regime,
      crossoverBits: expected.crossoverBits,
    });
    // no prior: the communication bound, and so the overall one, is infinite (JSON null)
    expect(expected.communication).toBe(Infinity);
    expect(json.communication).toBeNull();
    expect(json.rounds).toBeNull();
  });

  it("agrees with the closed forms worked out here", async () => {
    const json = JSON.parse((await runCli([...base, "--json"])).out);
    const D = (2 * 0.01 ** 2) / 1; // paper A's convention D = 2ε²/μ
    expect(json.D).toBeCloseTo(D, 15);
    expect(json.statistical).toBe(20_480_000);
    // bits-limited (2 ln 2 · 16 ≈ 22.2 < 4096): the product bound is σ²d/D · d/(2 ln 2 · B)
    const product = (4096 / D) * (4096 / (2 * Math.LN2 * 16));
    expect(Math.abs(json.product - product)).toBeLessThanOrEqual(1); // rounded up to whole rounds
    expect(json.regime).toBe("bits-limited");
    expect(json.crossoverBits).toBeCloseTo(4096 / (2 * Math.LN2), 9);
  });

  it("gives a finite communication bound with a prior, and --D instead of --eps", async () => {
    const r = await runCli(["bounds", "--d", "1024", "--bits", "64", "--sigma", "1", "--D", "0.02", "--prior-radius", "1", "--json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.out);
    const expected = lowerBounds({ d: 1024, bits: 64, sigma: 1, D: 0.02, priorRadius: 1 });
    expect(json.communication).toBe(expected.communication);
    expect(json.rounds).toBe(expected.rounds);
    expect(Number.isFinite(json.rounds)).toBe(true);
  });

  it("prints a readable table by default", async () => {
    const r = await runCli(base);
    expect(r.status).toBe(0);
    expect(r.out).toContain("arXiv:2606.00703");
    expect(r.out).toMatch(/statistical\s+20,480,000/);
    expect(r.out).toContain("crossover B*");
    expect(r.out).toContain("--prior-radius");
  });

  it("--rho gives the AR(1) statistical bound (σ²d/D)(1 + ρ)/(1 − ρ) − 2ρ/(1 − ρ)", async () => {
    const r = await runCli([...base, "--rho", "0.5", "--json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.out);
    const closedForm = (4096 / 0.0002) * 3 - 2; // (1 + 0.5)/(1 − 0.5) = 3, −2ρ/(1 − ρ) = −2
    expect(Math.abs(json.correlated.statistical - closedForm)).toBeLessThanOrEqual(1);
    expect(json.correlated.inflation).toBe(3);
  });
  it.each([
    [["--d", "0", "--bits", "16", "--sigma", "1", "--eps", "0.01"], "--d must be an integer ≥ 1"],
    [["--d", "4096", "--bits", "x", "--sigma", "1", "--eps", "0.01"], "--bits must be a number > 0"],
    [["--d", "4096", "--bits", "16", "--eps", "0.01"], "--sigma is required"],
    [["--d", "4096", "--bits", "16", "--sigma", "1"], "give exactly one of --eps and --D"],
    [["--d", "4096", "--bits", "16", "--sigma", "1", "--eps", "0.01", "--D", "1"], "give exactly one of --eps and --D"],
    [["--d", "4096", "--bits", "16", "--sigma", "1", "--eps", "0.01", "--rho", "-1"], "--rho must be a number > -1 and < 1"],
    [["--d", "4096", "--bits", "16", "--sigma", "1", "--eps", "0.01", "--prior-radius", "1", "--prior-variance", "1"], "at most one of --prior-radius"],
    [["--depth", "3"], "unknown option --depth"],
  ])("bad input %j: exit 2, one line naming the problem, nothing on stdout", async (args, message) => {
    const r = await runCli(["bounds", ...args]);
    expect(r.status).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toContain(message);
    expect(r.err).toMatch(/^bitbound bounds: .*\(see bitbound bounds --help\)$/);
  });

  it("--help prints the usage and exits 0", async () => {
    const r = await runCli(["bounds", "--help"]);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^Usage: bitbound bounds/);
  });
});
