'use client';

import { useId } from 'react';

import { useFileDrop } from '../../_components/use-file-drop';

/**
 * A labelled file input that also accepts a dropped file. The native input stays in the tab order,
 * so it works with the keyboard (Enter or Space opens the file chooser) and with screen readers.
 */
export function DropZone({ label, hint, file, onFile, testId }: { label: string; hint: string; file: File | null; onFile: (file: File) => void; testId: string }) {
  const id = useId();
  const { over, dropProps } = useFileDrop((dropped) => dropped && onFile(dropped));
  return (
    <div className={`drop-zone${over ? ' over' : ''}${file ? ' has-file' : ''}`} {...dropProps}>
      <label htmlFor={id} className="drop-label">
        {label}
      </label>
      <p className="muted drop-hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        id={id}
        type="file"
        accept=".tif,.tiff,.png,image/tiff,image/png"
        aria-describedby={`${id}-hint`}
        data-testid={testId}
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          if (chosen) onFile(chosen);
        }}
      />
      <p className="drop-file" aria-live="polite">
        {file ? `${file.name} (${formatBytes(file.size)})` : 'No file chosen yet; drop one here or use the button.'}
      </p>
    </div>
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
