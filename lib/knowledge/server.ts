// Node-only entry (file system). Pages import it in server components; the CLI imports it directly.
export { loadKnowledgeBase, loadOfflineBook, checkKnowledgeBase, readKnowledgeFiles, type CheckReport } from './load';
