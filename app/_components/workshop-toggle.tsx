'use client';

import { useEffect, useState } from 'react';

const KEY = 'navigator.workshop';

/**
 * Large-type mode for projectors. Persists in localStorage; `?workshop=1` in any link turns it on
 * (trainers share such links), `?workshop=0` turns it off.
 */
export function WorkshopToggle() {
  const [on, setOn] = useState(false);

  useEffect(() => {
    const param = new URLSearchParams(window.location.search).get('workshop');
    const initial = param === '1' ? true : param === '0' ? false : window.localStorage.getItem(KEY) === '1';
    setOn(initial);
  }, []);

  useEffect(() => {
    document.documentElement.classList.toggle('workshop', on);
    window.localStorage.setItem(KEY, on ? '1' : '0');
  }, [on]);

  return (
    <button type="button" className="secondary" aria-pressed={on} onClick={() => setOn((v) => !v)} title="Large type for projectors">
      Workshop mode
    </button>
  );
}
