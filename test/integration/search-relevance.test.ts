import { describe, expect, it } from 'vitest';

import { createSearchEngine } from '@/lib/knowledge';
import { loadKnowledgeBase } from '@/lib/knowledge/server';

/**
 * What people actually type, and the entry they are looking for. Each expectation was chosen by a
 * person reading the query, not by running the engine: the entry must be in the top 3 results.
 * Typos, acronyms, task names, tool names and plain-language phrases are all represented.
 */
const CASES: readonly [query: string, expected: string, why: string][] = [
  // Typos of tool and method names
  ['cellpse', 'tool:cellpose', 'one letter dropped'],
  ['stardsit', 'tool:stardist', 'two letters swapped'],
  ['deconvoluton', 'glossary:deconvolution', 'one letter dropped from a concept'],
  ['noise2viod', 'tool:noise2void', 'two letters swapped'],
  ['ilastick', 'tool:ilastik', 'phonetic spelling'],
  ['trakmate', 'tool:trackmate', 'one letter dropped'],
  ['qupth', 'tool:qupath', 'one letter dropped'],
  // Acronyms
  ['IoU', 'glossary:iou', 'metric acronym'],
  ['PSF', 'glossary:point-spread-function-psf', 'optics acronym'],
  ['N2V', 'tool:noise2void', 'method acronym'],
  ['SSIM', 'glossary:ssim', 'metric acronym'],
  ['PSNR', 'glossary:psnr', 'metric acronym'],
  ['SAM', 'tool:segment-anything', 'model acronym inside a longer name'],
  ['BM3D', 'tool:bm3d', 'algorithm acronym'],
  // Tasks and concepts
  ['denoising', 'glossary:denoising', 'task'],
  ['tracking', 'glossary:tracking', 'task'],
  ['cell tracking', 'glossary:tracking', 'task in plain words'],
  ['denoise 3d stack', 'restoration-method:rcan-3d-denoise', 'words spread over title and tags'],
  ['deaberration', 'glossary:deaberration', 'task'],
  ['super resolution', 'glossary:resolution-enhancement', 'common name for the task'],
  ['stitching', 'tool:bigstitcher', 'task that one tool is named after'],
  ['flat field', 'glossary:flat-field-correction', 'two words of a longer term'],
  ['instance segmentation', 'glossary:instance-segmentation', 'task'],
  ['ground truth', 'glossary:ground-truth', 'concept'],
  ['fine tuning', 'glossary:fine-tuning', 'concept without the hyphen'],
  ['human in the loop', 'glossary:human-in-the-loop', 'concept'],
  ['overfitting', 'glossary:overfitting', 'concept'],
  ['hallucination', 'glossary:hallucinations', 'singular of the term'],
  ['dice', 'glossary:dice-coefficient', 'first word of a metric'],
  ['F1 score', 'glossary:f1-score', 'metric'],
  ['data augmentation', 'glossary:data-augmentation', 'concept'],
  ['point spread function', 'glossary:point-spread-function-psf', 'spelled-out acronym'],
  // Method categories and restoration methods
  ['manual annotation', 'category:manual-annotation', 'category name'],
  ['pixel classification', 'category:pixel-classification', 'category by its usual name'],
  ['pretrained model', 'category:pretrained-dl', 'category in plain words'],
  ['deep learning from scratch', 'category:scratch-dl', 'category in plain words'],
  ['richardson lucy', 'restoration-method:richardson-lucy-deconvolution', 'classical algorithm without the hyphen'],
  // Tool names
  ['cellpose', 'tool:cellpose', 'exact name'],
  ['3D-RCAN', 'tool:rcan-3d', 'exact name with a hyphen'],
  ['segment anything', 'tool:segment-anything', 'name without the acronym'],
  // A tool's current model or bundled model, searched by its own name
  ['cellpose-sam', 'tool:cellpose', "Cellpose's current model is not a separate tool"],
  ['mesmer', 'tool:deepcell', 'DeepCell model for multiplexed tissue'],
  ['yeaz', 'tool:yeaz', 'exact name'],
  ['trackastra', 'tool:trackastra', 'exact name'],
  ['u-net', 'tool:unet', 'architecture name with a hyphen'],
  ['docker', 'tool:docker', 'infrastructure tool'],
  ['label-free prediction', 'tool:fnet', 'task in the tool name'],
  ['micro-sam', 'tool:micro-sam', 'name as typed in pip'],
  ['care', 'tool:care', 'short name'],
  ['noise2noise', 'tool:noise2noise', 'exact name'],
  ['cellprofiler', 'tool:cellprofiler', 'exact name'],
  ['napari', 'tool:napari', 'exact name'],
  ['fiji', 'tool:fiji', 'exact name'],
  ['bioimage model zoo', 'tool:bioimage-model-zoo', 'name in lower case'],
  ['zerocostdl4mic', 'tool:zerocostdl4mic', 'exact name'],
  ['image.sc', 'tool:image-sc-forum', 'forum by its domain'],
  ['weka', 'tool:trainable-weka-segmentation', 'short name of a longer one'],
  ['colab', 'tool:google-colab', 'short name'],
  ['omero', 'tool:omero', 'exact name'],
  // Phrases of several words, as a first-time user types them (issue 10)
  ['3d nuclei segmentation', 'tool:stardist', 'three words spread over tags and summary'],
  ['segment nuclei in 3d', 'tool:stardist', 'a sentence with a stop word'],
  ['denoise without ground truth', 'restoration-method:blind-spot-self-supervised-denoising', 'the concept described, not named'],
  ['denoising with no clean images', 'glossary:self-supervised-denoising', 'the concept described another way'],
];

describe('search relevance', () => {
  const engine = createSearchEngine(loadKnowledgeBase());

  it('has a realistic table of at least 30 queries', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each([['3d nuclei segmentation'], ['denoise without ground truth'], ['deconvolution of 3d stacks']])('the phrase "%s" finds several entries, not one or none', (query) => {
    expect(engine.search(query).length).toBeGreaterThanOrEqual(3);
  });

  it.each(CASES)('"%s" finds %s in the top 3 (%s)', (query, expected) => {
    const top = engine.search(query, { limit: 3 }).map((r) => `${r.type}:${r.id}`);
    expect(top).toContain(expected);
  });
});
