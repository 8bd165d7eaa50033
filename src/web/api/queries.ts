import { useInfiniteQuery, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, setCsrfToken } from "./client";
import { isProblem } from "./problem";
import type { Me, UserFilters, UserSort, UserStatusFilter } from "./types";

export const keys = {
  me: ["me"] as const,
  users: (status: UserStatusFilter, q: string, sort: UserSort, filters: UserFilters = {}) => ["users", "list", status, q, sort, filters] as const,
  user: (id: string) => ["users", "detail", id] as const,
  /** Under "users", so whatever refreshes users (deactivation, for one) refreshes these too. */
  userSessions: (id: string) => ["users", "sessions", id] as const,
  people: ["users", "people"] as const,
  activeUsers: ["users", "every-active"] as const,
  permissions: ["permissions"] as const,
  sessions: ["my-sessions"] as const,
  tokens: ["my-tokens"] as const,
  firm: ["firm"] as const,
  licenses: ["licenses"] as const,
  roles: ["roles"] as const,
  groups: ["groups"] as const,
  archivedGroups: ["groups", "archived"] as const,
  charges: ["charges"] as const,
  quote: (count: number) => ["license-quote", count] as const,
  invitation: (token: string) => ["invitation", token] as const,
};

/** The signed-in user, or null when signed out. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const { data } = await api.GET("/me");
    setCsrfToken(data?.csrf_token ?? null);
    return data ?? null;
  } catch (error) {
    if (isProblem(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/**
 * Reads /me unless it was read a moment ago. A public page opened in a new tab must do so before
 * its first POST: a signed-in browser sends its session cookie, and then the CSRF token too.
 */
export function ensureMe(client: QueryClient): Promise<Me | null> {
  return client.fetchQuery({ queryKey: keys.me, queryFn: fetchMe, staleTime: 60_000 });
}

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: fetchMe, staleTime: 60_000 });
}

/** The signed-in user inside the authenticated shell, where it is known to exist. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error("useCurrentUser is only valid inside the signed-in shell");
  return data;
}

export function useUsers(status: UserStatusFilter, q: string, sort: UserSort = "name", filters: UserFilters = {}) {
  return useInfiniteQuery({
    queryKey: keys.users(status, q, sort, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const { data } = await api.GET("/users", {
        params: { query: { status, q: q || undefined, sort, ...filters, cursor: pageParam, limit: 50 } },
      });
      return data!;
    },
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useSessions() {
  return useQuery({
    queryKey: keys.sessions,
    queryFn: async () => (await api.GET("/me/sessions")).data!,
  });
}

export function useTokens() {
  return useQuery({
    queryKey: keys.tokens,
    queryFn: async () => (await api.GET("/me/tokens")).data!,
    retry: false,
  });
}

export function useFirm() {
  return useQuery({ queryKey: keys.firm, queryFn: async () => (await api.GET("/firm")).data! });
}

export function useLicenses() {
  return useQuery({
    queryKey: keys.licenses,
    queryFn: async () => (await api.GET("/licenses")).data!,
    retry: false,
  });
}

export function useRoles() {
  return useQuery({
    queryKey: keys.roles,
    queryFn: async () => (await api.GET("/roles")).data!.data,
    staleTime: 5 * 60_000,
  });
}

/** The firm's groups that are not archived, or with `archived` the archived ones. */
export function useGroups(archived = false) {
  return useQuery({
    queryKey: archived ? keys.archivedGroups : keys.groups,
    queryFn: async () =>
      (await api.GET("/groups", { params: { query: archived ? { archived: "true" } : {} } })).data!.data.filter(
        (group) => group.archived === archived,
      ),
    staleTime: 60_000,
  });
}

/** The charges ledger, newest first, a page at a time. */
export function useCharges() {
  return useInfiniteQuery({
    queryKey: keys.charges,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await api.GET("/charges", { params: { query: { cursor: pageParam, limit: 50 } } })).data!,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    retry: false,
  });
}

/** The prorated price of `count` more licenses now (LIC-3); null count: nothing to quote. */
export function useLicenseQuote(count: number | null) {
  return useQuery({
    queryKey: keys.quote(count ?? 0),
    queryFn: async () => (await api.POST("/licenses/quote", { body: { count: count! } })).data!,
    enabled: count !== null,
    staleTime: 30_000,
    retry: false,
  });
}

/** What an invitation link is for; public, read before the person has an account. */
export function useInvitationLookup(token: string) {
  return useQuery({
    queryKey: keys.invitation(token),
    queryFn: async () => (await api.GET("/invitations/lookup", { params: { query: { token } } })).data!,
    enabled: token.length > 0,
    retry: false,
  });
}

/** After sign-in, sign-up or sign-out: drop what was cached for the previous user, re-read /me. */
export function useResetSession() {
  const client = useQueryClient();
  return async (): Promise<Me | null> => {
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== "me" });
    const me = await fetchMe();
    client.setQueryData(keys.me, me);
    return me;
  };
}
