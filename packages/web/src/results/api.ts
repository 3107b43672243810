import { useQuery } from "@tanstack/react-query";
import type { Answer } from "../api/types";
import { api } from "../app/api";

export type PublicResults = Answer<"/api/public/results">;
export type PublicResult = PublicResults["items"][number];
export type Spread = PublicResults["summary"]["all"];

/** The types of instansi, as the registry and the published results know them (core). */
export { INSTANSI_KINDS as INSTANSI_TYPES } from "@matang/core";

export function usePublishedYears() {
  return useQuery({
    queryKey: ["public", "years"],
    queryFn: () => api<Answer<"/api/public/results/years">>("GET", "/api/public/results/years"),
  });
}

/** A year's ranked results (every body: filtering happens on screen, ranks are among all). */
export function usePublicResults(year: number | null) {
  return useQuery({
    queryKey: ["public", "results", year],
    queryFn: () => api<PublicResults>("GET", `/api/public/results?year=${year}`),
    enabled: year !== null,
  });
}
