// The least the intake evaluation may score before CI fails (tests/intake/eval.test.ts): a little below
// what the committed pipeline scores, so that a change that makes drafts worse is caught, and raised
// whenever the pipeline gets better. The targets the work aims at are in ./report.ts (MEASURES).
import type { Split } from './corpus.ts';

export const FLOORS: Record<Split, Record<string, number>> = {
  tune: {
    'relevance precision': 0.95,
    'relevance recall': 0.95,
    'merge precision (pairwise)': 0.93,
    'merge recall (pairwise)': 0.58,
    'merge F1 (pairwise)': 0.72,
    'event links correct': 0.88,
    'articles linked to a wrong event': 6,
    'drafts with the exact date': 0.82,
    'drafts approvable without an edit': 0.7,
  },
  heldout: {
    'relevance precision': 0.93,
    'relevance recall': 0.92,
    'merge precision (pairwise)': 0.82,
    'merge recall (pairwise)': 0.55,
    'merge F1 (pairwise)': 0.66,
    'event links correct': 0.85,
    'articles linked to a wrong event': 5,
    'drafts with the exact date': 0.78,
    'drafts approvable without an edit': 0.48,
  },
};
