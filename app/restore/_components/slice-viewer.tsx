'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';

/** One image of the viewer: a name and normalized float data of shape `[z, y, x]`. */
export interface ViewerChannel {
  label: string;
  data: Float32Array;
}

/**
 * Side-by-side Z-slice viewer. All panels share one display window (the 0.5th–99.5th percentile of
 * the first panel, the raw), so brightness differences between raw and restored are real.
 */
export function SliceViewer({ shape, channels }: { shape: readonly [number, number, number]; channels: readonly ViewerChannel[] }) {
  const [z, y, x] = shape;
  const [slice, setSlice] = useState(Math.floor(z / 2));
  const sliderId = useId();
  const window = useMemo(() => displayWindow(channels[0]?.data ?? new Float32Array(1)), [channels]);
  const current = Math.min(slice, z - 1);
  return (
    <div className="slice-viewer">
      <div className="slice-controls">
        <label htmlFor={sliderId}>
          Z slice {current + 1} of {z}
        </label>
        <input id={sliderId} type="range" min={1} max={z} step={1} value={current + 1} onChange={(e) => setSlice(Number(e.target.value) - 1)} disabled={z === 1} />
        <span className="muted small">
          Shared contrast: {window.lo.toFixed(2)} to {window.hi.toFixed(2)} (normalized units)
        </span>
      </div>
      <div className="slice-panels">
        {channels.map((c) => (
          <figure key={c.label}>
            <SliceCanvas data={c.data} width={x} height={y} slice={current} lo={window.lo} hi={window.hi} label={`${c.label}, slice ${current + 1}`} />
            <figcaption>{c.label}</figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}

function SliceCanvas({ data, width, height, slice, lo, hi, label }: { data: Float32Array; width: number; height: number; slice: number; lo: number; hi: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(width, height);
    const offset = slice * width * height;
    const scale = hi > lo ? 255 / (hi - lo) : 0;
    for (let i = 0; i < width * height; i++) {
      const v = Math.max(0, Math.min(255, ((data[offset + i] ?? 0) - lo) * scale));
      image.data[i * 4] = v;
      image.data[i * 4 + 1] = v;
      image.data[i * 4 + 2] = v;
      image.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [data, width, height, slice, lo, hi]);
  return <canvas ref={ref} width={width} height={height} role="img" aria-label={label} />;
}

/** 0.5th and 99.5th percentiles from a strided sample (fast on large stacks). */
function displayWindow(data: Float32Array): { lo: number; hi: number } {
  const step = Math.max(1, Math.floor(data.length / 200_000));
  const sample: number[] = [];
  for (let i = 0; i < data.length; i += step) if (Number.isFinite(data[i])) sample.push(data[i]!);
  sample.sort((a, b) => a - b);
  if (sample.length === 0) return { lo: 0, hi: 1 };
  const at = (q: number) => sample[Math.min(sample.length - 1, Math.floor(q * (sample.length - 1)))]!;
  const lo = at(0.005);
  const hi = at(0.995);
  return hi > lo ? { lo, hi } : { lo, hi: lo + 1 };
}
