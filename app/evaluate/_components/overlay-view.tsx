'use client';

import { useEffect, useId, useRef, useState } from 'react';

import { paintOverlay } from './paint-overlay';

/** The TP/FP/FN overlay on a canvas, with a Z slider for stacks and a text legend with counts. */
export function OverlayView({ classes, shape, counts }: { classes: Uint8Array; shape: [number, number, number]; counts: { tp: number; fp: number; fn: number } }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [z, setZ] = useState(Math.floor(shape[0] / 2));
  const sliderId = useId();
  const slice = Math.min(z, shape[0] - 1);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(paintOverlay(classes, shape, slice), shape[2], shape[1]), 0, 0);
  }, [classes, shape, slice]);
  // Small images are enlarged with square pixels; large ones shrink to the column width.
  const scale = Math.max(1, Math.floor(480 / Math.max(shape[1], shape[2])));
  return (
    <figure className="overlay">
      <canvas
        ref={canvas}
        width={shape[2]}
        height={shape[1]}
        style={{ width: shape[2] * scale, maxWidth: '100%' }}
        role="img"
        aria-label={`Overlay of slice ${slice + 1} of ${shape[0]}: matched objects green, extra predictions purple, missed objects orange`}
        data-testid="overlay-canvas"
      />
      {shape[0] > 1 ? (
        <p>
          <label htmlFor={sliderId}>
            Z slice {slice + 1} of {shape[0]}{' '}
          </label>
          <input id={sliderId} type="range" min={0} max={shape[0] - 1} value={slice} onChange={(e) => setZ(Number(e.target.value))} data-testid="z-slider" />
        </p>
      ) : null}
      <figcaption>
        <ul className="legend" data-testid="overlay-legend">
          <li>
            <span className="swatch tp" aria-hidden="true" /> <strong>Matched (TP)</strong>, green: {plural(counts.tp, 'truth object')} found with IoU at or above the threshold
          </li>
          <li>
            <span className="swatch fp" aria-hidden="true" /> <strong>Extra prediction (FP)</strong>, purple: {plural(counts.fp, 'predicted object')} with no match
          </li>
          <li>
            <span className="swatch fn" aria-hidden="true" /> <strong>Missed (FN)</strong>, orange: {plural(counts.fn, 'truth object')} with no match
          </li>
        </ul>
        <p className="muted">Where a missed or extra object overlaps a matched one, the miss or extra is drawn on top, so splits and merges stay visible.</p>
      </figcaption>
    </figure>
  );
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
