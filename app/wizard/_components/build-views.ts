import type { QuestionSet } from '@/lib/knowledge';

import { resolveRef } from '../../_components/kb';
import { linkProse } from '../../_components/link-prose';
import type { QuestionView, SectionView } from './types';

/** Prepare every question for display (server side): glossary links, section titles, book links. */
export function buildQuestionViews(set: QuestionSet): { questions: QuestionView[]; sections: SectionView[] } {
  const sectionTitle = new Map(set.sections.map((s) => [s.id, s.title]));
  const questions = set.questions.map((q) => {
    const linked = new Set<string>();
    return {
      id: q.id,
      sectionTitle: sectionTitle.get(q.section) ?? q.section,
      text: q.text,
      help: linkProse(q.help, linked),
      options: q.options.map((o) => ({ id: o.id, label: o.label, help: o.help ? linkProse(o.help, linked) : null })),
      bookRefs: q.bookRefs.flatMap((ref) => {
        const r = resolveRef(ref);
        return r ? [{ label: `§${r.number} ${r.title}`, url: r.url }] : [];
      }),
    };
  });
  return { questions, sections: set.sections.map(({ id, title, intro }) => ({ id, title, intro })) };
}
