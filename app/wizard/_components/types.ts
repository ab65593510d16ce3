import type { ProseSegment } from '../../_components/term-anchor';

/** What the client needs to show a question: text and help with glossary links resolved on the server. */
export interface QuestionView {
  id: string;
  sectionTitle: string;
  text: string;
  help: ProseSegment[];
  options: { id: string; label: string; help: ProseSegment[] | null }[];
  bookRefs: { label: string; url: string }[];
}

export interface SectionView {
  id: string;
  title: string;
  intro: string;
}
