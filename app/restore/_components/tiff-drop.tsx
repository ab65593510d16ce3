'use client';

import { useId, useRef, useState } from 'react';

import { fileCertainlyTooLarge, type LoadedImage, type RestoreBudget } from '@/lib/rcan/browser';

import { useFileDrop } from '../../_components/use-file-drop';
import { errorText } from './format';
import { useWorkbench } from './workbench-context';

/** A chosen TIFF, decoded and checked in the restoration worker, which keeps it for the run. */
export type CheckedTiff = LoadedImage;

type DropState = { kind: 'empty' } | { kind: 'reading'; name: string } | { kind: 'ok'; file: CheckedTiff } | { kind: 'error'; message: string };

/**
 * A file input that also accepts a dropped file. The file goes to the restoration worker, which decodes
 * it once (off the page's main thread, so a huge or malicious TIFF cannot freeze the tab), refuses it
 * when it is larger than this device's budget, and keeps it for the run; only its shape comes back.
 */
export function TiffDrop({ label, hint, slot, budget, onChange, testId }: { label: string; hint?: string; slot: 'raw' | 'gt'; budget: RestoreBudget; onChange(file: CheckedTiff | null): void; testId?: string }) {
  const id = useId();
  const { client } = useWorkbench();
  const [state, setState] = useState<DropState>({ kind: 'empty' });
  const latest = useRef(0);

  const accept = async (file: File | undefined) => {
    if (!file) return;
    const ticket = ++latest.current;
    onChange(null);
    if (fileCertainlyTooLarge(file.size, budget)) {
      setState({ kind: 'error', message: `${file.name} is too large here (${(file.size / 2 ** 30).toFixed(1)} GB); ${budget.reason}.` });
      return;
    }
    setState({ kind: 'reading', name: file.name });
    try {
      const loaded = await client.load(file, { name: file.name, slot, maxVoxels: budget.maxVoxels, reason: budget.reason });
      if (ticket !== latest.current) return;
      setState({ kind: 'ok', file: loaded });
      onChange(loaded);
    } catch (error) {
      if (ticket !== latest.current) return;
      setState({ kind: 'error', message: errorText(error) });
    }
  };

  const { over, dropProps } = useFileDrop((file) => void accept(file));

  return (
    <div className={`tiff-drop${over ? ' over' : ''}`} {...dropProps}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" accept=".tif,.tiff,image/tiff" data-testid={testId} aria-describedby={`${id}-status`} onChange={(e) => void accept(e.target.files?.[0])} />
      {hint ? <p className="muted small">{hint}</p> : null}
      <p id={`${id}-status`} data-testid={testId ? `${testId}-status` : undefined} className={state.kind === 'error' ? 'restore-error' : 'muted small'} role={state.kind === 'error' ? 'alert' : undefined}>
        {state.kind === 'ok'
          ? `${state.file.name}: ${state.file.shape[0]} slice${state.file.shape[0] === 1 ? '' : 's'} of ${state.file.shape[1]} × ${state.file.shape[2]} pixels, ${state.file.dtype}`
          : state.kind === 'reading'
            ? `Reading ${state.name} in a background worker…`
            : state.kind === 'error'
              ? state.message
              : 'Drop a TIFF here or choose one. It is read in this browser only.'}
      </p>
    </div>
  );
}
