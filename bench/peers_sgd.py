"""Peer throughput for bench/sgd.bench.ts: the quantized-SGD inner loop in vectorized numpy.

    python bench/peers_sgd.py D K BITS RANGE ROUNDS [RUNS]

The same loop as the TypeScript benchmark, one round at a time (rounds are sequential: round t's query is
round t - 1's iterate), each round vectorized over the d coordinates:

1. oracle: g = x - theta + sigma * Z, Z ~ N(0, I_d) (numpy's ziggurat normals, d of them a round as ours);
2. public coin: a uniform random k-subset S (rng.choice without replacement);
3. encoder: b-bit stochastic rounding of g[S] on the uniform grid of [-M, M], the grid indices packed into
   bytes (np.packbits, least significant bit first, as the TypeScript BitWriter);
4. decoder: the indices unpacked from the bytes, g_hat[S] = (d/k) * grid point, 0 elsewhere (S reused:
   ours repeats the subset draws from its copy of the public coin, so numpy's side does a little less);
5. step: x -= g_hat / (t + 1).

Prints one JSON object {name: M coordinate-updates/s}, where a coordinate-update is one coordinate of the
d-dimensional iterate per round (d * rounds per run), best of RUNS runs timed in CPU time
(time.process_time, as the TypeScript side uses process.cpuUsage) after a warm-up;
also the oracle alone (its d normal draws a round). Prints "peers skipped: <reason>" without numpy.
"""
import json
import sys
import time


def main() -> None:
    try:
        import numpy as np
    except ImportError as error:  # the caller prints this line as is
        print(f"peers skipped: {error}")
        return
    if len(sys.argv) not in (6, 7):
        print("peers skipped: usage: python bench/peers_sgd.py D K BITS RANGE ROUNDS [RUNS]")
        return
    d, k, b = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    M, T = float(sys.argv[4]), int(sys.argv[5])
    runs = int(sys.argv[6]) if len(sys.argv) == 7 else 3
    rng = np.random.default_rng(2026)
    intervals = 2**b - 1
    delta = 2 * M / intervals
    theta = np.zeros(d)
    x = np.zeros(d)
    g_hat = np.zeros(d)
    shifts = np.arange(b, dtype=np.uint8)
    scale = d / k

    def sgd() -> None:
        x[:] = 0
        for t in range(T):
            g = x - theta + rng.standard_normal(d)
            S = rng.choice(d, k, replace=False)
            c = np.clip(g[S], -M, M)
            pos = (c + M) / delta
            j = np.minimum(np.floor(pos), intervals - 1)
            index = (j + (rng.random(k) < pos - j)).astype(np.uint8)
            message = np.packbits(((index[:, None] >> shifts) & 1).ravel(), bitorder="little")
            bits = np.unpackbits(message, count=k * b, bitorder="little").reshape(k, b)
            received = (bits << shifts).sum(axis=1)
            g_hat[:] = 0
            g_hat[S] = scale * (-M + received * delta)
            x[:] -= g_hat / (t + 1)

    def oracle() -> None:
        for _ in range(T):
            x - theta + rng.standard_normal(d)

    result = {}
    for name, fn in (("numpy quantized SGD", sgd), ("numpy oracle only", oracle)):
        fn()  # warm-up
        best = float("inf")
        for _ in range(runs):
            t0 = time.process_time()
            fn()
            best = min(best, time.process_time() - t0)
        result[name] = d * T / best / 1e6
    print(json.dumps(result))


if __name__ == "__main__":
    main()
