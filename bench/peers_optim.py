"""numpy peers for bench/optim.bench.ts: the same steps, written the way a numpy user would.

    python bench/peers_optim.py [RUNS]

Prints one JSON object, best of RUNS timed runs (default 3) after one warm-up:
  "adam_ms":      one Adam step on a 256x256 float64 weight matrix (bias correction, eps 1e-8)
  "muon_ms":      one Muon step on 256x256: Nesterov momentum, quintic Newton-Schulz (5 steps,
                  (3.4445, -4.7750, 2.0315), A = X X^T, B = bA + cA@A, X = aX + B@X), the update
  "ns_ms":        the Newton-Schulz iteration alone
  "matmul_ms":    one 256x256 product g @ w (OpenBLAS dgemm)
  "blas":         the BLAS core type and the number of threads it runs on (read from OpenBLAS itself)
                  (every figure is process CPU time, time.process_time: on a shared
                  machine a 20-90 ms step is preempted in most wall-clock runs; the TypeScript side does the same)
  "sgd_b1_mcu":   one-pass SGD on linear regression, d = 256, batch 1, data stochastically rounded on a
                  grid of step 0.05, parameters rounded to 7 mantissa bits (frexp/ldexp), iterate average;
                  million coordinate-updates per second (examples x d / CPU seconds, as the TypeScript side);
                  each step draws its example (d normals, d uniforms for the rounding, one label normal), as ours
  "sgd_b32_mcu":  the same with batch 32 (numpy vectorizes over the batch)
  "sgd_b1_blocked_mcu": batch 1 with the examples drawn and quantized 1024 at a time (they do not depend on
                  the iterate), only the recursion on the weights looping in Python: the faster numpy program
or a line "peers skipped: <reason>" when numpy is missing. The TypeScript benchmark calls it with RUNS = 1
once per round of its own, so that a slow spell of the machine hits both sides alike.
"""
import ctypes
import glob
import json
import os
import sys
import time


def blas_info(np) -> str:
    """OpenBLAS's core type and thread count, asked from the library numpy loaded (numpy's wheels bundle it)."""
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "*openblas*"))
    for path in libs:
        lib = ctypes.CDLL(path)
        for prefix, suffix in (("scipy_openblas_", "64_"), ("scipy_openblas_", ""), ("openblas_", "64_"), ("openblas_", "")):
            try:
                threads = getattr(lib, f"{prefix}get_num_threads{suffix}")
                core = getattr(lib, f"{prefix}get_corename{suffix}")
            except AttributeError:
                continue
            core.restype = ctypes.c_char_p
            return f"OpenBLAS {core().decode()} kernels, {threads()} thread(s)"
    return "BLAS threads unknown (not numpy's bundled OpenBLAS)"


def main() -> None:
    try:
        import numpy as np
    except ImportError as error:  # the caller prints this line as is
        print(f"peers skipped: {error}")
        return
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    rng = np.random.default_rng(2026)
    n = 256

    w = rng.standard_normal((n, n))
    g = rng.standard_normal((n, n))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    state = {"t": 0}

    def adam_step() -> None:
        state["t"] += 1
        t = state["t"]
        m[...] = 0.9 * m + 0.1 * g
        v[...] = 0.999 * v + 0.001 * g * g
        m_hat = m / (1 - 0.9**t)
        v_hat = v / (1 - 0.999**t)
        w[...] = w - 1e-3 * m_hat / (np.sqrt(v_hat) + 1e-8)

    a, b, c = 3.4445, -4.7750, 2.0315

    def newton_schulz(u):
        x = u / (np.linalg.norm(u) + 1e-7)
        for _ in range(5):
            A = x @ x.T
            B = b * A + c * A @ A
            x = a * x + B @ x
        return x

    mom = np.zeros_like(w)

    def muon_step() -> None:
        mom[...] = 0.95 * mom + 0.05 * g
        u = 0.05 * g + 0.95 * mom
        w[...] = w - 0.02 * newton_schulz(u)

    d = 256
    lam = np.arange(1, d + 1, dtype=float) ** -2.0
    sq = np.sqrt(lam)
    wstar = np.sqrt(np.arange(1, d + 1) ** -1.5 / lam)
    samples = 8192

    def sgd(batch: int) -> None:
        wt = np.zeros(d)
        avg = np.zeros(d)
        step = 0.05
        for _ in range(samples // batch):
            avg += wt
            x = rng.standard_normal((batch, d)) * sq
            y = x @ wstar + 0.1 * rng.standard_normal(batch)
            s = x / step
            f = np.floor(s)
            x = (f + (rng.random((batch, d)) < (s - f))) * step
            r = x @ wt - y
            wt -= 0.1 * (r @ x) / batch
            mant, ex = np.frexp(wt)
            wt = np.ldexp(np.round(mant * 256) / 256, ex)
        avg /= samples // batch

    def sgd_blocked(block: int = 1024) -> None:
        # batch 1 as above, but the examples (and their quantization) drawn 1024 at a time: they do not depend
        # on the iterate, so a numpy user can vectorize them; only the recursion on wt stays a Python loop
        wt = np.zeros(d)
        avg = np.zeros(d)
        step = 0.05
        for _ in range(samples // block):
            X = rng.standard_normal((block, d)) * sq
            Y = X @ wstar + 0.1 * rng.standard_normal(block)
            S = X / step
            F = np.floor(S)
            X = (F + (rng.random((block, d)) < (S - F))) * step
            for t in range(block):
                avg += wt
                x = X[t]
                wt -= 0.1 * (x @ wt - Y[t]) * x
                mant, ex = np.frexp(wt)
                wt = np.ldexp(np.round(mant * 256) / 256, ex)
        avg /= samples

    def best_cpu(fn, *args, repeats=1) -> float:
        fn(*args)
        times = []
        for _ in range(runs * repeats):
            t0 = time.process_time()
            fn(*args)
            times.append(time.process_time() - t0)
        return min(times)

    result = {
        # 3 timed calls per run, as the TypeScript side's CALLS
        "adam_ms": best_cpu(adam_step, repeats=3) * 1e3,
        "muon_ms": best_cpu(muon_step, repeats=3) * 1e3,
        "ns_ms": best_cpu(newton_schulz, g, repeats=3) * 1e3,
        "matmul_ms": best_cpu(lambda: g @ w, repeats=3) * 1e3,
        "sgd_b1_mcu": samples * d / best_cpu(sgd, 1, repeats=3) / 1e6,
        "sgd_b32_mcu": samples * d / best_cpu(sgd, 32, repeats=3) / 1e6,
        "sgd_b1_blocked_mcu": samples * d / best_cpu(sgd_blocked, repeats=3) / 1e6,
    }
    result["blas"] = blas_info(np)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
