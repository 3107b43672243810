import type { Role } from "@matang/core";
import { useQuery } from "@tanstack/react-query";
import type { Answer } from "../api/types";
import { api, setCsrfToken } from "./api";

export type { Role };

/** Who is logged in, their grants (display only) and what the application offers them (`can`). */
export type Me = Answer<"/api/auth/me">;

export const ME_KEY = ["me"] as const;

/** Who is logged in; null when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      // /api/auth/session answers 200 for visitors too, so the console stays free of 401s.
      const { session } = await api<Answer<"/api/auth/session">>("GET", "/api/auth/session");
      setCsrfToken(session?.csrfToken ?? null);
      return session;
    },
    staleTime: 60_000,
  });
}
