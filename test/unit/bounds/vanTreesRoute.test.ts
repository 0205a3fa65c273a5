import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lowerBounds, productBound, statisticalBound } from "../../../src/bounds/index";

// A different route to the same bounds: the van Trees risk bound d²/(T·I₁ + J) as a function of T,
// inverted by bisection on the integer T (plain arithmetic here, no closed form for T). I₁ is the
// Fisher trace one round can carry about θ: d·μ²/σ² unquantized, min(d, 2 ln 2·B)·μ²/σ² with B bits
// (math.md §3.4 (★) for samples of standard deviation σ/μ). J is the prior's Fisher trace.
function leastRounds(d: number, perRoundFisher: number, J: number, D: number): number {
  const risk = vanTreesRisk(d, perRoundFisher, J);
  if (risk(0) <= D) return 0;
  let lo = 0; // risk(lo) > D
  let hi = 1;
  while (risk(hi) > D) hi *= 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (risk(mid) > D) lo = mid;
    else hi = mid;
  }
  return hi;
}

function vanTreesRisk(d: number, perRoundFisher: number, J: number): (T: number) => number {
  return (T) => (d * d) / (T * perRoundFisher + J);
}

// When the exact least T is an integer n (risk(n) = D exactly), rounding in either route can put it at
// n or n + 1; likewise when T is so large (beyond ~1e12) that the risks at T − 1 and T agree to 12 digits.
// Accept a result one off the bisection's answer only when the risk at the smaller of the two is within
// 1e-12 of D relative (both routes use a handful of roundings, ~1e-15 each).
function expectRounds(actual: number, d: number, perRoundFisher: number, J: number, D: number): void {
  const expected = leastRounds(d, perRoundFisher, J, D);
  const lower = Math.min(actual, expected);
  if (Math.abs(actual - expected) === 1 && Math.abs(vanTreesRisk(d, perRoundFisher, J)(lower) - D) <= 1e-12 * D) return;
  expect(actual).toBe(expected);
}

const setting = fc.record({
  d: fc.integer({ min: 1, max: 5000 }),
  sigma: fc.double({ min: 0.05, max: 20, noNaN: true }),
  mu: fc.double({ min: 0.1, max: 10, noNaN: true }),
  eps: fc.double({ min: 1e-3, max: 2, noNaN: true }),
  bits: fc.double({ min: 1, max: 20_000, noNaN: true }),
  prior: fc.constantFrom("none", "box", "gaussian"),
  scale: fc.double({ min: 0.1, max: 100, noNaN: true }),
});

describe("bounds by bisection on the van Trees risk", () => {
  it("statisticalBound and productBound equal the least T with d²/(T·I₁ + J) ≤ 2ε²/μ", () => {
    fc.assert(
      fc.property(setting, ({ d, sigma, mu, eps, bits, prior, scale }) => {
        const D = (2 * eps * eps) / mu; // f − f* = (μ/2)‖x̂ − θ‖² ≤ ε²
        const J = prior === "box" ? (d * Math.PI ** 2) / scale ** 2 : prior === "gaussian" ? d / scale ** 2 : 0;
        const priorArgs =
          prior === "box" ? { priorRadius: scale } : prior === "gaussian" ? { priorVariance: scale ** 2 } : {};
        const perSample = (mu * mu) / (sigma * sigma);
        const args = { d, sigma, mu, eps, bits, ...priorArgs };
        const capped = Math.min(d, 2 * Math.LN2 * bits) * perSample;
        expectRounds(statisticalBound(args), d, d * perSample, J, D);
        expectRounds(productBound(args), d, capped, J, D);
        const all = lowerBounds(args);
        expect([all.statistical, all.product]).toEqual([statisticalBound(args), productBound(args)]);
      }),
      // endOnFailure: report the first counterexample as found (shrinking these doubles ran for minutes)
      { seed: 42, numRuns: 2000, endOnFailure: true },
    );
  });

  it("the D form equals the ε form with D = 2ε²/μ", () => {
    const viaD = productBound({ d: 300, sigma: 2, mu: 3, D: (2 * 0.05 ** 2) / 3, bits: 40 });
    expect(viaD).toBe(productBound({ d: 300, sigma: 2, mu: 3, eps: 0.05, bits: 40 }));
    expectRounds(viaD, 300, Math.min(300, 2 * Math.LN2 * 40) * (9 / 4), 0, (2 * 0.05 ** 2) / 3);
  });
});
