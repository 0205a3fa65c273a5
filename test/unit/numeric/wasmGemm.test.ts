import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/random";
import { gemmModuleBytes, packColumnPanels, packRowPanels } from "../../../src/numeric/wasmGemm";

/** The WebAssembly JS API, typed here (the project's TypeScript libraries do not declare it). */
const wasm = (
  globalThis as unknown as {
    WebAssembly: {
      Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
    };
  }
).WebAssembly;

const SENTINEL = -777.25; // a value no packing or product here produces

/** Whether every entry has the same bits (NaN equals NaN); the first differing index otherwise. */
function firstDifference(got: Float64Array, want: Float64Array): number {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) return i;
  return -1;
}

describe("packRowPanels", () => {
  it("lays rows out in panels of `width` rows, column by column, zeros past the last row, nothing outside", () => {
    const rng = createRandom(41);
    for (const [rows, k, width] of [[5, 3, 4], [8, 2, 4], [4, 1, 4], [3, 2, 2], [7, 5, 3], [1, 4, 2]]) {
      const src = rng.fillNormal(new Float64Array(rows * k));
      const panels = Math.ceil(rows / width);
      const base = 3;
      const size = panels * width * k;
      // the layout from its definition: slot base + panel·width·k + p·width + r holds row panel·width + r, column p
      const want = new Float64Array(base + size + 5).fill(SENTINEL);
      for (let panel = 0; panel < panels; panel++) {
        for (let p = 0; p < k; p++) {
          for (let r = 0; r < width; r++) {
            const row = panel * width + r;
            want[base + panel * width * k + p * width + r] = row < rows ? src[row * k + p] : 0;
          }
        }
      }
      const dst = new Float64Array(want.length).fill(SENTINEL);
      packRowPanels(src, rows, k, width, dst, base);
      expect(firstDifference(dst, want), `${rows}×${k}, width ${width}`).toBe(-1);
    }
  });
});

describe("packColumnPanels", () => {
  it("lays columns out in panels of `width` columns, row by row, zeros past the last column, nothing outside", () => {
    const rng = createRandom(42);
    for (const [k, cols, width] of [[3, 5, 4], [2, 8, 4], [2, 4, 4], [4, 3, 2], [3, 7, 3], [2, 1, 2], [3, 9, 4]]) {
      const src = rng.fillNormal(new Float64Array(k * cols));
      const panels = Math.ceil(cols / width);
      const base = 2;
      const size = panels * width * k;
      const want = new Float64Array(base + size + 6).fill(SENTINEL);
      for (let panel = 0; panel < panels; panel++) {
        for (let p = 0; p < k; p++) {
          for (let t = 0; t < width; t++) {
            const col = panel * width + t;
            want[base + panel * width * k + p * width + t] = col < cols ? src[p * cols + col] : 0;
          }
        }
      }
      const dst = new Float64Array(want.length).fill(SENTINEL);
      packColumnPanels(src, k, cols, width, dst, base);
      expect(firstDifference(dst, want), `${k}×${cols}, width ${width}`).toBe(-1);
    }
  });
});

describe("the module's gemm export", () => {
  /** Runs gemm on X·Xᵀ (X r×c) with the given tile and `upper`, C prefilled with SENTINEL; returns the padded C. */
  function runGram(x: Float64Array, r: number, c: number, mr: number, nr: number, upper: number) {
    const bytes = gemmModuleBytes(mr, nr);
    const memory = new wasm.Memory({ initial: 2 });
    const gemm = new wasm.Instance(new wasm.Module(bytes), { env: { memory } }).exports.gemm as (...args: number[]) => void;
    const mPanels = Math.ceil(r / mr);
    const nPanels = Math.ceil(r / nr);
    const ldc = nPanels * nr;
    const pb = mPanels * mr * c;
    const pc = pb + ldc * c;
    const f = new Float64Array(memory.buffer);
    packRowPanels(x, r, c, mr, f, 0);
    packRowPanels(x, r, c, nr, f, pb); // Xᵀ's column panels are X's row panels
    f.fill(SENTINEL, pc, pc + mPanels * mr * ldc);
    gemm(0, pb * 8, pc * 8, mPanels, nPanels, c, ldc * 8, upper);
    return { f, pc, ldc, mPanels, nPanels };
  }

  it("with upper = 1 computes exactly the row panels ip < ceil((jp + 1)·nr / mr) of each column panel jp; with 0, all", () => {
    const rng = createRandom(43);
    for (const [mr, nr, r, c] of [[4, 4, 10, 3], [2, 6, 13, 4], [3, 2, 11, 2]]) {
      const x = rng.fillNormal(new Float64Array(r * c));
      for (const upper of [1, 0]) {
        const { f, pc, ldc, mPanels, nPanels } = runGram(x, r, c, mr, nr, upper);
        for (let ip = 0; ip < mPanels; ip++) {
          for (let jp = 0; jp < nPanels; jp++) {
            const computed = upper === 0 || ip < Math.ceil(((jp + 1) * nr) / mr);
            for (let i = ip * mr; i < (ip + 1) * mr; i++) {
              for (let j = jp * nr; j < (jp + 1) * nr; j++) {
                const got = f[pc + i * ldc + j];
                if (!computed) {
                  expect(got, `tile ${mr}×${nr}, (${i}, ${j}) left alone`).toBe(SENTINEL);
                } else if (i < r && j < r) {
                  let s = 0;
                  for (let p = 0; p < c; p++) s += x[i * c + p] * x[j * c + p];
                  expect(got, `tile ${mr}×${nr}, (${i}, ${j})`).toBe(s);
                } else {
                  expect(got, `tile ${mr}×${nr}, padded (${i}, ${j}) is a product of zeros`).toBe(0);
                }
              }
            }
          }
        }
      }
    }
  });
});
