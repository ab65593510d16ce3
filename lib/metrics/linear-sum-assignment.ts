/**
 * Minimum-cost assignment of rows to columns of a dense cost matrix (Hungarian method with
 * potentials, O(n²·m), the shortest-augmenting-path form that Jonker–Volgenant refine). Every row is
 * assigned when rows ≤ columns, every column otherwise, like scipy's `linear_sum_assignment`.
 * @param cost - Row-major costs, `rows × cols`.
 * @param rows - Number of rows.
 * @param cols - Number of columns.
 * @returns `rowToCol[r]` = assigned column or −1.
 */
export function linearSumAssignment(cost: Float64Array, rows: number, cols: number): Int32Array {
  const transpose = rows > cols;
  const n = transpose ? cols : rows;
  const m = transpose ? rows : cols;
  const a = (i: number, j: number): number => (transpose ? cost[j * cols + i]! : cost[i * cols + j]!);
  // 1-based arrays; column 0 is the virtual start of each augmenting path.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const owner = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    owner[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = owner[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = a(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[owner[j]!]! += delta;
          v[j]! -= delta;
        } else {
          minv[j]! -= delta;
        }
      }
      j0 = j1;
    } while (owner[j0] !== 0);
    do {
      const j1 = way[j0]!;
      owner[j0] = owner[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const rowToCol = new Int32Array(rows).fill(-1);
  for (let j = 1; j <= m; j++) {
    const i = owner[j]!;
    if (i === 0) continue;
    if (transpose) rowToCol[j - 1] = i - 1;
    else rowToCol[i - 1] = j - 1;
  }
  return rowToCol;
}
