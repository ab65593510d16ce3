/**
 * The knowledge base for wizard/recommend tests: the real, validated `knowledge/` folder, so the
 * book's profiles are checked against the content users will see.
 */
import type { KnowledgeBase } from '../../lib/knowledge/knowledge-base';
import { loadKnowledgeBase } from '../../lib/knowledge/load';

export function loadTestKnowledgeBase(): KnowledgeBase {
  return loadKnowledgeBase();
}
