import { describe, expect, it } from "vitest";
import { brentMinimize } from "../../../src/numeric/index";

/**
 * brentMinimize step by step against another tool: SciPy 1.17.1's bounded Brent minimizer
 * (`scipy.optimize.minimize_scalar(f, bounds=(lo, hi), method="bounded", options={"xatol": 3e-12})`,
 * a transcription of Forsythe, Malcolm and Moler's `fmin`, itself Brent's `localmin`), which evaluates f
 * at the same points when its tolerance √(2.2e−16)·|x| + xatol/3 equals ours (relTolerance = √(2.2e−16),
 * absTolerance = 3e−12/3). Each case lists every abscissa SciPy evaluated, in order (recorded by wrapping f,
 * printed with Python's repr, so each double is exact). The functions use only +, −, ×, ÷, |·| and floor,
 * which are correctly rounded on both sides, so the sequences must agree bit for bit: a changed parabola
 * test, golden-section step, bracket update or stopping rule moves some point.
 */
const SCIPY = {
  parabola: { lo: 0.0, hi: 3.0, x: 1.0, nfev: 6, points: [1.1458980337503153, 1.8541019662496843, 0.708203932499369, 1.0, 1.000000014833397, 0.999999985166603] },
  kink: { lo: 0.0, hi: 1.0, x: 0.29999999951846035, nfev: 22, points: [0.3819660112501051, 0.6180339887498948, 0.2360679774997897, 0.28208068577582585, 0.3035228547663166, 0.3334854743582971, 0.303126481159964, 0.29702884247115247, 0.291319154682697, 0.29999278971096544, 0.30003874135596215, 0.29940333651010337, 0.29976763862301353, 0.29996060381929196, 0.2999998667617435, 0.30000785565652704, 0.3000001586053851, 0.29999971804083764, 0.29999999506774133, 0.30000000614456745, 0.2999999906170223, 0.29999999951846035] },
  quartic: { lo: 0.0, hi: 5.0, x: 2.25000000192316, nfev: 13, points: [1.9098300562505255, 3.0901699437494736, 1.1803398874989486, 1.9467714014100514, 2.383510781896625, 2.255536449034643, 2.2368858213463825, 2.249695677014196, 2.2499790993203472, 2.2499994695548797, 2.25000000192316, 2.2499999685492664, 2.2500000352970533] },
  xPlusInverse: { lo: 0.1, hi: 10.0, x: 0.9999999853748975, nfev: 15, points: [3.8814635113760407, 6.2185364886239585, 2.437072977247918, 1.544390534128123, 0.9926824431197951, 0.6189476413490218, 1.1035592849780167, 0.974388627431089, 1.0016016376953016, 0.9999325136859771, 1.0000056667688315, 1.0000000496976313, 1.0000000002082945, 0.9999999853748975, 0.9999999705415008] },
  increasing: { lo: 0.0, hi: 1.0, x: 1.9801228982249236e-12, nfev: 56, points: [0.3819660112501051, 0.6180339887498948, 0.2360679774997897, 0.14589803375031546, 0.09016994374947425, 0.055728090000841224, 0.03444185374863304, 0.0212862362522082, 0.013155617496424847, 0.008130618755783355, 0.0050249987406414945, 0.0031056200151418616, 0.0019193787254996337, 0.0011862412896422284, 0.0007331374358574057, 0.0004531038537848227, 0.0002800335820725831, 0.00017307027171223962, 0.00010696331036034356, 6.610696135189609e-05, 4.0856349008447484e-05, 2.5250612343448612e-05, 1.5605736664998876e-05, 9.644875678449738e-06, 5.9608609865491405e-06, 3.6840146919005987e-06, 2.276846294648542e-06, 1.407168397252057e-06, 8.696778973964854e-07, 5.374904998555718e-07, 3.3218739754091386e-07, 2.0530310231465802e-07, 1.268842952262559e-07, 7.841880708840218e-08, 4.846548813785373e-08, 2.995331895054846e-08, 1.851216918730528e-08, 1.1441149763243182e-08, 7.0710194240621e-09, 4.3701303391810845e-09, 2.700889084881017e-09, 1.6692412543000683e-09, 1.031647830580949e-09, 6.375934237191196e-10, 3.9405440686182937e-10, 2.4353901685729037e-10, 1.5051539000453905e-10, 9.302362685275133e-11, 5.7491763151787736e-11, 3.5531863700963606e-11, 2.1959899450824143e-11, 1.3571964250139472e-11, 8.387935200684673e-12, 5.184029049454799e-12, 3.2039061512298754e-12, 1.9801228982249236e-12] },
  decreasing: { lo: 0.0, hi: 1.0, x: 0.9999999848800776, nfev: 37, points: [0.3819660112501051, 0.6180339887498948, 0.7639320225002102, 0.8541019662496845, 0.9098300562505257, 0.9442719099991588, 0.9655581462513669, 0.9787137637477917, 0.9868443825035751, 0.9918693812442166, 0.9949750012593584, 0.9968943799848581, 0.9980806212745004, 0.9988137587103578, 0.9992668625641427, 0.9995468961462152, 0.9997199664179274, 0.9998269297282877, 0.9998930366896396, 0.9999338930386481, 0.9999591436509916, 0.9999747493876566, 0.9999843942633351, 0.9999903551243216, 0.9999940391390134, 0.999996315985308, 0.9999977231537053, 0.9999985928316028, 0.9999991303221026, 0.9999994625095001, 0.9999996678126024, 0.9999997946968977, 0.9999998731157048, 0.9999999215811929, 0.9999999515345118, 0.9999999700466811, 0.9999999848800776] },
  asymmetric: { lo: 0.0, hi: 1.0, x: 0.7, nfev: 18, points: [0.3819660112501051, 0.6180339887498948, 0.7639320225002102, 0.7110053332411044, 0.6942653996874321, 0.7078921432601349, 0.7054521603997445, 0.7011791980316531, 0.7, 0.699999989616322, 0.7005782346935814, 0.7002208659994736, 0.7001100279567146, 0.7000549132689236, 0.7000274315237993, 0.7000137094916552, 0.700006853178748, 0.7000000103836779] },
  steps: { lo: 0.0, hi: 1.0, x: 0.4081233415233959, nfev: 34, points: [0.3819660112501051, 0.6180339887498948, 0.2360679774997897, 0.40812335289762686, 0.39504468207386595, 0.40004028980087103, 0.4031277451706218, 0.4050358975278761, 0.4062152005403725, 0.40694404988513044, 0.40739450355286894, 0.40767289922988836, 0.40784495722060743, 0.4079512949069078, 0.40801701521132644, 0.40805763259320815, 0.4080827355157451, 0.40809824997508987, 0.408107838438282, 0.40811376443443464, 0.4081174269014742, 0.4081196904305873, 0.40812108936851377, 0.40812195395970047, 0.4081224883064402, 0.4081228185508871, 0.4081230226531799, 0.40812314879533407, 0.40812322675547275, 0.4081232749374882, 0.40812330471561137, 0.4081233231195036, 0.40812333449373456, 0.4081233415233959] },
};

const functions: Record<keyof typeof SCIPY, (x: number) => number> = {
  parabola: (x) => (x - 1) * (x - 1),
  kink: (x) => Math.abs(x - 0.3),
  quartic: (x) => x * x * x * x - 3 * x * x * x + 2,
  xPlusInverse: (x) => x + 1 / x,
  increasing: (x) => x,
  decreasing: (x) => -x,
  asymmetric: (x) => (x < 0.7 ? 3 * (0.7 - x) : 50 * (x - 0.7) * (x - 0.7)),
  steps: (x) => Math.floor(16 * Math.abs(x - 0.37)),
};
const options = { relTolerance: Math.sqrt(2.2e-16), absTolerance: 3e-12 / 3 };

function trace(name: keyof typeof SCIPY) {
  const points: number[] = [];
  const f = functions[name];
  const result = brentMinimize((x) => (points.push(x), f(x)), SCIPY[name].lo, SCIPY[name].hi, options);
  return { points, result };
}

describe("brentMinimize evaluates f where SciPy's bounded Brent method does", () => {
  const exact = ["kink", "quartic", "xPlusInverse", "increasing", "decreasing", "asymmetric", "steps"] as const;
  it.each(exact)("%s: the same abscissae in the same order, the same minimum and count", (name) => {
    const { points, result } = trace(name);
    expect(points).toEqual(SCIPY[name].points);
    expect(result.x).toBe(SCIPY[name].x);
    expect(result.evaluations).toBe(SCIPY[name].nfev);
    expect(result.value).toBe(functions[name](result.x));
  });
  it("parabola: the same points; at the exact minimum (d = 0) Brent steps by −tol first, SciPy by +tol", () => {
    // Brent's localmin: u = x + (|d| ≥ tol ? d : d > 0 ? tol : −tol), so d = 0 gives −tol; SciPy's
    // sign(d) + (d == 0) gives +tol. The two last evaluations swap; everything else is the same.
    const { points, result } = trace("parabola");
    const ref = SCIPY.parabola.points;
    expect(points.slice(0, 4)).toEqual(ref.slice(0, 4));
    expect(points.slice(4)).toEqual([ref[5], ref[4]]);
    expect(result.x).toBe(1);
    expect(result.evaluations).toBe(SCIPY.parabola.nfev);
  });
});

describe("brentMinimize's bookkeeping and refusals", () => {
  it("evaluates f once at the start and once per iteration: maxIterations = 3 costs 4 calls, then throws", () => {
    let calls = 0;
    const f = (x: number) => (calls++, Math.abs(x - 0.3));
    expect(() => brentMinimize(f, 0, 1, { maxIterations: 3 })).toThrow(/did not converge in 3 iterations/);
    expect(calls).toBe(4);
  });
  it("refuses lo = hi as well as lo > hi, naming both", () => {
    expect(() => brentMinimize(Math.abs, 1, 1)).toThrow(/lo must be less than hi, got lo = 1, hi = 1/);
  });
  it("names the parameter or option it refuses", () => {
    expect(() => brentMinimize(42 as unknown as (x: number) => number, 0, 1)).toThrow(/\bf\b/);
    expect(() => brentMinimize(Math.abs, Number.NaN, 1)).toThrow(/\blo\b/);
    expect(() => brentMinimize(Math.abs, 0, Infinity)).toThrow(/\bhi\b/);
    expect(() => brentMinimize(Math.abs, 0, 1, { absTolerance: -1 })).toThrow(/options\.absTolerance/);
    expect(() => brentMinimize(Math.abs, 0, 1, { maxIterations: 0 })).toThrow(/options\.maxIterations/);
  });
});
