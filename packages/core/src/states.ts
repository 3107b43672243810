// The evaluation's states and their names, apart from everything else in core: the web app's
// first page needs these words and nothing of the rules (nor the schema library they bring).

/** The states an assessment goes through, in order. */
export const STATES = [
  "self_assessment",
  "submitted",
  "document_review",
  "interview",
  "visit",
  "consolidation",
  "validation",
  "published",
] as const;
export type State = (typeof STATES)[number];

/** What each state is called, in both of the product's languages (the web and the reports). */
export const STATE_LABELS: Record<State, { readonly id: string; readonly en: string }> = {
  self_assessment: { id: "Penilaian mandiri", en: "Self-assessment" },
  submitted: { id: "Disampaikan", en: "Submitted" },
  document_review: { id: "Penilaian dokumen", en: "Document review" },
  interview: { id: "Interviu", en: "Interview" },
  visit: { id: "Visitasi", en: "Visit" },
  consolidation: { id: "Konsolidasi", en: "Consolidation" },
  validation: { id: "Reviu/validasi", en: "Review/validation" },
  published: { id: "Dipublikasikan", en: "Published" },
};
