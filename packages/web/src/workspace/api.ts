import type { EvidenceStatus, Headline, LevelStage, State } from "@matang/core";
import { LEVEL_STAGES } from "@matang/core";
import { useQuery } from "@tanstack/react-query";
import { api } from "../app/api";

export type AssessmentState = State;

export type IndicatorStatus = "not_started" | "in_progress" | "ready" | "returned" | "done";

export interface AssessmentSummary {
  id: string;
  cycleId: string;
  organizationId: string;
  organizationName: string;
  state: AssessmentState;
}

export interface StageScore {
  complete: boolean;
  index: number | null;
  indexDisplay: string | null;
  predicate: string | null;
  floor: number;
  ceiling: number;
  floorDisplay: string;
  ceilingDisplay: string;
  missing: number;
  answered: number;
  domains: GroupScore[];
  aspects: GroupScore[];
}

export interface GroupScore {
  code: string;
  name: string;
  index: number | null;
  indexDisplay: string | null;
  floor: number;
  ceiling: number;
}

export type Stage = LevelStage;
export const STAGES: readonly Stage[] = LEVEL_STAGES;

export interface Assessment {
  id: string;
  state: AssessmentState;
  version: number;
  submittedAt: string | null;
  stageOpen: boolean;
  /** What the caller may do with it, as the server's policy says (the state still decides when). */
  can: {
    assign: boolean;
    consolidate: boolean;
    uploadEvidence: boolean;
    reviewEvidence: boolean;
    submit: boolean;
    advance: boolean;
    publish: boolean;
    score: boolean;
    validate: boolean;
  };
  cycle: {
    id: string;
    year: number;
    name: string;
    frameworkId: string;
    schedule: Record<string, { start: string; end: string }>;
  };
  organization: { id: string; name: string; kind: string };
  scores: Record<Stage, StageScore>;
  /** The one figure every page shows for it (core's rule), with its label. */
  headline: Headline;
  validation: { valid: number; notValid: number };
}

export interface EvidenceLink {
  id: string;
  level: number;
  evidenceId: string;
  title: string;
  kind: "file" | "link";
  url: string | null;
  review: "pending" | "accepted" | "revision";
  reason: string | null;
  note: string | null;
  /** The unit it is from, and who put it there ("uploaded by X on behalf of unit Y"). */
  unitId: string | null;
  uploadedBy: string | null;
  /** Accepted by its own uploader, as the instansi's settings allow. */
  selfAccepted: boolean;
  version: number;
}

export interface StageValue {
  level: number | null;
  note: string;
  verdict: string | null;
  version: number;
}

export interface IndicatorRow {
  code: string;
  name: string;
  weight: number;
  aspect: string;
  domain: string;
  scale: string;
  status: IndicatorStatus;
  assignments: { unitId: string; unitName: string; dueDate: string | null }[];
  assignmentVersion: number;
  unitAnswers: {
    unitId: string;
    level: number | null;
    explanation: string;
    status: "in_progress" | "ready" | "returned";
    returnNote: string | null;
    version: number;
  }[];
  stages: Partial<Record<Stage | "validation", StageValue>>;
  claimedLevel: number | null;
  supportedLevel: number | null;
  /** The first level without accepted evidence, and where its evidence stands. */
  gating: { blockedAt: number | null; blockedBy: EvidenceStatus | null };
  evidence: EvidenceLink[];
}

export interface Text {
  id: string;
  en?: string;
}

export interface FrameworkTree {
  id: string;
  title: Text;
  scales: { id: string; name: Text; levels: { value: number; name: Text; meaning?: Text }[] }[];
  domains: {
    code: string;
    name: Text;
    aspects: {
      code: string;
      name: Text;
      indicators: {
        code: string;
        name: Text;
        scale: string;
        levels: { value: number; criteria: Text; evidence?: Text }[];
      }[];
    }[];
  }[];
}

export const assessmentKey = (id: string) => ["assessment", id] as const;
export const indicatorsKey = (id: string) => ["assessment", id, "indicators"] as const;

export const useAssessments = () =>
  useQuery({
    queryKey: ["assessments"],
    queryFn: () => api<{ items: AssessmentSummary[] }>("GET", "/api/assessments"),
  });

export const useAssessment = (id: string) =>
  useQuery({ queryKey: assessmentKey(id), queryFn: () => api<Assessment>("GET", `/api/assessments/${id}`) });

export const useIndicators = (id: string) =>
  useQuery({
    queryKey: indicatorsKey(id),
    queryFn: () => api<{ items: IndicatorRow[] }>("GET", `/api/assessments/${id}/indicators`),
  });

export const useFramework = (id: string | undefined) =>
  useQuery({
    queryKey: ["framework", id],
    queryFn: () => api<FrameworkTree>("GET", `/api/frameworks/${id}`),
    enabled: Boolean(id),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Text in the user's language, falling back to Indonesian. */
export const local = (text: Text | undefined, language: string) =>
  text ? (language === "en" && text.en) || text.id : "";

/** An index as the user reads numbers: "2,60" in Indonesian, "2.60" in English. */
export const formatIndex = (display: string | null | undefined, language: string) =>
  display == null ? "—" : language === "id" ? display.replace(".", ",") : display;
