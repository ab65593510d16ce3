export { KnowledgeError, ConfigError, InputError, abortError, isAbortError } from './errors';
