'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

import type { SearchResult } from '@/lib/knowledge/search';

import { TYPE_LABELS } from './search-labels';
import { useSearchEngine } from './use-search';

/**
 * Ctrl/Cmd-K search palette: type, move with the arrow keys, Enter opens, Escape closes.
 * A native <dialog> gives focus trapping and Escape handling for free.
 */
export function CommandPalette() {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const router = useRouter();
  const { engine, error } = useSearchEngine(open);
  const results: SearchResult[] = engine && query.trim().length >= 2 ? engine.search(query, { limit: 8 }) : [];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      input.current?.focus();
    } else if (!open && d.open) d.close();
  }, [open]);

  const go = (r: SearchResult | undefined) => {
    if (!r) return;
    setOpen(false);
    setQuery('');
    router.push(r.url);
  };

  return (
    <dialog ref={dialog} className="palette" aria-label="Search" onClose={() => setOpen(false)} onClick={(e) => e.target === dialog.current && setOpen(false)}>
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls="palette-results"
        aria-activedescendant={results[active] ? `palette-${active}` : undefined}
        placeholder="Search tools, methods, terms…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, results.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (results.length > 0) go(results[active]);
            else if (query.trim()) {
              setOpen(false);
              router.push(`/search?q=${encodeURIComponent(query.trim())}`);
            }
          }
        }}
      />
      {error ? <p role="alert">{error}</p> : null}
      <ul id="palette-results" role="listbox" aria-label="Results">
        {results.map((r, i) => (
          <li key={`${r.type}-${r.id}`} id={`palette-${i}`} role="option" aria-selected={i === active} onMouseEnter={() => setActive(i)} onClick={() => go(r)}>
            <strong>{r.title}</strong> <span className="tag">{TYPE_LABELS[r.type]}</span>
            <br />
            <span className="muted">{r.summary}</span>
          </li>
        ))}
      </ul>
      <p className="muted" style={{ fontSize: '0.8rem', margin: '0.5rem 0 0' }}>
        ↑↓ to move · Enter to open · Esc to close
      </p>
    </dialog>
  );
}
