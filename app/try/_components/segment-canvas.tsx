'use client';

import { useEffect, useId, useRef } from 'react';

import { paintDisc, paintSlice } from './paint-overlay';
import type { LoadedImage } from './protocol';

interface Props {
  image: LoadedImage;
  labels: Int32Array | null;
  probability: Float32Array | null;
  /** A one-slice P(objects) preview for `preview.slice` (3D, while the stack is predicted). */
  preview?: { slice: number; probability: Float32Array } | null;
  /** Scribbles (same layout as the image), painted in place; `version` changes trigger a redraw. */
  scribbles: Uint8Array;
  version: number;
  slice: number;
  onSlice: (z: number) => void;
  /** Scribble value to paint, or null when painting is off. */
  paint: number | null;
  brush: number;
  onPainted: () => void;
  onStrokeEnd: () => void;
}

/** The image with object outlines, optional probability tint and scribbles; paints when `paint` is set. */
export function SegmentCanvas(p: Props) {
  const [Z, Y, X] = p.image.shape;
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const sliderId = useId();

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const data = ctx.createImageData(X, Y);
    if (p.preview && p.preview.slice === p.slice) paintSlice(data.data, X, Y, p.slice, p.image.display, null, p.scribbles, p.preview.probability, 0);
    else paintSlice(data.data, X, Y, p.slice, p.image.display, p.labels, p.scribbles, p.probability);
    ctx.putImageData(data, 0, 0);
  }, [p.image, p.labels, p.probability, p.preview, p.scribbles, p.version, p.slice, X, Y]);

  const at = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * X - 0.5, ((e.clientY - r.top) / r.height) * Y - 0.5] as const;
  };
  const dab = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (p.paint === null) return;
    const [x, y] = at(e);
    if (paintDisc(p.scribbles, X, Y, p.slice, x, y, p.brush, p.paint)) p.onPainted();
  };

  return (
    <div className="try-view">
      {Z > 1 ? (
        <div className="slice-controls">
          <label htmlFor={sliderId}>
            Z slice {p.slice + 1} of {Z}
          </label>
          <input id={sliderId} type="range" min={1} max={Z} value={p.slice + 1} onChange={(e) => p.onSlice(Number(e.target.value) - 1)} />
        </div>
      ) : null}
      <canvas
        ref={ref}
        width={X}
        height={Y}
        data-testid="try-canvas"
        className={p.paint !== null ? 'try-canvas painting' : 'try-canvas'}
        role="img"
        aria-label={`image ${X}×${Y}${Z > 1 ? `, slice ${p.slice + 1} of ${Z}` : ''} with object outlines${p.paint !== null ? '; drag to paint scribbles' : ''}`}
        onPointerDown={(e) => {
          if (p.paint === null) return;
          drawing.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          dab(e);
        }}
        onPointerMove={(e) => {
          if (drawing.current) dab(e);
        }}
        onPointerUp={() => {
          if (!drawing.current) return;
          drawing.current = false;
          p.onStrokeEnd();
        }}
      />
    </div>
  );
}
