'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useId, useState } from 'react';

import { COMPARE_ROWS, type CompareCell, type CompareTool } from './compare-rows';

const MAX = 4;

/** Split `ids=a,b,c` into ids, keeping order and dropping duplicates and blanks. */
function parseIds(raw: string | null): string[] {
  const out: string[] = [];
  for (const part of (raw ?? '').split(',')) {
    const id = part.trim().toLowerCase();
    if (id && !out.includes(id)) out.push(id);
  }
  return out;
}

/** Tools whose id or name is closest to an unknown id, to offer as a fix. */
function suggest(bad: string, tools: readonly CompareTool[]): CompareTool[] {
  const b = bad.replace(/[^a-z0-9]/g, '');
  if (!b) return [];
  return tools
    .map((t) => ({ t, d: editDistance(b, t.id.replace(/-/g, '')) }))
    .filter(({ t, d }) => d <= Math.max(2, Math.floor(b.length / 3)) || t.id.includes(b) || b.includes(t.id.replace(/-/g, '')))
    .sort((x, y) => x.d - y.d || x.t.id.localeCompare(y.t.id))
    .slice(0, 3)
    .map(({ t }) => t);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

function Cell({ cell }: { cell: CompareCell | undefined }) {
  if (!cell) return <>—</>;
  return cell.href ? (
    <a href={cell.href} target="_blank" rel="noopener noreferrer">
      {cell.text}
    </a>
  ) : (
    <>{cell.text}</>
  );
}

/** The comparison table; the tool ids live in `?ids=`, so the view is shareable and survives a reload. */
export function CompareView({ tools }: { tools: CompareTool[] }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const selectId = useId();
  const [onlyDiff, setOnlyDiff] = useState(false);
  const [toAdd, setToAdd] = useState('');

  const ids = parseIds(params.get('ids'));
  const unknown = ids.filter((id) => !tools.some((t) => t.id === id));
  const chosen = ids.map((id) => tools.find((t) => t.id === id)).filter((t) => t !== undefined).slice(0, MAX);
  const dropped = ids.filter((id) => tools.some((t) => t.id === id)).slice(MAX);

  const hrefFor = (next: readonly string[]) => (next.length > 0 ? `${pathname}?ids=${next.join(',')}` : pathname);
  const go = (next: readonly string[]) => router.replace(hrefFor(next), { scroll: false });
  const validIds = chosen.map((t) => t.id);
  const addable = tools.filter((t) => !validIds.includes(t.id));

  const rows = COMPARE_ROWS.map((row) => {
    const texts = chosen.map((t) => t.cells[row.id]?.text ?? '');
    return { ...row, differs: chosen.length > 1 && new Set(texts).size > 1 };
  });
  const shown = onlyDiff ? rows.filter((r) => r.differs) : rows;

  return (
    <>
      {unknown.length > 0 ? (
        <div className="notice" role="alert">
          {unknown.map((bad) => {
            const fixes = suggest(bad, tools);
            return (
              <p key={bad}>
                There is no tool with the id <code>{bad}</code>.{' '}
                {fixes.length > 0 ? (
                  <>
                    Did you mean{' '}
                    {fixes.map((f, i) => (
                      <span key={f.id}>
                        {i > 0 ? ' or ' : ''}
                        <Link href={hrefFor(ids.map((x) => (x === bad ? f.id : x)).filter((x, k, all) => all.indexOf(x) === k))} prefetch={false}>
                          {f.name}
                        </Link>
                      </span>
                    ))}
                    ?{' '}
                  </>
                ) : null}
                <Link href={hrefFor(ids.filter((x) => x !== bad))} prefetch={false}>
                  Remove it from the comparison
                </Link>
                .
              </p>
            );
          })}
        </div>
      ) : null}
      {dropped.length > 0 ? (
        <p className="notice" role="note">
          At most {MAX} tools fit side by side; {dropped.join(', ')} {dropped.length === 1 ? 'is' : 'are'} left out.
        </p>
      ) : null}

      <form
        className="compare-controls no-print"
        onSubmit={(e) => {
          e.preventDefault();
          if (toAdd && validIds.length < MAX) {
            go([...validIds, toAdd]);
            setToAdd('');
          }
        }}
      >
        <label htmlFor={selectId}>Add a tool</label>
        <select id={selectId} value={toAdd} onChange={(e) => setToAdd(e.target.value)} disabled={validIds.length >= MAX}>
          <option value="">Choose a tool…</option>
          {addable.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!toAdd || validIds.length >= MAX}>
          Add to comparison
        </button>
        <label className="inline-check">
          <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} /> Show only rows that differ
        </label>
        {validIds.length >= MAX ? <span className="muted">Four tools is the most; remove one to add another.</span> : null}
      </form>

      <p role="status" aria-live="polite" data-testid="compare-status">
        {chosen.length === 0
          ? 'No tools picked yet. Add two to four tools above, or tick them on the tools page.'
          : chosen.length === 1
            ? `Comparing ${chosen[0]!.name} with… add at least one more tool.`
            : `Comparing ${chosen.map((t) => t.name).join(', ')}. ${rows.filter((r) => r.differs).length} of ${rows.length} rows differ.`}
      </p>

      {chosen.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby="compare-caption" tabIndex={0}>
          <table className="compare-table">
            <caption id="compare-caption">Attributes of {chosen.map((t) => t.name).join(', ')}; highlighted rows differ.</caption>
            <thead>
              <tr>
                <th scope="col">Attribute</th>
                {chosen.map((t) => (
                  <th scope="col" key={t.id}>
                    <Link href={`/tools/${t.id}`} prefetch={false}>
                      {t.name}
                    </Link>{' '}
                    <button type="button" className="secondary small no-print" onClick={() => go(validIds.filter((x) => x !== t.id))} aria-label={`Remove ${t.name} from the comparison`}>
                      Remove
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.id} className={row.differs ? 'differs' : undefined} data-row={row.id}>
                  <th scope="row">
                    {row.label}
                    {row.differs ? <span className="visually-hidden"> (differs)</span> : null}
                  </th>
                  {chosen.map((t) => (
                    <td key={t.id}>
                      <Cell cell={t.cells[row.id]} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="muted no-print">
        Share this comparison by copying the page address. <Link href="/tools">Back to all tools</Link>.
      </p>
    </>
  );
}
