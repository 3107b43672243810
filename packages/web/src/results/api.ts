import { useQuery } from "@tanstack/react-query";
import { api } from "../app/api";

export interface Spread {
  count: number;
  mean: string | null;
  min: string | null;
  max: string | null;
  range: string | null;
  stddev: string | null;
}

export interface PublicResult {
  organizationId: string;
  organization: string;
  nameAsPublished: string;
  type: string;
  province: string | null;
  index: string;
  predicate: string;
  domains: Record<string, string>;
  rank: number;
  of: number;
  rankInType: number;
  ofType: number;
  rankInProvince: number | null;
  ofProvince: number | null;
  percentile: number;
  previousRank: number | null;
  rankChange: number | null;
  previousIndex: string | null;
}

export interface PublicResults {
  year: number;
  previousYear: number | null;
  total: number;
  items: PublicResult[];
  summary: { all: Spread; byType: Record<string, Spread> };
  distribution: { from: string; to: string; count: number }[];
  predicates: Record<string, number>;
  provinces: string[];
}

export const INSTANSI_TYPES = ["kementerian", "lembaga", "provinsi", "kabupaten", "kota"] as const;

export function usePublishedYears() {
  return useQuery({
    queryKey: ["public", "years"],
    queryFn: () => api<{ items: { year: number; count: number }[] }>("GET", "/api/public/results/years"),
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
