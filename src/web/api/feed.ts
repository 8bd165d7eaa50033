import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "./client";
import type { ActivityFilters } from "./types";

/** Under "feed": every change refreshes the feed through the invalidation of its own lists. */
export const feedKeys = {
  firm: (filters: ActivityFilters) => ["feed", "firm", filters] as const,
  user: (id: string) => ["feed", "user", id] as const,
};

/** The firm feed, newest first, a page at a time (FEED-2). */
export function useFeed(filters: ActivityFilters) {
  return useInfiniteQuery({
    queryKey: feedKeys.firm(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => (await api.GET("/activities", { params: { query: { ...filters, cursor: pageParam, limit: 50 } } })).data!,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** What one user did and what was done to them, newest first (FEED-3). */
export function useUserActivity(id: string) {
  return useInfiniteQuery({
    queryKey: feedKeys.user(id),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => (await api.GET("/users/{id}/activity", { params: { path: { id }, query: { cursor: pageParam, limit: 20 } } })).data!,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** The server's CSV of the feed with the same filters (FEED-5); the browser downloads it with the session cookie. */
export function feedCsvUrl(filters: ActivityFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
  const query = params.toString();
  return `/api/v1/activities.csv${query ? `?${query}` : ""}`;
}
