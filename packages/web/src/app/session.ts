import type { Role } from "@matang/core";
import { useQuery } from "@tanstack/react-query";
import { api, setCsrfToken } from "./api";

export type { Role };

export interface Me {
  user: { id: string; email: string; name: string };
  grants: { role: Role; organizationId: string | null }[];
  csrfToken: string | null;
}

export const ME_KEY = ["me"] as const;

/** Who is logged in; null when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      // /api/auth/session answers 200 for visitors too, so the console stays free of 401s.
      const { session } = await api<{ session: Me | null }>("GET", "/api/auth/session");
      setCsrfToken(session?.csrfToken ?? null);
      return session;
    },
    staleTime: 60_000,
  });
}

export const hasRole = (me: Me | null | undefined, ...roles: Role[]) =>
  Boolean(me?.grants.some((g) => roles.includes(g.role)));

/** Roles that read an instansi's targets (the server's policy decides; this only spares a 403). */
export const TARGET_READERS: Role[] = ["admin", "coordinator", "internal_assessor", "reviewer", "leader"];
