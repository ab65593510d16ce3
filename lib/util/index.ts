export { KnowledgeError, ConfigError, InputError, abortError, isAbortError } from './errors';
export { minMax } from './min-max';
export { mulberry32 } from './mulberry32';
export { gaussianKernel1d } from './gaussian-kernel';
