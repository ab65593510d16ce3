// Node-only entry (file system). Pages import it in server components; the CLI imports it directly.
export { loadKnowledgeBase, checkKnowledgeBase, readKnowledgeFiles, type CheckReport } from './load';
