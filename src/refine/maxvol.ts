/**
 * Small dense linear algebra for cross approximation: modified Gram-Schmidt QR and maxvol row
 * selection (the rows of a tall N x r matrix whose r x r submatrix has near-maximal |det|: every other
 * row is a combination of them with coefficients <= tol in magnitude).
 */

/** Orthonormal basis of the columns of A (N x c, row-major), dropping dependent columns. */
export function orthonormalColumns(A: Float64Array, N: number, c: number): { Q: Float64Array; cols: number } {
  const cols: Float64Array[] = [];
  for (let k = 0; k < c; k++) {
    const v = Float64Array.from({ length: N }, (_, i) => A[i * c + k]);
    for (const q of cols) {
      let dot = 0;
      for (let i = 0; i < N; i++) dot += q[i] * v[i];
      for (let i = 0; i < N; i++) v[i] -= dot * q[i];
    }
    let norm = 0;
    for (let i = 0; i < N; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    if (norm > 1e-10) {
      for (let i = 0; i < N; i++) v[i] /= norm;
      cols.push(v);
    }
  }
  const r = cols.length, Q = new Float64Array(N * r);
  cols.forEach((q, k) => { for (let i = 0; i < N; i++) Q[i * r + k] = q[i]; });
  return { Q, cols: r };
}

/** Solves X·S = A for X (A: N x r, S: r x r) by Gaussian elimination with partial pivoting on S^T. */
function rightSolve(A: Float64Array, S: Float64Array, N: number, r: number): Float64Array {
  // X S = A  <=>  S^T X^T = A^T; factor S^T once.
  const M = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) M[i * r + j] = S[j * r + i];
  const perm = Array.from({ length: r }, (_, i) => i);
  for (let k = 0; k < r; k++) {
    let p = k;
    for (let i = k + 1; i < r; i++) if (Math.abs(M[i * r + k]) > Math.abs(M[p * r + k])) p = i;
    if (p !== k) {
      for (let j = 0; j < r; j++) [M[k * r + j], M[p * r + j]] = [M[p * r + j], M[k * r + j]];
      [perm[k], perm[p]] = [perm[p], perm[k]];
    }
    const piv = M[k * r + k] || 1e-300;
    for (let i = k + 1; i < r; i++) {
      const f = (M[i * r + k] /= piv);
      for (let j = k + 1; j < r; j++) M[i * r + j] -= f * M[k * r + j];
    }
  }
  const X = new Float64Array(N * r);
  const b = new Float64Array(r);
  for (let row = 0; row < N; row++) {
    for (let i = 0; i < r; i++) b[i] = A[row * r + perm[i]];
    for (let i = 0; i < r; i++) for (let j = 0; j < i; j++) b[i] -= M[i * r + j] * b[j];
    for (let i = r - 1; i >= 0; i--) {
      for (let j = i + 1; j < r; j++) b[i] -= M[i * r + j] * b[j];
      b[i] /= M[i * r + i] || 1e-300;
    }
    for (let i = 0; i < r; i++) X[row * r + i] = b[i];
  }
  return X;
}

/** r row indices of A (N x r, N >= r, full column rank) forming a dominant submatrix. */
export function maxvol(A: Float64Array, N: number, r: number, tol = 1.05, maxIter = 100): number[] {
  // Start: greedy pivoting (Gaussian elimination choosing the largest remaining entry per column).
  const W = Float64Array.from(A);
  const rows: number[] = [];
  const used = new Uint8Array(N);
  for (let k = 0; k < r; k++) {
    let p = -1;
    for (let i = 0; i < N; i++) if (!used[i] && (p < 0 || Math.abs(W[i * r + k]) > Math.abs(W[p * r + k]))) p = i;
    used[p] = 1;
    rows.push(p);
    const piv = W[p * r + k];
    if (Math.abs(piv) < 1e-300) continue;
    for (let i = 0; i < N; i++) {
      if (used[i]) continue;
      const f = W[i * r + k] / piv;
      for (let j = k; j < r; j++) W[i * r + j] -= f * W[p * r + j];
    }
  }
  // Swaps: while some row has a coefficient > tol on the current basis rows, exchange it in.
  for (let it = 0; it < maxIter; it++) {
    const S = new Float64Array(r * r);
    rows.forEach((row, i) => { for (let j = 0; j < r; j++) S[i * r + j] = A[row * r + j]; });
    const B = rightSolve(A, S, N, r);
    let bi = 0, bj = 0, bv = 0;
    for (let i = 0; i < N; i++) for (let j = 0; j < r; j++) if (Math.abs(B[i * r + j]) > bv) { bv = Math.abs(B[i * r + j]); bi = i; bj = j; }
    if (bv <= tol || rows.includes(bi)) break;
    rows[bj] = bi;
  }
  return rows;
}
