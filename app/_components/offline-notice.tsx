'use client';

import { useEffect, useState } from 'react';

/**
 * A small notice while the browser is offline: everything here works without the internet except
 * the book links, which open the published online book.
 */
export function OfflineNotice() {
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    const update = () => setOffline(!navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  if (!offline) return null;
  return (
    <p className="offline-notice no-print" role="status" data-testid="offline-notice">
      You are offline. Everything on this site still works, but book links (marked ↗) open the online book and need the internet.
    </p>
  );
}
