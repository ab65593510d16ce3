import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { RUNNER_PRESETS } from '@/lib/knowledge';

import { parsePresetParam, RESTORE_PRESET_IDS, RESTORE_PRESETS } from './presets';

describe('parsePresetParam', () => {
  it('resolves each valid id to its own preset', () => {
    for (const id of ['denoise', 'deconvolution', 'deaberration', 'resolution']) {
      const result = parsePresetParam(id);
      expect(result.status).toBe('ok');
      if (result.status === 'ok') expect(result.preset.id).toBe(id);
    }
  });

  it('accepts case and surrounding spaces, and the first of repeated parameters', () => {
    const upper = parsePresetParam(' Denoise ');
    expect(upper.status === 'ok' && upper.preset.id).toBe('denoise');
    const repeated = parsePresetParam(['resolution', 'denoise']);
    expect(repeated.status === 'ok' && repeated.preset.id).toBe('resolution');
  });

  it('reports a missing parameter as missing, not as an error', () => {
    expect(parsePresetParam(undefined)).toEqual({ status: 'missing' });
    expect(parsePresetParam('')).toEqual({ status: 'missing' });
  });

  it('names the invalid value and every valid choice', () => {
    const result = parsePresetParam('sharpen');
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid') return;
    expect(result.message).toBe('“sharpen” is not a restoration preset; choose denoise, deconvolution, deaberration, resolution, denoise-n2v, or denoise-n2n.');
  });
});

describe('RESTORE_PRESETS', () => {
  it('covers exactly the runner presets the knowledge base can recommend', () => {
    expect([...RESTORE_PRESET_IDS].sort()).toEqual([...RUNNER_PRESETS].sort());
  });

  it('maps each preset to the book appendix tutorial of its task', () => {
    // Sections from the book's table of contents: A.3 denoising … A.6 resolution enhancement.
    expect(Object.fromEntries(RESTORE_PRESET_IDS.map((id) => [id, RESTORE_PRESETS[id].bookSection]))).toEqual({
      denoise: 'A.3', deconvolution: 'A.4', deaberration: 'A.5', resolution: 'A.6', 'denoise-n2v': '6.2.1', 'denoise-n2n': '6.2.1',
    });
    expect(RESTORE_PRESETS['denoise-n2v'].trainingMode).toBe('blind-spot');
    expect(RESTORE_PRESETS['denoise-n2n'].trainingMode).toBe('noise2noise');
  });

  it('points at model folders and samples that ship in public/', () => {
    const pub = path.join(process.cwd(), 'public');
    for (const id of RESTORE_PRESET_IDS) {
      const p = RESTORE_PRESETS[id];
      expect(p.modelUrl).toBe(`/models/${p.demoModel}/checkpoint/`);
      for (const url of [`${p.modelUrl}model.json`, `${p.modelUrl}weights.bin`, `/models/${p.demoModel}/config.json`, p.sampleUrl, p.sampleGroundTruthUrl]) {
        expect(existsSync(path.join(pub, url)), url).toBe(true);
      }
    }
  });

  it('uses a block that fits the shipped sample and the 3D-RCAN overlap rule max(1, d // 8)', () => {
    for (const id of RESTORE_PRESET_IDS) {
      const p = RESTORE_PRESETS[id];
      expect(p.overlap).toEqual(p.blockShape.map((d) => Math.max(1, Math.floor(d / 8))));
      const config = JSON.parse(readFileSync(path.join(process.cwd(), 'public', 'models', p.demoModel, 'config.json'), 'utf8')) as { input_shape: number[] };
      expect(config.input_shape).toHaveLength(3);
    }
  });
});
