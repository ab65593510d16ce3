import { checkKnowledgeBase } from '../knowledge/server';
import { EXIT, printJson, type CliIo } from './io';

/**
 * The documented, stable JSON shape of `navigator kb` (see knowledge/README.md): a format version and
 * every entity type as an array of the records in knowledge/, already validated.
 */
export const KB_FORMAT_VERSION = 1;

export function kbCommand(_args: string[], io: CliIo): number {
  const { kb, issues } = checkKnowledgeBase();
  if (issues.length > 0) {
    io.stderr(`${issues.join('\n')}\n`);
    return EXIT.usage;
  }
  printJson(io, {
    format: KB_FORMAT_VERSION,
    counts: {
      tools: kb.tools.length,
      categories: kb.categories.length,
      restorationMethods: kb.restorationMethods.length,
      glossary: kb.glossary.length,
      glossaryFromBook: kb.glossary.filter((g) => g.source === 'book').length,
      caseStudies: kb.caseStudies.length,
      questions: kb.questions.questions.length,
      trees: kb.trees.length,
      resources: kb.resources.length,
    },
    ...kb,
  });
  return EXIT.ok;
}

export function checkCommand(_args: string[], io: CliIo): number {
  const { kb, issues } = checkKnowledgeBase();
  if (issues.length > 0) {
    io.stderr(`${issues.join('\n')}\n\ncheck:content found ${issues.length} problem(s).\n`);
    return EXIT.usage;
  }
  io.stdout(
    `check:content ok: ${kb.tools.length} tools, ${kb.categories.length} categories, ${kb.restorationMethods.length} restoration methods, ` +
      `${kb.glossary.length} glossary terms, ${kb.questions.questions.length} questions, ${kb.trees.length} trees, ${kb.caseStudies.length} case studies\n`,
  );
  return EXIT.ok;
}
