'use client';

/** The intensity histogram the threshold was chosen on, with the threshold marked (square-root scale). */
export function ThresholdHistogram({ counts, centers, threshold }: { counts: Float64Array; centers: Float64Array; threshold: number }) {
  const W = 320;
  const H = 90;
  const n = counts.length;
  // Integer histograms can have thousands of bins: group them into at most 128 bars.
  const group = Math.max(1, Math.ceil(n / 128));
  const bars: number[] = [];
  for (let i = 0; i < n; i += group) {
    let s = 0;
    for (let j = i; j < Math.min(n, i + group); j++) s += counts[j]!;
    bars.push(Math.sqrt(s));
  }
  const max = Math.max(...bars, 1);
  const lo = centers[0]!;
  const hi = centers[n - 1]!;
  const tx = hi > lo ? ((threshold - lo) / (hi - lo)) * W : W / 2;
  const bw = W / bars.length;
  return (
    <figure className="try-chart">
      <svg viewBox={`0 0 ${W} ${H + 14}`} width={W} height={H + 14} role="img" aria-label={`intensity histogram from ${fmt(lo)} to ${fmt(hi)}, threshold ${fmt(threshold)}`}>
        {bars.map((b, i) => (
          <rect key={i} x={i * bw} y={H - (b / max) * H} width={Math.max(1, bw - 0.5)} height={(b / max) * H} fill="#8a94a6" />
        ))}
        <line x1={tx} x2={tx} y1={0} y2={H} stroke="#d55e00" strokeWidth={2} />
        <text x={Math.min(W - 60, Math.max(0, tx + 3))} y={H + 12} fontSize={11} fill="#d55e00">
          {fmt(threshold)}
        </text>
      </svg>
      <figcaption className="small muted">Intensity histogram (√ counts) and the threshold; pixels above it are objects.</figcaption>
    </figure>
  );
}

/** Object sizes as bars. */
export function SizeHistogram({ edges, counts }: { edges: number[]; counts: number[] }) {
  const W = 320;
  const H = 70;
  const max = Math.max(...counts, 1);
  const bw = W / Math.max(1, counts.length);
  return (
    <figure className="try-chart">
      <svg viewBox={`0 0 ${W} ${H + 14}`} width={W} height={H + 14} role="img" aria-label={`object sizes from ${edges[0] ?? 0} to ${edges.at(-1) ?? 0} pixels`}>
        {counts.map((c, i) => (
          <rect key={i} x={i * bw} y={H - (c / max) * H} width={bw - 1} height={(c / max) * H} fill="#0072b2" />
        ))}
        <text x={0} y={H + 12} fontSize={11}>
          {edges[0]}
        </text>
        <text x={W - 40} y={H + 12} fontSize={11}>
          {edges.at(-1)} px
        </text>
      </svg>
      <figcaption className="small muted">Object sizes (pixels or voxels); a long tail of tiny objects usually means fragments.</figcaption>
    </figure>
  );
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 || Number.isInteger(v) ? v.toFixed(0) : v.toPrecision(3);
}
