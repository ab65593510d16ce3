'use client';

import { useEffect, useId, useRef, useState } from 'react';

import type { OutlinePoint } from '@/lib/metrics';

import { extendPath, labelPosition, moveCursor, strokeKind, svgPoints, type DrawnOutline } from './outline-draw';
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
  /** Ground-truth outlines: those of the visible slice are drawn; `drawing` turns on the lasso (painting is then off). */
  outlines?: { list: readonly DrawnOutline[]; drawing: boolean; onAdd: (points: OutlinePoint[]) => void };
}

/**
 * The image with object outlines, optional probability tint and scribbles; paints when `paint` is set.
 * With `outlines.drawing`, draws ground-truth outlines instead: drag a closed lasso, or click points
 * (or move a cursor with the arrow keys and press Space) and press Enter to close; Escape cancels.
 */
export function SegmentCanvas(p: Props) {
  const [Z, Y, X] = p.image.shape;
  const ref = useRef<HTMLCanvasElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const drawing = useRef(false);
  const sliderId = useId();
  const helpId = useId();
  const lasso = p.outlines?.drawing === true;
  // The freehand path while the pointer is down, the clicked vertices of an outline being built, and the keyboard cursor.
  // The path lives in a ref (read at pointer-up, whatever React has rendered yet) mirrored into state for drawing.
  const pathRef = useRef<OutlinePoint[] | null>(null);
  const [path, setPathState] = useState<OutlinePoint[] | null>(null);
  const setPath = (next: OutlinePoint[] | null) => {
    pathRef.current = next;
    setPathState(next);
  };
  const [pending, setPending] = useState<OutlinePoint[]>([]);
  const [cursor, setCursor] = useState<OutlinePoint | null>(null);
  useEffect(() => {
    if (lasso) return;
    pathRef.current = null;
    setPathState(null);
    setPending([]);
    setCursor(null);
  }, [lasso]);
  const finish = (points: OutlinePoint[]) => {
    if (points.length >= 3) p.outlines?.onAdd(points);
    setPending([]);
  };

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
  const onKey = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (!lasso) return;
    const here = cursor ?? ([Math.floor(X / 2), Math.floor(Y / 2)] as const);
    const moved = moveCursor(here, e.key, e.shiftKey, X, Y);
    if (moved) setCursor(moved);
    else if (e.key === ' ') setPending((list) => [...list, here]);
    else if (e.key === 'Enter') finish(pending);
    else if (e.key === 'Escape') {
      setPending([]);
      setPath(null);
      drawing.current = false;
    } else if (e.key === 'Backspace') setPending((list) => list.slice(0, -1));
    else return;
    e.preventDefault();
  };

  const mine = (p.outlines?.list ?? []).map((o, i) => ({ ...o, n: i + 1 })).filter((o) => o.slice === p.slice);
  const font = Math.max(X, Y) / 24;
  const live = path ?? (pending.length > 0 ? [...pending, ...(cursor ? [cursor] : [])] : null);

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
      <div
        ref={stage}
        className="try-stage"
        {...(lasso
          ? {
              tabIndex: 0,
              role: 'application',
              'aria-label': 'outline drawing area',
              'aria-describedby': helpId,
              onKeyDown: onKey,
              'data-testid': 'outline-stage',
            }
          : {})}
      >
        <canvas
          ref={ref}
          width={X}
          height={Y}
          data-testid="try-canvas"
          className={p.paint !== null || lasso ? 'try-canvas painting' : 'try-canvas'}
          role="img"
          aria-label={`image ${X}×${Y}${Z > 1 ? `, slice ${p.slice + 1} of ${Z}` : ''} with object outlines${lasso ? '; drag around an object to outline it' : p.paint !== null ? '; drag to paint scribbles' : ''}`}
          onPointerDown={(e) => {
            if (lasso) {
              drawing.current = true;
              e.currentTarget.setPointerCapture(e.pointerId);
              stage.current?.focus({ preventScroll: true });
              setPath([at(e)]);
              return;
            }
            if (p.paint === null) return;
            drawing.current = true;
            e.currentTarget.setPointerCapture(e.pointerId);
            dab(e);
          }}
          onPointerMove={(e) => {
            if (!drawing.current) return;
            if (lasso) {
              if (pathRef.current) setPath(extendPath(pathRef.current, at(e)));
            } else dab(e);
          }}
          onPointerUp={() => {
            if (!drawing.current) return;
            drawing.current = false;
            if (lasso) {
              const done = pathRef.current ?? [];
              setPath(null);
              if (strokeKind(done) === 'outline') finish(done);
              else if (done[0]) {
                setPending((list) => [...list, done[0]!]);
                setCursor(done[0]);
              }
              return;
            }
            p.onStrokeEnd();
          }}
        />
        {mine.length > 0 || live || (lasso && cursor) ? (
          <svg className="try-outlines" viewBox={`-0.5 -0.5 ${X} ${Y}`} preserveAspectRatio="none" aria-hidden="true" data-testid="outline-overlay">
            {mine.map((o) => {
              const [lx, ly] = labelPosition(o.points, font);
              return (
                <g key={o.n} data-outline={o.n}>
                  <polygon points={svgPoints(o.points)} className="try-outline-halo" vectorEffect="non-scaling-stroke" />
                  <polygon points={svgPoints(o.points)} className="try-outline" vectorEffect="non-scaling-stroke" />
                  <text x={lx} y={ly} fontSize={font} className="try-outline-number">
                    {o.n}
                  </text>
                </g>
              );
            })}
            {live ? <polyline points={svgPoints(live)} className="try-outline try-outline-live" vectorEffect="non-scaling-stroke" /> : null}
            {lasso && cursor ? (
              <g className="try-outline-cursor">
                <line x1={cursor[0] - 2} x2={cursor[0] + 2} y1={cursor[1]} y2={cursor[1]} vectorEffect="non-scaling-stroke" />
                <line x1={cursor[0]} x2={cursor[0]} y1={cursor[1] - 2} y2={cursor[1] + 2} vectorEffect="non-scaling-stroke" />
              </g>
            ) : null}
          </svg>
        ) : null}
      </div>
      {lasso ? (
        <p id={helpId} className="small muted">
          Drag around an object to outline it (releasing closes the outline), or click its corners and press Enter. With the keyboard: focus the image, move with the arrow keys
          (Shift: 10 px), Space adds a corner, Enter closes, Backspace removes the last corner, Escape cancels.
          {pending.length > 0 ? ` ${pending.length} corner${pending.length === 1 ? '' : 's'} so far.` : ''}
        </p>
      ) : null}
    </div>
  );
}
