"""Peer throughput for bench/quantize.bench.ts: FP32 -> format -> FP32 round trips.

    python bench/peers.py DATA.f32 [RUNS]

DATA.f32 holds the benchmark's array as raw little-endian float32 (the TypeScript benchmark writes it, so
both sides time the very same values). Prints one JSON object {peer name: M elements/s}, best of RUNS
timed runs (default 3) after one warm-up, or a line "peers skipped: <reason>" when numpy or ml_dtypes is
missing. The TypeScript benchmark calls it with RUNS = 1 once per round of its own repetitions, so that
a slow spell of the machine hits both sides alike.
"""
import json
import sys
import time


def main() -> None:
    try:
        import numpy as np
        import ml_dtypes
    except ImportError as error:  # the caller prints this line as is
        print(f"peers skipped: {error}")
        return
    if len(sys.argv) not in (2, 3):
        print("peers skipped: usage: python bench/peers.py DATA.f32 [RUNS]")
        return
    runs = int(sys.argv[2]) if len(sys.argv) == 3 else 3
    x = np.fromfile(sys.argv[1], dtype="<f4")
    n = x.size
    out = np.empty_like(x)
    peers = {
        "ml_dtypes float8_e4m3fn": ml_dtypes.float8_e4m3fn,
        "ml_dtypes float4_e2m1fn": ml_dtypes.float4_e2m1fn,
        "numpy float16": np.float16,
    }
    result = {}
    with np.errstate(over="ignore", invalid="ignore"):
        for name, dtype in peers.items():
            x.astype(dtype).astype(np.float32)  # warm-up
            best = float("inf")
            for _ in range(runs):
                t0 = time.perf_counter()
                np.copyto(out, x.astype(dtype))
                best = min(best, time.perf_counter() - t0)
            result[name] = n / best / 1e6
    print(json.dumps(result))


if __name__ == "__main__":
    main()
