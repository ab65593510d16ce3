'use client';

import type { MatchingMethod } from '@/lib/metrics';

/** Settings of one evaluation, as the form holds them (text fields stay strings until parsed). */
export interface SettingsState {
  mode: 'auto' | 'segmentation' | 'restoration';
  iou: string;
  voxel: [string, string, string];
  matching: MatchingMethod;
  /** Split a binary mask into connected blobs, one object each. */
  components: boolean;
  /** Compute boundary distances (slow for large stacks). */
  hausdorff: boolean;
}

/** The form for the mode, IoU threshold, voxel size and matching method. */
export function EvaluateSettings({ value, onChange }: { value: SettingsState; onChange: (next: SettingsState) => void }) {
  const set = <K extends keyof SettingsState>(key: K, v: SettingsState[K]) => onChange({ ...value, [key]: v });
  return (
    <fieldset className="eval-settings">
      <legend>Settings</legend>
      <div role="radiogroup" aria-label="What kind of images" className="eval-mode">
        <span className="setting-name">Images are</span>
        {(
          [
            ['auto', 'detect automatically'],
            ['segmentation', 'label images or masks'],
            ['restoration', 'intensities (restoration)'],
          ] as const
        ).map(([mode, text]) => (
          <label key={mode}>
            <input type="radio" name="eval-mode" value={mode} checked={value.mode === mode} onChange={() => set('mode', mode)} /> {text}
          </label>
        ))}
      </div>
      <div className="eval-grid">
        <label>
          <span className="setting-name">IoU threshold for a match</span>
          <input type="number" min={0.05} max={1} step={0.05} value={value.iou} onChange={(e) => set('iou', e.target.value)} data-testid="iou-threshold" />
        </label>
        <label>
          <span className="setting-name">Matching</span>
          <select value={value.matching} onChange={(e) => set('matching', e.target.value as MatchingMethod)}>
            <option value="optimal">optimal (best total IoU)</option>
            <option value="greedy">greedy (highest IoU first)</option>
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={value.components} onChange={(e) => set('components', e.target.checked)} /> A binary mask counts each connected blob as one object
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={value.hausdorff} onChange={(e) => set('hausdorff', e.target.checked)} /> Hausdorff distances (turn off to speed up large 3D stacks)
        </label>
        <fieldset className="voxel">
          <legend className="setting-name">Voxel size z, y, x (optional, for distances in µm or other units)</legend>
          {(['z', 'y', 'x'] as const).map((axis, i) => (
            <label key={axis}>
              {axis}{' '}
              <input
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
                value={value.voxel[i]}
                placeholder="1"
                onChange={(e) => {
                  const next = [...value.voxel] as SettingsState['voxel'];
                  next[i] = e.target.value;
                  set('voxel', next);
                }}
              />
            </label>
          ))}
        </fieldset>
      </div>
    </fieldset>
  );
}
