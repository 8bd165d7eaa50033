/** Matters, tasks and calendar events (PRC): lists paged by cursor, and the calendars shown beside one's own. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notifications } from "@mantine/notifications";
import { LIMITS } from "../../shared/limits";
import { api } from "./client";
import { everyUser } from "./groups";
import { notifyError } from "./mutations";
import { isProblem } from "./problem";
import type { EventFilters, MatterFilters, TaskFilters, User } from "./types";

export const practiceKeys = {
  matters: (filters: MatterFilters) => ["practice", "matters", filters] as const,
  tasks: (filters: TaskFilters) => ["practice", "tasks", filters] as const,
  events: (filters: EventFilters) => ["practice", "events", filters] as const,
  calendars: ["practice", "calendars"] as const,
  /** Under "users": whatever refreshes users (a deactivation) refreshes this too. */
  everyone: ["users", "active-and-former"] as const,
};

/** Drops empty filters so they neither reach the query string nor split the cache. */
function present<T extends object>(filters: T): T {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== "")) as T;
}

interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** The options of a list read a page at a time, "Load more" following `next_cursor`. */
function paged<T>(queryKey: readonly unknown[], fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {
  return {
    queryKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }: { pageParam: string | undefined }) => fetchPage(pageParam),
    getNextPageParam: (last: Page<T>) => last.next_cursor ?? undefined,
  };
}

const limit = LIMITS.pageDefault;

export function useMatters(filters: MatterFilters) {
  const query = present(filters);
  return useInfiniteQuery(
    paged(practiceKeys.matters(query), async (cursor) => (await api.GET("/matters", { params: { query: { ...query, cursor, limit } } })).data!),
  );
}

export function useTasks(filters: TaskFilters) {
  const query = present(filters);
  return useInfiniteQuery(
    paged(practiceKeys.tasks(query), async (cursor) => (await api.GET("/tasks", { params: { query: { ...query, cursor, limit } } })).data!),
  );
}

export function useEvents(filters: EventFilters) {
  const query = present(filters);
  return useInfiniteQuery(
    paged(practiceKeys.events(query), async (cursor) => (await api.GET("/calendar-events", { params: { query: { ...query, cursor, limit } } })).data!),
  );
}

/** Every calendar the viewer may show (their own, the firm's, every active colleague's). */
export function useCalendars() {
  return useQuery({
    queryKey: practiceKeys.calendars,
    queryFn: async () => {
      const out = [];
      let cursor: string | undefined;
      do {
        const { data } = await api.GET("/calendars", { params: { query: { limit: LIMITS.pageMax, cursor } } });
        out.push(...data!.data);
        cursor = data!.next_cursor ?? undefined;
      } while (cursor);
      return out;
    },
  });
}

/** PRC-9: whose calendars to show beside one's own; the whole list each time. */
export function useSetVisibleCalendars() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (userIds: string[]) => (await api.PUT("/me/visible-calendars", { body: { user_ids: userIds } })).data!,
    onSuccess: () => notifications.show({ color: "teal", message: "Your calendar view was saved." }),
    onError: (error) => notifyError("Could not change the calendars shown", error),
    onSettled: () => client.invalidateQueries({ queryKey: practiceKeys.calendars }),
  });
}

/**
 * The people work can be filtered by: the active ones and, for those who may list them, the
 * deactivated ones too (whose work is what one looks for when someone has left).
 */
export function useEveryone() {
  return useQuery({
    queryKey: practiceKeys.everyone,
    queryFn: async () => {
      const former = everyUser("deactivated").catch((error: unknown) => {
        if (isProblem(error, "forbidden")) return [] as User[];
        throw error;
      });
      const byName = (a: User, b: User) => (a.name || a.email).localeCompare(b.name || b.email);
      return { active: (await everyUser("active")).sort(byName), former: (await former).sort(byName) };
    },
    staleTime: 60_000,
  });
}

/** Select options of people: active first, then the deactivated under their own heading. */
export function peopleOptions(people: { active: User[]; former: User[] } | undefined) {
  if (!people) return [];
  const option = (u: User) => ({ value: u.id, label: u.name.trim() || u.email });
  const groups = [{ group: "Active", items: people.active.map(option) }];
  if (people.former.length > 0) {
    groups.push({ group: "Deactivated", items: people.former.map((u) => ({ value: u.id, label: `(Inactive) ${option(u).label}` })) });
  }
  return groups;
}
