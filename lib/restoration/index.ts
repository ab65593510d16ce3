// lib/restoration: classical restoration baselines (no tfjs, no DOM, no node:*), shared by the CLI and the browser.
export { fft1d, fft3d, nextPow2 } from './fft';
export { createSameConvolver, type Grid, type SameConvolver } from './convolve';
export { gaussianFilter, gaussianWeights, reflectIndex, type Sigma } from './gaussian-filter';
export { medianFilter } from './median-filter';
export { richardsonLucy, tvDivergence, type RichardsonLucyOptions } from './richardson-lucy';
export { computePsf, gaussianPsfFromSigma, gaussianPsfSigmaUm, normalizePsf, type ComputedPsf, type MicroscopeOptics } from './psf-model';
export {
  CLASSICAL_METHODS,
  SEARCH_GRID,
  classicalRestoreVolume,
  describeRun,
  formatRankingTable,
  metricShape,
  rankAgainstTruth,
  runClassical,
  type ClassicalMethod,
  type ClassicalParams,
  type ClassicalRestoreOptions,
  type ClassicalRestoreResult,
  type ClassicalRun,
  type Ranking,
  type RankedRow,
} from './run-classical';
