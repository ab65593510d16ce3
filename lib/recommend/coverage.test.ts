/**
 * What a tool's ready models cover (`modelCoverage`, §9.3.3.1): objects outside the answer's list are
 * never fully covered, and a model that restores images finds no objects.
 */
import { describe, expect, it } from 'vitest';

import type { Answers, Tool } from '../knowledge/schema';
import { modelCoverage } from './rules';

const answers = (values: Answers['values']): Answers => ({ values, mustHave: [] });
const tool = (models: NonNullable<Tool['pretrainedModels']>, tasks: Tool['tasks'] = ['instance-segmentation']): Pick<Tool, 'pretrainedModels' | 'tasks'> => ({ pretrainedModels: models, tasks });
type Model = NonNullable<Tool['pretrainedModels']>[number];
const fluoCells: Model = { name: 'cells in fluorescence', objects: ['whole-cells'], modalities: ['fluorescence'], dimensionality: ['2d'] };

describe('modelCoverage', () => {
  it('objects of another kind ("other"): a model for the same images covers them at most partly', () => {
    const t = tool([fluoCells]);
    expect(modelCoverage(answers({ objects: 'whole-cells', modality: 'fluorescence', dimensions: '2d' }), t)?.level).toBe(2);
    expect(modelCoverage(answers({ objects: 'other', modality: 'fluorescence', dimensions: '2d' }), t)?.level).toBe(1);
    // Still nothing for images it was not made for.
    expect(modelCoverage(answers({ objects: 'other', modality: 'electron', dimensions: '2d' }), t)?.level).toBe(0);
  });

  it('a restoring model of a segmentation tool covers no objects for segmentation; it counts for restoration', () => {
    const denoiser: Model = { ...fluoCells, name: 'noise reduction', objects: ['other'], restores: true };
    const t = tool([denoiser]);
    expect(modelCoverage(answers({ output: 'objects', objects: 'whole-cells', modality: 'fluorescence', dimensions: '2d' }), t)).toBeNull();
    expect(modelCoverage(answers({ output: 'restored-images', objects: 'other', modality: 'fluorescence', dimensions: '2d' }), t)?.model).toBe('noise reduction');
    // Without the flag the same model would be read as a segmentation model.
    const plain: Model = { ...denoiser, restores: undefined };
    expect(modelCoverage(answers({ output: 'objects', objects: 'whole-cells', modality: 'fluorescence', dimensions: '2d' }), tool([plain]))).not.toBeNull();
  });

  it('a model its docs offer as a starting point for training covers matching images only partly (Omnipose cyto2_omni)', () => {
    const start: Model = { ...fluoCells, startingPoint: true };
    const q = answers({ objects: 'whole-cells', modality: 'fluorescence', dimensions: '2d' });
    expect(modelCoverage(q, tool([start]))?.level).toBe(1);
    // A ready model beside it still covers them fully.
    expect(modelCoverage(q, tool([start, fluoCells]))?.level).toBe(2);
  });

  it('a promptable generalist (any objects, any images) covers what nothing else does partly; weights offered only to start training from do not (YOLO on everyday photos)', () => {
    const promptable: Model = { name: 'promptable', objects: ['other'], modalities: ['other'], dimensionality: ['2d'] };
    const q = answers({ objects: 'whole-cells', modality: 'fluorescence', dimensions: '2d' });
    expect(modelCoverage(q, tool([promptable]))?.level).toBe(1);
    expect(modelCoverage(q, tool([{ ...promptable, startingPoint: true }]))?.level).toBe(0);
  });

  it('for nuclei or cells, a model made first of all for a specialised modality (multiplexed, H&E, EM) is the specialist; a generalist listing it among others is not', () => {
    const mesmer: Model = { name: 'multiplexed tissue', objects: ['whole-cells', 'nuclei'], modalities: ['multiplexed', 'fluorescence'], dimensionality: ['2d'] };
    const generalist: Model = { name: 'generalist', objects: ['whole-cells', 'nuclei'], modalities: ['fluorescence', 'multiplexed', 'histology'], dimensionality: ['2d'] };
    const multiplexed = answers({ objects: 'nuclei', modality: 'multiplexed', dimensions: '2d' });
    expect(modelCoverage(multiplexed, tool([mesmer]))?.exact).toBe(true);
    expect(modelCoverage(multiplexed, tool([generalist]))?.exact).toBe(false);
    // Fluorescence is no specialised modality: neither model is the specialist there.
    expect(modelCoverage(answers({ objects: 'nuclei', modality: 'fluorescence', dimensions: '2d' }), tool([{ ...mesmer, modalities: ['fluorescence'] }]))?.exact).toBe(false);
  });

  it("a copy of another tool's model (rehostedFrom) is marked as such; the tool's own model wins a tie", () => {
    const copy: Model = { ...fluoCells, name: 'copy', rehostedFrom: 'cellpose' };
    const q = answers({ objects: 'whole-cells', modality: 'fluorescence', dimensions: '2d' });
    expect(modelCoverage(q, tool([copy]))).toMatchObject({ level: 2, model: 'copy', rehosted: true });
    const both = modelCoverage(q, tool([copy, { ...fluoCells, name: 'own' }]));
    expect(both?.model).toBe('own');
    expect(both?.rehosted).toBeUndefined();
  });
});
