/**
 * A knowledge base for wizard/recommend tests. Questions, categories, trees, case studies and book
 * data come from the real `knowledge/` files (validated here with the schemas). Tools and restoration
 * methods come from `knowledge/tools/*.json` and `knowledge/restoration-methods.json` when those exist;
 * until the tool helpers' branches land, a small fixture set stands in for them. The fixture records
 * only attributes the book states (categories of §8.5, StarDist's star-convex assumption, Cellpose's
 * fine-tuning, N2V needing only noisy images, …); other facts are simplified and are not content.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { KnowledgeBase } from '../../lib/knowledge/knowledge-base';
import {
  BookChapterSchema,
  BookGlossaryEntrySchema,
  BookMetaSchema,
  BookSectionSchema,
  CaseStudySchema,
  DecisionTreeSchema,
  GlossaryTermSchema,
  MethodCategorySchema,
  QuestionSetSchema,
  RestorationMethodSchema,
  ToolSchema,
  type RestorationMethod,
  type Tool,
} from '../../lib/knowledge/schema';

const ROOT = join(import.meta.dirname, '..', '..', 'knowledge');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const jsonFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f)) : []);

function tool(p: Partial<Tool> & Pick<Tool, 'id' | 'name' | 'categories' | 'tasks'>): Tool {
  return ToolSchema.parse({
    kind: 'application',
    summary: 'fixture',
    description: 'fixture',
    homepage: 'https://example.org',
    doi: 'unknown',
    license: 'unknown',
    outputs: ['fixture'],
    dimensionality: ['2d', '3d'],
    interfaces: ['desktop-gui'],
    coding: 'none',
    installEffort: 'low',
    os: ['windows', 'macos', 'linux'],
    gpu: 'not-needed',
    runsWhere: ['local'],
    training: { pretrained: false, fineTune: false, fromScratch: false },
    shapeAssumptions: null,
    runsInside: [],
    canRun: [],
    bestFor: ['fixture'],
    notFor: [],
    largestDrawback: 'fixture',
    bookRefs: [{ section: '8.5' }],
    glossary: [],
    lastChecked: '2026-01-01',
    ...p,
  });
}

const SEG = ['instance-segmentation', 'semantic-segmentation', 'binary-segmentation'] as const;
const DLT = { pretrained: true, fineTune: true, fromScratch: true };

/** Fixture tools standing in for knowledge/tools until it lands. */
export const FIXTURE_TOOLS: Tool[] = [
  tool({ id: 'fiji', name: 'Fiji', categories: ['manual-annotation', 'classical'], tasks: [...SEG, 'annotation', 'measurement'], canRun: ['stardist', 'labkit', 'trackmate', 'deepimagej'], os: ['windows', 'macos', 'linux'] }),
  tool({ id: 'napari', name: 'napari', categories: ['manual-annotation'], tasks: ['annotation', 'visualization'], interfaces: ['desktop-gui', 'python-api'], canRun: ['micro-sam', 'stardist', 'cellpose'] }),
  tool({ id: 'cellprofiler', name: 'CellProfiler', categories: ['classical'], tasks: ['instance-segmentation', 'measurement', 'workflow-automation', 'object-detection', 'tracking'], canRun: ['cellpose', 'stardist', 'ilastik'] }),
  tool({ id: 'qupath', name: 'QuPath', categories: ['classical', 'pixel-classification'], tasks: ['instance-segmentation', 'semantic-segmentation', 'measurement', 'object-detection'], dimensionality: ['2d'], canRun: ['stardist', 'instanseg'] }),
  tool({ id: 'icy', name: 'Icy', categories: ['classical'], tasks: ['instance-segmentation', 'tracking', 'measurement'] }),
  tool({ id: 'ilastik', name: 'ilastik', categories: ['pixel-classification'], tasks: ['semantic-segmentation', 'binary-segmentation', 'instance-segmentation', 'tracking', 'object-detection'] }),
  tool({ id: 'labkit', name: 'Labkit', categories: ['pixel-classification', 'manual-annotation'], tasks: ['semantic-segmentation', 'binary-segmentation', 'annotation'], interfaces: ['plugin'], runsInside: ['fiji'] }),
  tool({ id: 'stardist', name: 'StarDist', categories: ['pretrained-dl', 'scratch-dl'], tasks: ['instance-segmentation', 'object-detection'], interfaces: ['plugin', 'python-api'], runsInside: ['fiji', 'qupath', 'napari'], training: DLT, shapeAssumptions: 'star-convex polygons (round or oval objects)', gpu: 'optional' }),
  tool({ id: 'instanseg', name: 'InstanSeg', categories: ['pretrained-dl'], tasks: ['instance-segmentation'], interfaces: ['plugin', 'python-api'], runsInside: ['qupath'], training: { pretrained: true, fineTune: false, fromScratch: true }, dimensionality: ['2d'], gpu: 'optional' }),
  tool({ id: 'cellpose', name: 'Cellpose', categories: ['pretrained-dl', 'finetuned-dl'], tasks: ['instance-segmentation', 'annotation'], interfaces: ['desktop-gui', 'python-api', 'cli'], training: DLT, gpu: 'recommended', runsInside: ['napari', 'cellprofiler'] }),
  tool({ id: 'cellpose-web', name: 'Cellpose web console', kind: 'platform', categories: ['pretrained-dl'], tasks: ['instance-segmentation'], interfaces: ['web-app'], runsWhere: ['cloud'], os: ['browser'], dimensionality: ['2d'], training: { pretrained: true, fineTune: false, fromScratch: false } }),
  tool({ id: 'micro-sam', name: 'micro-SAM', kind: 'plugin', categories: ['pretrained-dl', 'finetuned-dl', 'manual-annotation'], tasks: ['instance-segmentation', 'annotation'], interfaces: ['plugin', 'python-api'], runsInside: ['napari'], training: { pretrained: true, fineTune: true, fromScratch: false }, gpu: 'recommended', installEffort: 'medium' }),
  tool({ id: 'zerocostdl4mic', name: 'ZeroCostDL4Mic', kind: 'platform', categories: ['scratch-dl', 'finetuned-dl'], tasks: ['instance-segmentation', 'semantic-segmentation', 'denoising', 'training-deployment'], interfaces: ['notebook'], coding: 'scripting', runsWhere: ['cloud'], gpu: 'required', training: DLT, os: ['browser'] }),
  tool({ id: 'biapy', name: 'BiaPy', kind: 'library', categories: ['scratch-dl', 'finetuned-dl'], tasks: ['instance-segmentation', 'semantic-segmentation', 'object-detection', 'training-deployment'], interfaces: ['notebook', 'cli', 'desktop-gui'], coding: 'scripting', gpu: 'recommended', training: DLT, runsWhere: ['local', 'cloud'], installEffort: 'medium' }),
  tool({ id: 'nnunet', name: 'nnU-Net', kind: 'library', categories: ['scratch-dl'], tasks: ['semantic-segmentation', 'instance-segmentation'], interfaces: ['cli', 'python-api'], coding: 'programming', gpu: 'required', training: { pretrained: false, fineTune: true, fromScratch: true }, installEffort: 'high', runsWhere: ['local', 'hpc'] }),
  tool({ id: 'trackmate', name: 'TrackMate', kind: 'plugin', categories: ['classical'], tasks: ['tracking', 'object-detection'], interfaces: ['plugin'], runsInside: ['fiji'], canRun: ['stardist', 'cellpose', 'ilastik'] }),
  tool({ id: 'ultrack', name: 'Ultrack', kind: 'library', categories: ['classical'], tasks: ['tracking'], interfaces: ['python-api', 'plugin'], coding: 'scripting', runsInside: ['napari'], installEffort: 'medium' }),
  tool({ id: 'image-sc-forum', name: 'image.sc forum', kind: 'community', categories: [], tasks: ['community-help'], interfaces: ['website'], os: ['browser'] }),
  tool({ id: 'care', name: 'CARE (CSBDeep)', kind: 'library', categories: ['scratch-dl'], tasks: ['denoising', 'deconvolution', 'resolution-enhancement'], interfaces: ['python-api', 'plugin'], coding: 'scripting', gpu: 'recommended', training: DLT, runsInside: ['fiji'] }),
  tool({ id: 'careamics', name: 'CAREamics', kind: 'library', categories: ['scratch-dl'], tasks: ['denoising'], interfaces: ['python-api', 'plugin'], coding: 'scripting', gpu: 'recommended', training: DLT, runsInside: ['napari'] }),
  tool({ id: 'noise2void', name: 'Noise2Void', kind: 'method', categories: ['scratch-dl'], tasks: ['denoising'], interfaces: ['python-api', 'plugin'], coding: 'scripting', gpu: 'recommended', training: DLT, runsInside: ['fiji'] }),
  tool({ id: 'rcan-3d', name: '3D-RCAN', kind: 'library', categories: ['scratch-dl'], tasks: ['denoising', 'deconvolution', 'deaberration', 'resolution-enhancement'], interfaces: ['cli'], coding: 'scripting', gpu: 'recommended', training: DLT }),
  tool({ id: 'deconvolutionlab2', name: 'DeconvolutionLab2', kind: 'plugin', categories: ['classical'], tasks: ['deconvolution'], interfaces: ['plugin'], runsInside: ['fiji'] }),
];

function method(p: Partial<RestorationMethod> & Pick<RestorationMethod, 'id' | 'name' | 'family' | 'tasks' | 'dataNeeds'>): RestorationMethod {
  return RestorationMethodSchema.parse({
    dimensionality: ['2d', '3d'],
    summary: 'fixture',
    description: 'fixture',
    failureModes: [{ kind: 'hallucination', text: 'fixture' }],
    liveCellFriendly: false,
    tools: [],
    runnerPreset: null,
    glossary: [],
    bookRefs: [{ section: '6.2' }],
    ...p,
  });
}

/** Fixture restoration methods standing in for knowledge/restoration-methods.json. */
export const FIXTURE_METHODS: RestorationMethod[] = [
  method({ id: 'care', name: 'CARE', family: 'supervised-dl', tasks: ['denoising', 'deconvolution', 'resolution-enhancement'], dataNeeds: ['paired-low-high'], tools: ['care', 'careamics'], liveCellFriendly: true }),
  method({ id: 'noise2void', name: 'Noise2Void', family: 'self-supervised-dl', tasks: ['denoising'], dataNeeds: ['noisy-only'], tools: ['noise2void', 'careamics'], liveCellFriendly: true }),
  method({ id: 'noise2noise', name: 'Noise2Noise', family: 'supervised-dl', tasks: ['denoising'], dataNeeds: ['two-noisy-acquisitions'], tools: ['careamics'], liveCellFriendly: true }),
  method({ id: 'richardson-lucy', name: 'Richardson-Lucy deconvolution', family: 'classical', tasks: ['deconvolution'], dataNeeds: ['known-psf'], tools: ['deconvolutionlab2'] }),
  method({ id: 'rcan-denoise', name: '3D-RCAN denoising', family: 'supervised-dl', tasks: ['denoising'], dataNeeds: ['paired-low-high'], tools: ['rcan-3d'], runnerPreset: 'denoise', liveCellFriendly: true }),
  method({ id: 'rcan-deconvolution', name: '3D-RCAN deconvolution', family: 'supervised-dl', tasks: ['deconvolution'], dataNeeds: ['paired-low-high'], tools: ['rcan-3d'], runnerPreset: 'deconvolution' }),
  method({ id: 'rcan-deaberration', name: '3D-RCAN deaberration', family: 'supervised-dl', tasks: ['deaberration'], dataNeeds: ['paired-low-high'], tools: ['rcan-3d'], runnerPreset: 'deaberration' }),
  method({ id: 'rcan-resolution', name: '3D-RCAN resolution enhancement', family: 'cross-modality-dl', tasks: ['resolution-enhancement'], dataNeeds: ['cross-modality-pairs', 'paired-low-high'], tools: ['rcan-3d'], runnerPreset: 'resolution' }),
  method({ id: 'rln', name: 'Richardson-Lucy network', family: 'physics-informed-dl', tasks: ['deconvolution'], dataNeeds: ['synthetic-pairs', 'paired-low-high'], dimensionality: ['3d'], tools: [] }),
];

/**
 * Load the test knowledge base.
 *
 * @param options.fixturesOnly - ignore real tool/method files (for rule tests that must not drift)
 * @returns a knowledge base shaped like `loadKnowledgeBase()`'s
 */
export function loadTestKnowledgeBase(options: { fixturesOnly?: boolean } = {}): KnowledgeBase {
  const realTools = options.fixturesOnly ? [] : jsonFiles(join(ROOT, 'tools')).map((f) => ToolSchema.parse(readJson(f)));
  const methodsFile = join(ROOT, 'restoration-methods.json');
  const realMethods = !options.fixturesOnly && existsSync(methodsFile) ? z.array(RestorationMethodSchema).parse(readJson(methodsFile)) : [];
  const chapters = readJson(join(ROOT, 'book', 'chapters.json')) as { book: unknown; chapters: unknown };
  const sections = readJson(join(ROOT, 'book', 'sections.json')) as Record<string, unknown[]>;
  const categories = z.array(MethodCategorySchema).parse(readJson(join(ROOT, 'categories.json')));
  return {
    tools: (realTools.length > 0 ? realTools : FIXTURE_TOOLS).sort((a, b) => a.id.localeCompare(b.id)),
    categories: categories.sort((a, b) => a.order - b.order),
    restorationMethods: (realMethods.length > 0 ? realMethods : FIXTURE_METHODS).sort((a, b) => a.id.localeCompare(b.id)),
    glossary: options.fixturesOnly ? [] : jsonFiles(join(ROOT, 'glossary')).map((f) => GlossaryTermSchema.parse(readJson(f))),
    caseStudies: jsonFiles(join(ROOT, 'case-studies')).map((f) => CaseStudySchema.parse(readJson(f))),
    questions: QuestionSetSchema.parse(readJson(join(ROOT, 'questions.json'))),
    trees: jsonFiles(join(ROOT, 'trees')).map((f) => DecisionTreeSchema.parse(readJson(f))),
    resources: [],
    book: {
      meta: BookMetaSchema.parse(chapters.book),
      chapters: z.array(BookChapterSchema).parse(chapters.chapters),
      sections: Object.entries(sections).flatMap(([page, list]) => list.map((s) => ({ ...BookSectionSchema.parse(s), page }))),
      glossary: z.array(BookGlossaryEntrySchema).parse(readJson(join(ROOT, 'book', 'glossary.json'))),
    },
  };
}
