'use client';

import { useState } from 'react';

/**
 * Drag-and-drop for a file input's container: `over` while a file hovers (for styling), and the
 * first dropped file is passed to `onFile`. The native input stays the keyboard path.
 */
export function useFileDrop(onFile: (file: File | undefined) => void) {
  const [over, setOver] = useState(false);
  return {
    over,
    dropProps: {
      onDragOver: (e: React.DragEvent) => {
        e.preventDefault();
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e: React.DragEvent) => {
        e.preventDefault();
        setOver(false);
        onFile(e.dataTransfer.files[0]);
      },
    },
  };
}
