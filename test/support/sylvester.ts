import { Matrix } from "ml-matrix";

/**
 * The Sylvester Hadamard matrix H_n built from its definition H_1 = [1], H_{2n} = [[H, H], [H, −H]]:
 * the independent reference for the fast Walsh–Hadamard transforms (n a power of two).
 */
export function sylvester(n: number): Matrix {
  let h = new Matrix([[1]]);
  while (h.rows < n) {
    const m = h.rows;
    const next = new Matrix(2 * m, 2 * m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        const v = h.get(i, j);
        next.set(i, j, v);
        next.set(i, j + m, v);
        next.set(i + m, j, v);
        next.set(i + m, j + m, -v);
      }
    }
    h = next;
  }
  return h;
}
