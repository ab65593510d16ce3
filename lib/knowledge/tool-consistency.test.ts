import { describe, expect, it } from 'vitest';

import { editFile, fixtureFiles } from '@/test/helpers/kb-fixture';

import { BROWSER_RUNNER_TOOLS, checkIntegrity, checkToolConsistency } from './check-integrity';
import { facetValueLabel } from './facets';
import { parseKnowledgeFiles } from './parse';
import { ELECTRON_KINDS, type Tool } from './schema';
import { loadKnowledgeBase } from './server';

const TOOL = 'knowledge/tools/cellpose.json';

function problems(files: ReturnType<typeof fixtureFiles>) {
  const { kb, issues, sources } = parseKnowledgeFiles(files);
  return [...issues, ...checkIntegrity(kb, sources)];
}

describe('checkIntegrity: a tool card does not contradict itself', () => {
  it('reports a pre-trained deep-learning tool whose card says it has no pre-trained models', () => {
    const found = problems(
      editFile(fixtureFiles(), TOOL, (t) => {
        t.categories = ['pretrained-dl'];
        t.training = { pretrained: false, fineTune: true, fromScratch: true };
        delete t.pretrainedModels;
      }),
    );
    expect(found).toContain(`${TOOL}: training.pretrained: the tool is in category "pretrained-dl", so training.pretrained must be true (or remove the category)`);
  });

  it("reports a model marked as a copy of another tool's model when that tool does not exist or is the tool itself", () => {
    const found = problems(
      editFile(fixtureFiles(), TOOL, (t) => {
        const model = { objects: ['nuclei'], modalities: ['fluorescence'], dimensionality: ['2d'] };
        t.training = { pretrained: true, fineTune: true, fromScratch: true };
        t.pretrainedModels = [
          { ...model, name: 'a copy of a missing tool', rehostedFrom: 'no-such-tool' },
          { ...model, name: 'its own model', rehostedFrom: 'cellpose' },
        ];
      }),
    );
    expect(found).toContain(`${TOOL}: pretrainedModels.0.rehostedFrom: "no-such-tool" is not a tool id`);
    expect(found).toContain(`${TOOL}: pretrainedModels.1.rehostedFrom: a model cannot be a copy of the tool's own model; leave rehostedFrom out`);
  });

  it("the wizard's em-kind answers are the catalogue's kinds of electron microscopy, plus \"not sure\"", () => {
    const kb = loadKnowledgeBase();
    const q = kb.questions.questions.find((x) => x.id === 'em-kind')!;
    expect(q.options.map((o) => o.id)).toEqual([...ELECTRON_KINDS, 'not-sure']);
    expect(q.visibleIf).toEqual({ q: 'modality', is: ['electron'] });
  });

  it('reports kinds of electron microscopy on a model or tool that is not for electron microscopy', () => {
    const found = problems(
      editFile(fixtureFiles(), TOOL, (t) => {
        t.training = { pretrained: true, fineTune: true, fromScratch: true };
        t.pretrainedModels = [{ name: 'a fluorescence model', objects: ['nuclei'], modalities: ['fluorescence'], dimensionality: ['2d'], electronKinds: ['cryo'] }];
        t.electronKinds = ['volume'];
      }),
    );
    expect(found).toContain(`${TOOL}: pretrainedModels.0.electronKinds: model "a fluorescence model" lists kinds of electron microscopy but its modalities do not include "electron"`);
    expect(found).toContain(`${TOOL}: electronKinds: the tool lists kinds of electron microscopy but its modalities do not include "electron"`);
  });

  it('reports training.pretrained without a list of what the models were trained on', () => {
    const found = problems(editFile(fixtureFiles(), TOOL, (t) => delete t.pretrainedModels));
    expect(found).toContain(`${TOOL}: pretrainedModels: training.pretrained is true: list what the shipped models were trained on (objects, modalities, 2D/3D)`);
  });

  it('reports pretrained models on a tool that says it ships none', () => {
    const found = problems(editFile(fixtureFiles(), TOOL, (t) => (t.training = { pretrained: false, fineTune: true, fromScratch: true })));
    expect(found).toContain(`${TOOL}: training.pretrained: the tool lists pretrainedModels, so training.pretrained must be true`);
  });

  it('reports a tool without book references that cites no documentation either', () => {
    const found = problems(
      editFile(fixtureFiles(), TOOL, (t) => {
        t.bookRefs = [];
        t.noBookRefReason = 'The book does not name it.';
      }),
    );
    expect(found).toContain(`${TOOL}: docRefs: the book does not name this tool, so cite its own documentation in docRefs`);
  });

  it('reports a 3D model on a tool that only works in 2D', () => {
    const found = problems(
      editFile(fixtureFiles(), TOOL, (t) => {
        t.dimensionality = ['2d'];
        t.pretrainedModels = [{ name: 'nuclei-3d', objects: ['nuclei'], modalities: ['fluorescence'], dimensionality: ['3d'] }];
      }),
    );
    expect(found).toContain(`${TOOL}: pretrainedModels.0.dimensionality: model "nuclei-3d" works in 3D but the tool's dimensionality does not include "3d"`);
  });

  it('reports a tool alias that is another tool\u2019s name', () => {
    const files = fixtureFiles();
    const copy = editFile(files, TOOL, (t) => {
      t.id = 'cellpose-web';
      t.name = 'Cellpose web console';
      t.aliases = ['cellpose'];
    });
    const found = problems({ ...files, 'knowledge/tools/cellpose-web.json': copy[TOOL]! });
    expect(found).toContain('knowledge/tools/cellpose-web.json: aliases: "cellpose" is also the name or an alias of tool "cellpose"');
  });

  it('reports a host relation stated on one card only', () => {
    const files = fixtureFiles();
    const host = editFile(files, TOOL, (t) => {
      t.id = 'napari';
      t.name = 'napari';
      t.canRun = [];
    });
    const withHost = { ...files, 'knowledge/tools/napari.json': host[TOOL]! };
    const found = problems(editFile(withHost, TOOL, (t) => (t.runsInside = ['napari'])));
    expect(found).toContain(`${TOOL}: runsInside.0: runs inside "napari", but "napari" does not list "cellpose" in canRun`);
  });

  it('reports a restoration method that lists a tool which does none of its tasks', () => {
    const kb = loadKnowledgeBase();
    const broken = { ...kb, restorationMethods: kb.restorationMethods.map((m) => (m.id === 'richardson-lucy-deconvolution' ? { ...m, tools: [...m.tools, 'napari'] } : m)) };
    expect(checkIntegrity(broken).some((i) => i.includes('tool "napari" does none of this method\'s tasks (deconvolution)'))).toBe(true);
    expect(checkIntegrity(kb)).toEqual([]);
  });

  it('reports "GPU required" on a tool the in-browser runner executes on a CPU', () => {
    const tool = { id: 'rcan-3d', categories: ['scratch-dl'], training: { pretrained: false, fineTune: false, fromScratch: true }, dimensionality: ['3d'], gpu: 'required', bookRefs: [{ section: 'A' }] } as unknown as Tool;
    const found: string[] = [];
    checkToolConsistency(tool, (path, message) => found.push(`${path}: ${message}`), new Set(['rcan-3d']));
    expect(found).toEqual(['gpu: BioImage Navigator runs this tool on a CPU in the browser, so a GPU cannot be "required" (use "recommended" and say why)']);
    const fine: string[] = [];
    checkToolConsistency({ ...tool, gpu: 'recommended' }, (path, message) => fine.push(`${path}: ${message}`), new Set(['rcan-3d']));
    expect(fine).toEqual([]);
  });
});

describe('the real catalogue', () => {
  const kb = loadKnowledgeBase();
  const tool = (id: string) => {
    const t = kb.tools.find((x) => x.id === id);
    if (!t) throw new Error(`no tool ${id}`);
    return t;
  };
  const runnerTools = BROWSER_RUNNER_TOOLS;

  it('has no tool card that contradicts itself', () => {
    const found: string[] = [];
    for (const t of kb.tools) checkToolConsistency(t, (path, message) => found.push(`${t.id}: ${path}: ${message}`), runnerTools);
    expect(found).toEqual([]);
    expect(runnerTools.has('rcan-3d')).toBe(true);
    expect(tool('rcan-3d').gpu).not.toBe('required');
  });

  it('has the tools issue 9 asks for, with the kinds the spec gives them', () => {
    const kinds: Record<string, string> = { unet: 'method', pytorch: 'framework', tensorflow: 'framework', docker: 'infrastructure', conda: 'infrastructure', bbbc: 'data-repository' };
    for (const [id, kind] of Object.entries(kinds)) expect(tool(id).kind).toBe(kind);
    for (const id of ['yeaz', 'cell-acdc', 'trailmap', 'steinbock', 'deepcad-rt', 'topaz-denoise', 'fnet', 'pix2pix', 'redlionfish', 'trackastra']) expect(tool(id).docRefs?.length).toBeGreaterThan(0);
    expect(tool('fnet').tasks).toContain('label-free-prediction');
  });

  it('knows Cellpose-SAM as Cellpose and Mesmer as DeepCell, not as separate tools', () => {
    expect(tool('cellpose').aliases).toContain('Cellpose-SAM');
    expect(tool('cellpose').pretrainedModels?.[0]?.name).toMatch(/cpsam/);
    expect(tool('deepcell').aliases).toContain('Mesmer');
    expect(tool('deepcell').pretrainedModels?.some((m) => m.modalities.includes('multiplexed') && m.objects.includes('whole-cells'))).toBe(true);
    expect(kb.tools.some((t) => /cellpose-sam|mesmer/.test(t.id))).toBe(false);
  });

  it('tells nuclei in fluorescence from nuclei in histology and cells in brightfield', () => {
    const covers = (id: string, object: string, modality: string) => tool(id).pretrainedModels?.some((m) => m.objects.includes(object as never) && m.modalities.includes(modality as never)) ?? false;
    expect(covers('stardist', 'nuclei', 'fluorescence')).toBe(true);
    expect(covers('stardist', 'nuclei', 'histology')).toBe(true);
    expect(covers('stardist', 'whole-cells', 'brightfield')).toBe(false);
    // Finer kinds of whole cells (question set v4): YeaZ is made for yeast, Omnipose's bacterial models for bacteria.
    expect(covers('yeaz', 'yeast', 'brightfield')).toBe(true);
    expect(covers('yeaz', 'whole-cells', 'brightfield')).toBe(false);
    expect(covers('omnipose', 'bacteria', 'phase-contrast')).toBe(true);
    expect(covers('cellpose', 'whole-cells', 'phase-contrast')).toBe(true);
    expect(covers('micro-sam', 'organelles', 'electron')).toBe(true);
    expect(covers('trailmap', 'filaments', 'fluorescence')).toBe(true);
    expect(tool('nnunet').training.pretrained).toBe(false);
  });

  it('records the hosts each tool runs inside, as the tools document them', () => {
    expect(tool('cellpose').runsInside).toEqual(expect.arrayContaining(['cellprofiler', 'napari', 'qupath']));
    expect(tool('stardist').runsInside).toEqual(expect.arrayContaining(['fiji', 'qupath', 'napari', 'cellprofiler']));
    expect(tool('trackmate').runsInside).toContain('fiji');
    expect(tool('labkit').runsInside).toContain('fiji');
    expect(tool('trackmate').description).toMatch(/ships with Fiji/);
    expect(tool('labkit').description).toMatch(/ships with Fiji/);
    expect(tool('trackastra').runsInside).toEqual(expect.arrayContaining(['napari', 'trackmate']));
  });

  it('cites the book only for tools the book names', () => {
    for (const id of ['deconwolf', 'careamics', 'cellpose3-restore', 'bigstitcher', 'basic-flatfield', 'psf-generator']) {
      expect(tool(id).bookRefs, id).toEqual([]);
      expect(tool(id).noBookRefReason, id).toMatch(/never names/);
      expect(tool(id).docRefs?.length, id).toBeGreaterThan(0);
    }
    expect(tool('segment-anything').bookRefs.map((r) => r.section)).toContain('4');
  });
});

describe('facet labels', () => {
  it('name each method category exactly as knowledge/categories.json does', () => {
    const kb = loadKnowledgeBase();
    for (const c of kb.categories) expect(facetValueLabel(c.id), c.id).toBe(c.name);
  });
});
