export { KnowledgeError, ConfigError, InputError, abortError, isAbortError } from './errors';
export { minMax } from './min-max';
