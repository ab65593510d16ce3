'use client';

import { useMemo, useState } from 'react';

import type { ObjectRow } from '@/lib/metrics';

import { fmt } from './summary-rows';

/** Rows shown on the page; the CSV download holds all of them. */
const SHOWN = 200;

type SortKey = 'status' | 'truthId' | 'predId' | 'iou' | 'truthSize' | 'predSize' | 'hausdorff';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'status', label: 'Status' },
  { key: 'truthId', label: 'Truth id' },
  { key: 'predId', label: 'Prediction id' },
  { key: 'iou', label: 'IoU' },
  { key: 'truthSize', label: 'Truth size (px)' },
  { key: 'predSize', label: 'Prediction size (px)' },
  { key: 'hausdorff', label: 'Hausdorff' },
];

const STATUS_TEXT: Record<ObjectRow['status'], string> = { TP: 'TP matched', FP: 'FP extra', FN: 'FN missed' };

/** The per-object table: sortable by any column (empty cells last), the first 200 rows, and a full CSV download. */
export function ObjectTable({ rows, unit, onDownloadAll }: { rows: ObjectRow[]; unit: string; onDownloadAll: () => void }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'truthId', dir: 1 });
  const sorted = useMemo(() => sortRows(rows, sort.key, sort.dir), [rows, sort]);
  return (
    <div className="object-table">
      <p className="muted">
        {rows.length > SHOWN ? `Showing ${SHOWN} of ${rows.length} objects in the chosen order. ` : `${rows.length} objects. `}
        <button type="button" className="secondary" onClick={onDownloadAll}>
          Download all {rows.length} rows (CSV)
        </button>
      </p>
      <div className="table-scroll">
        <table className="compact" data-testid="object-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                  <button
                    type="button"
                    className="sort"
                    onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key ? ((-s.dir) as 1 | -1) : 1 }))}
                  >
                    {c.key === 'hausdorff' ? `${c.label} (${unit})` : c.label}
                    <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.slice(0, SHOWN).map((r, i) => (
              <tr key={`${r.status}-${r.truthId}-${r.predId}-${i}`} className={`status-${r.status.toLowerCase()}`}>
                <td>
                  <span className={`swatch ${r.status.toLowerCase()}`} aria-hidden="true" /> {STATUS_TEXT[r.status]}
                </td>
                <td>{r.truthId ?? '—'}</td>
                <td>{r.predId ?? '—'}</td>
                <td>{fmt(r.iou)}</td>
                <td>{r.truthSize ?? '—'}</td>
                <td>{r.predSize ?? '—'}</td>
                <td>{fmt(r.hausdorff)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function sortRows(rows: ObjectRow[], key: SortKey, dir: 1 | -1): ObjectRow[] {
  return [...rows].sort((a, b) => {
    const va = a[key];
    const vb = b[key];
    if (va === vb) return 0;
    // Empty cells (null) always sort last, whatever the direction.
    if (va === null) return 1;
    if (vb === null) return -1;
    return (va < vb ? -1 : 1) * dir;
  });
}
