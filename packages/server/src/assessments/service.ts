// The assessments capability's service, by responsibility: loading with the access check
// (loading.ts), reading (reading.ts), the instansi's indicator work (indicator-work.ts), assessors'
// stage scores (stage-scores.ts), evidence items (items.ts) and moves between states (transitions.ts).
export {
  addComment,
  assignUnits,
  consolidate,
  returnToUnit,
  saveUnitAnswer,
  type UnitAnswerInput,
} from "./indicator-work.js";
export { assignItem, itemAccess, listItems } from "./items.js";
export { access, accessIndicator, checkLevel, indicatorOf } from "./loading.js";
export {
  getAssessment,
  getAssessmentJson,
  headlines,
  history,
  indicatorThread,
  listAssessments,
  listIndicators,
} from "./reading.js";
export { setStageScore } from "./stage-scores.js";
export { move, reopen, setEvaluation } from "./transitions.js";
