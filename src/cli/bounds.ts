import { lowerBounds, type LowerBounds } from "../bounds/lowerBounds";
import { achievableRounds, type AchievableRounds } from "../optim/achievableRounds";
import { correlatedStatisticalBound } from "../info/ar1Noise";
import { numberFlag, requiredNumberFlag, UsageError } from "./args";
import { flagCommand, type FlagValues } from "./command";
import { formatNumber, textTable } from "./textTable";

/**
 * `bitbound bounds`: paper A's lower bounds (arXiv:2606.00703) for the reader's own numbers, as the
 * library's calculator `lowerBounds` computes them (lesson 7): the statistical, product and
 * communication bounds on the rounds T, which one binds, the regime and the crossover B*, and the rounds
 * lesson 8's quantized SGD needs by its analysis (`achievableRounds`, an estimate). With `--rho`,
 * the statistical bound under AR(1) gradient noise (`correlatedStatisticalBound`, lesson 9).
 *
 * @packageDocumentation
 */

const HELP = `Usage: bitbound bounds --d D --bits B --sigma S (--eps E | --D DIST) [options]

Paper A's lower bounds (arXiv:2606.00703) on the rounds T an optimizer needs when each round's gradient
reaches it as a B-bit message: f(x) = (mu/2)|x - theta|^2 in d dimensions, gradient noise sigma per
coordinate, accuracy f(x) - f* <= eps^2 (D = 2 eps^2 / mu, paper A's convention). Computed by the
library's lowerBounds (lesson 7).

Options:
  --d D                 dimension, an integer >= 1 (required)
  --bits B              bits per round's message, > 0 (required)
  --sigma S             gradient noise per coordinate, > 0 (required)
  --eps E               target accuracy, > 0 (or --D)
  --D DIST              target mean squared error E|x - theta|^2, > 0 (instead of --eps)
  --mu MU               curvature, > 0 (default 1)
  --prior-radius R      theta in the box [-R, R]^d (cos^2 prior): finite communication bound
  --prior-variance V    theta ~ N(0, V I): finite communication bound
  --rho RHO             lag-one correlation of AR(1) gradient noise, -1 < RHO < 1 (lesson 9)
  --json                print JSON instead of a table (an infinite bound is written as null)

With a whole number of bits it also prints the rounds that quantized SGD with random-subset stochastic
rounding needs by the analysis of lesson 8 (achievableRounds: an estimate; the gap to the product bound is
the logarithmic factor of paper A's achievability result).
  -h, --help            show this help

Example: bitbound bounds --d 4096 --bits 16 --sigma 1 --eps 0.01`;

/** The JSON `bitbound bounds --json` prints. */
export interface BoundsReport extends LowerBounds {
  input: { d: number; bits: number; sigma: number; eps?: number; D?: number; mu: number; priorRadius?: number; priorVariance?: number; rho?: number };
  /** The rounds quantized SGD of lesson 8 needs by its analysis (an estimate; whole B only). */
  achievable?: AchievableRounds;
  /** With --rho: the statistical bound under AR(1) noise and the factor (1 + ρ)/(1 − ρ). */
  correlated?: { rho: number; inflation: number; statistical: number };
}

const FLAGS = {
  d: { type: "string" },
  bits: { type: "string" },
  sigma: { type: "string" },
  eps: { type: "string" },
  D: { type: "string" },
  mu: { type: "string" },
  "prior-radius": { type: "string" },
  "prior-variance": { type: "string" },
  rho: { type: "string" },
  json: { type: "boolean" },
} as const;

/** The report for the parsed flags. */
function boundsReport(values: FlagValues): BoundsReport {
  const d = requiredNumberFlag("d", values.d, { integer: true, min: 1 });
  const bits = requiredNumberFlag("bits", values.bits, { positive: true });
  const sigma = requiredNumberFlag("sigma", values.sigma, { positive: true });
  const eps = numberFlag("eps", values.eps, { positive: true });
  const D = numberFlag("D", values.D, { positive: true });
  if ((eps === undefined) === (D === undefined)) throw new UsageError("give exactly one of --eps and --D");
  const mu = numberFlag("mu", values.mu, { positive: true }) ?? 1;
  const priorRadius = numberFlag("prior-radius", values["prior-radius"], { positive: true });
  const priorVariance = numberFlag("prior-variance", values["prior-variance"], { positive: true });
  if (priorRadius !== undefined && priorVariance !== undefined) throw new UsageError("give at most one of --prior-radius and --prior-variance");
  const rho = numberFlag("rho", values.rho, { above: -1, below: 1 });
  const target = { d, mu, priorRadius, priorVariance, ...(eps !== undefined ? { eps } : { D: D as number }) };
  const input: BoundsReport["input"] = { d, bits, sigma, mu };
  for (const [k, v] of Object.entries({ eps, D, priorRadius, priorVariance, rho })) if (v !== undefined) (input as Record<string, number>)[k] = v;
  const report: BoundsReport = { input, ...lowerBounds({ ...target, bits, sigma }) };
  if (Number.isInteger(bits)) {
    report.achievable = achievableRounds({ d, bits, sigma, D: report.D, mu, priorRadius: priorRadius ?? 0 });
  }
  if (rho !== undefined) {
    report.correlated = { rho, inflation: (1 + rho) / (1 - rho), statistical: correlatedStatisticalBound({ ...target, sigma, rho }) };
  }
  return report;
}

function tableLines(r: BoundsReport): string[] {
  const i = r.input;
  const accuracy = i.eps !== undefined ? `ε = ${i.eps} (D = 2ε²/μ = ${formatNumber(r.D)})` : `D = ${formatNumber(r.D)}`;
  const prior = i.priorRadius !== undefined ? `, θ in [−${i.priorRadius}, ${i.priorRadius}]^d` : i.priorVariance !== undefined ? `, θ ~ N(0, ${i.priorVariance}·I)` : "";
  const rows = [
    ["statistical", formatNumber(r.statistical), "any protocol, even unquantized"],
    ["product", formatNumber(r.product), `${formatNumber(i.bits)}-bit memoryless messages`],
    ["communication", formatNumber(r.communication), Number.isFinite(r.communication) ? `T·B ≥ R(D) = ${formatNumber(r.communicationBits)} bits` : "T·B ≥ R(D): ∞ without a prior on θ"],
    ["lower bound on T", formatNumber(r.rounds), `the largest (binding: ${r.binding})`],
  ];
  if (r.achievable) {
    const a = r.achievable;
    rows.push(["achievable (estimate)", formatNumber(a.rounds), `quantized SGD of lesson 8: ${a.k} coordinates × ${a.bitsPerCoordinate} bit${a.bitsPerCoordinate === 1 ? "" : "s"}, range M = ${formatNumber(a.range)}`]);
  }
  const lines = [
    `Paper A's lower bounds (arXiv:2606.00703) for d = ${i.d}, B = ${formatNumber(i.bits)} bits per round, σ = ${i.sigma}, μ = ${i.mu}, ${accuracy}${prior}:`,
    "",
    ...textTable(["bound", "rounds T", ""], rows, [false, true, false]),
    "",
    `regime: ${r.regime} (2 ln 2 · B = ${formatNumber(2 * Math.LN2 * i.bits)} ${r.regime === "bits-limited" ? "<" : "≥"} d = ${i.d}); crossover B* = d/(2 ln 2) = ${formatNumber(r.crossoverBits)} bits`,
  ];
  if (!Number.isFinite(r.communication)) {
    lines.push("Without a prior no finite transcript reaches D for every θ in R^d; give --prior-radius R or --prior-variance V for a finite communication bound.");
  }
  if (r.correlated) {
    lines.push(
      `AR(1) noise, ρ = ${r.correlated.rho}: statistical bound ${formatNumber(r.correlated.statistical)} rounds (about (1 + ρ)/(1 − ρ) = ${formatNumber(r.correlated.inflation)} times the i.i.d. one; lesson 9).`,
      "The bits-limited bound under correlated noise is open in this course (lesson 9): the product bound above is for i.i.d. noise.",
    );
  }
  return lines;
}

export const boundsCommand = flagCommand({
  name: "bounds",
  summary: "paper A's lower bounds on the rounds T for your d, B, sigma, eps",
  help: HELP,
  flags: FLAGS,
  async body(values, io) {
    const report = boundsReport(values);
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else tableLines(report).forEach((l) => io.out(l));
    return 0;
  },
});
