/**
 * The trainee's notebook (issue 14 item 2): hypotheses, findings and ruled-out ideas written down
 * during the run. Each entry is a run step, so the debrief's timeline and the postmortem draft
 * show what the trainee thought and when. Not scored (docs/scoring.md).
 */
export const NOTEBOOK_ENTRIES = ['hypothesis', 'finding', 'ruled-out'] as const;
export type NotebookEntry = (typeof NOTEBOOK_ENTRIES)[number];

/** Longest note or declared hypothesis kept, in characters (a paragraph, not a document). */
export const NOTE_TEXT_MAX = 2000;

export const NOTEBOOK_LABEL: Record<NotebookEntry, string> = {
  hypothesis: 'Hypothesis',
  finding: 'Finding',
  'ruled-out': 'Ruled out',
};
