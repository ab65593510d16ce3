'use client';

import { useId, useState } from 'react';

import { decodeTiff, toSingleChannelVolume } from '@/lib/imaging';

import { useFileDrop } from '../../_components/use-file-drop';
import { errorText } from './format';

/** A chosen TIFF, already checked to be a single-channel 2D/3D image. */
export interface CheckedTiff {
  name: string;
  bytes: Uint8Array;
  /** `[z, y, x]`. */
  shape: readonly [number, number, number];
  dtype: string;
  /** 2 for a single YX plane, 3 for a ZYX stack (a model only takes images of its own dimensionality). */
  ndim: 2 | 3;
}

/**
 * Checks a file the way the runner will read it, so problems (not a TIFF, RGB, several channels, 4D)
 * show up as soon as the file is chosen, with lib/imaging's own message.
 */
export async function checkTiff(file: File): Promise<CheckedTiff> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const volume = toSingleChannelVolume(decodeTiff(bytes, { name: file.name }), { name: file.name });
  return { name: file.name, bytes, shape: volume.shape, dtype: volume.dtype, ndim: volume.ndim };
}

/** A file input that also accepts a dropped file; reports the checked TIFF or the reason it is unusable. */
export function TiffDrop({ label, hint, onChange, testId }: { label: string; hint?: string; onChange(file: CheckedTiff | null): void; testId?: string }) {
  const id = useId();
  const [state, setState] = useState<{ kind: 'empty' } | { kind: 'ok'; file: CheckedTiff } | { kind: 'error'; message: string }>({ kind: 'empty' });

  const accept = async (file: File | undefined) => {
    if (!file) return;
    try {
      const checked = await checkTiff(file);
      setState({ kind: 'ok', file: checked });
      onChange(checked);
    } catch (error) {
      setState({ kind: 'error', message: errorText(error) });
      onChange(null);
    }
  };

  const { over, dropProps } = useFileDrop((file) => void accept(file));

  return (
    <div className={`tiff-drop${over ? ' over' : ''}`} {...dropProps}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" accept=".tif,.tiff,image/tiff" data-testid={testId} aria-describedby={`${id}-status`} onChange={(e) => void accept(e.target.files?.[0])} />
      {hint ? <p className="muted small">{hint}</p> : null}
      <p id={`${id}-status`} className={state.kind === 'error' ? 'restore-error' : 'muted small'} role={state.kind === 'error' ? 'alert' : undefined}>
        {state.kind === 'ok'
          ? `${state.file.name}: ${state.file.shape[0]} slice${state.file.shape[0] === 1 ? '' : 's'} of ${state.file.shape[1]} × ${state.file.shape[2]} pixels, ${state.file.dtype}`
          : state.kind === 'error'
            ? state.message
            : 'Drop a TIFF here or choose one. It is read in this browser only.'}
      </p>
    </div>
  );
}
