import type { Framework, LevelStage, State } from "@matang/core";
import { LEVEL_STAGES, loadFramework } from "@matang/core";
import { useQuery } from "@tanstack/react-query";
import type { Answer, Schemas } from "../api/types";
import { api } from "../app/api";

export type AssessmentState = State;
export type AssessmentSummary = Answer<"/api/assessments">["items"][number];
export type Assessment = Schemas["Assessment"];
export type StageScore = Assessment["scores"][Stage];
export type IndicatorRow = Schemas["IndicatorRow"];
export type IndicatorStatus = IndicatorRow["status"];
export type EvidenceLink = Schemas["EvidenceLink"];
export type StageValue = Schemas["StageValue"];
export type FrameworkTree = Answer<"/api/frameworks/{id}">;
export type Text = FrameworkTree["title"];

export type Stage = LevelStage;
export const STAGES: readonly Stage[] = LEVEL_STAGES;

export const assessmentKey = (id: string) => ["assessment", id] as const;
export const indicatorsKey = (id: string) => ["assessment", id, "indicators"] as const;

export const useAssessments = () =>
  useQuery({
    queryKey: ["assessments"],
    queryFn: () => api<Answer<"/api/assessments">>("GET", "/api/assessments"),
  });

export const useAssessment = (id: string) =>
  useQuery({
    queryKey: assessmentKey(id),
    queryFn: () => api<Answer<"/api/assessments/{id}">>("GET", `/api/assessments/${id}`),
  });

export const useIndicators = (id: string) =>
  useQuery({
    queryKey: indicatorsKey(id),
    queryFn: () =>
      api<Answer<"/api/assessments/{id}/indicators">>("GET", `/api/assessments/${id}/indicators`),
    // While a file's text is being read its findings are on the way: look again for a while
    // (a server that does not read texts leaves them waiting; then the page stops asking).
    refetchInterval: (query) =>
      query.state.dataUpdateCount < 40 &&
      query.state.data?.items.some((i) => i.evidence.some((e) => e.file?.text?.status === "pending"))
        ? 3000
        : false,
  });

export const useFramework = (id: string | undefined) =>
  useQuery({
    queryKey: ["framework", id],
    queryFn: () => api<Answer<"/api/frameworks/{id}">>("GET", `/api/frameworks/${id}`),
    enabled: Boolean(id),
    staleTime: Number.POSITIVE_INFINITY,
  });

export type ItemRow = Schemas["ItemRow"];
export type ExternalFeed = Schemas["ExternalFeed"];
export type FrameworkIndicator = FrameworkIndicatorOf<FrameworkTree>;
type FrameworkIndicatorOf<T> = T extends { aspects?: (infer A)[] }
  ? A extends { indicators: (infer I)[] }
    ? I
    : never
  : never;

/** A framework's aspects, with or without domains above them. */
export const aspectsOf = (tree: FrameworkTree) =>
  tree.domains?.flatMap((d) => d.aspects) ?? tree.aspects ?? [];

/** A framework's indicators in order, with or without domains. */
export const indicatorsOf = (tree: FrameworkTree) => aspectsOf(tree).flatMap((a) => a.indicators);

export const itemsKey = (id: string) => ["assessment", id, "items"] as const;
export const useItems = (id: string, enabled = true) =>
  useQuery({
    queryKey: itemsKey(id),
    queryFn: () => api<Answer<"/api/assessments/{id}/items">>("GET", `/api/assessments/${id}/items`),
    enabled,
  });

export const externalKey = (id: string) => ["assessment", id, "external"] as const;
export const useExternal = (id: string, enabled = true) =>
  useQuery({
    queryKey: externalKey(id),
    queryFn: () =>
      api<Answer<"/api/assessments/{id}/external-indices">>("GET", `/api/assessments/${id}/external-indices`),
    enabled,
  });

/** A value as the user reads numbers, with the scale's decimals: "2,37" in Indonesian. */
export const formatValue = (value: number | null | undefined, decimals: number, language: string) =>
  value == null ? "—" : formatIndex(decimals > 0 ? value.toFixed(decimals) : String(value), language);

/** Text in the user's language, falling back to Indonesian. */
export const local = (text: Text | null | undefined, language: string) =>
  text ? (language === "en" && text.en) || text.id : "";

/** An index as the user reads numbers: "2,60" in Indonesian, "2.60" in English. */
export const formatIndex = (display: string | null | undefined, language: string) =>
  display == null ? "—" : language === "id" ? display.replace(".", ",") : display;

/** The framework tree compiled by core (weights, scales, indicator index), or null if invalid. */
export function compileFramework(tree: FrameworkTree): Framework | null {
  const result = loadFramework(tree);
  return result.ok ? result.framework : null;
}
