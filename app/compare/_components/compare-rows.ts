// Shared by the server (which fills the cells) and the browser (which draws the table): no lib imports here.

/** One cell of the comparison table: text, optionally a link. */
export interface CompareCell {
  text: string;
  href?: string;
}

/** A tool as the comparison table shows it: one cell per row id. */
export interface CompareTool {
  id: string;
  name: string;
  cells: Record<string, CompareCell>;
}

/** The table's rows in display order, grouped for the reader. */
export const COMPARE_ROWS: readonly { id: string; label: string; group: string }[] = [
  { id: 'kind', label: 'Kind', group: 'What it is' },
  { id: 'summary', label: 'Summary', group: 'What it is' },
  { id: 'tasks', label: 'Tasks', group: 'What it is' },
  { id: 'categories', label: 'Method categories', group: 'What it is' },
  { id: 'outputs', label: 'What you get', group: 'What it is' },
  { id: 'dimensionality', label: 'Dimensionality', group: 'What it is' },
  { id: 'interfaces', label: 'Interfaces', group: 'Using it' },
  { id: 'os', label: 'Operating systems', group: 'Using it' },
  { id: 'runsWhere', label: 'Runs where', group: 'Using it' },
  { id: 'gpu', label: 'GPU', group: 'Using it' },
  { id: 'installEffort', label: 'Install effort', group: 'Using it' },
  { id: 'coding', label: 'Coding needed', group: 'Using it' },
  { id: 'pretrained', label: 'Pre-trained models', group: 'Training' },
  { id: 'fineTune', label: 'Fine-tuning', group: 'Training' },
  { id: 'fromScratch', label: 'Training from scratch', group: 'Training' },
  { id: 'shapeAssumptions', label: 'Shape assumptions', group: 'Training' },
  { id: 'runsInside', label: 'Runs inside', group: 'Works with' },
  { id: 'canRun', label: 'Can run', group: 'Works with' },
  { id: 'bestFor', label: 'Best for', group: 'Fit' },
  { id: 'notFor', label: 'Not for', group: 'Fit' },
  { id: 'largestDrawback', label: 'Largest drawback', group: 'Fit' },
  { id: 'license', label: 'Licence', group: 'Sources' },
  { id: 'doi', label: 'Paper', group: 'Sources' },
  { id: 'homepage', label: 'Homepage', group: 'Sources' },
  { id: 'book', label: 'Book sections', group: 'Sources' },
  { id: 'lastChecked', label: 'Last checked', group: 'Sources' },
];
