"""Peer throughput for bench/quantize.bench.ts: FP32 -> format -> FP32 round trips.

Prints one JSON object {peer name: M elements/s}, best of 3 runs on N FP32 elements (argv[1],
default 2^24) drawn like the TypeScript benchmark (normal times 2^k, k uniform in [-16, 12]),
or a line "peers skipped: <reason>" when numpy or ml_dtypes is missing.
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
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1 << 24
    rng = np.random.default_rng(2026)
    x = (rng.standard_normal(n) * np.exp2(rng.integers(-16, 13, n))).astype(np.float32)
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
            for _ in range(3):
                t0 = time.perf_counter()
                np.copyto(out, x.astype(dtype))
                best = min(best, time.perf_counter() - t0)
            result[name] = n / best / 1e6
    print(json.dumps(result))


if __name__ == "__main__":
    main()
