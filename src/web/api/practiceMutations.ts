/**
 * Creating and editing practice data (PRC, GRP-4): matters, tasks, events, contacts, message
 * threads, and the lists the dialogs pick from. Every save refreshes the practice lists (CON-4).
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LIMITS } from "../../shared/limits";
import { api } from "./client";
import type { ContactBody, EventBody, MatterBody, TaskBody, ThreadBody } from "./types";

export const contactKeys = {
  list: (q: string) => ["practice", "contacts", q] as const,
  all: ["practice", "contacts", "every"] as const,
  threads: ["practice", "threads"] as const,
  messages: (id: string) => ["practice", "threads", id, "messages"] as const,
  thread: (id: string) => ["practice", "threads", id] as const,
  matterChoices: ["practice", "matter-choices"] as const,
  reassignments: (fromUserId: string | undefined) => ["reassignments", "history", fromUserId ?? "anyone"] as const,
};

/** Every page of a list, for the choices of a dialog (a firm's contacts or matters). */
async function everyPage<T>(fetchPage: (cursor: string | undefined) => Promise<{ data: T[]; next_cursor: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    out.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

/** Any change to practice data may move counts and rows of every practice list. */
function useRefreshPractice() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["practice"] });
}

/** Errors (a number taken, field errors) are left to the form. */
export function useSaveMatter() {
  const refresh = useRefreshPractice();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: Partial<MatterBody> }) =>
      id
        ? (await api.PATCH("/matters/{id}", { params: { path: { id } }, body })).data!
        : (await api.POST("/matters", { body: body as MatterBody })).data!,
    onSuccess: refresh,
  });
}

export function useSaveTask() {
  const refresh = useRefreshPractice();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: Partial<TaskBody> & { completed?: boolean } }) =>
      id ? (await api.PATCH("/tasks/{id}", { params: { path: { id } }, body })).data! : (await api.POST("/tasks", { body: body as TaskBody })).data!,
    onSuccess: refresh,
  });
}

export function useSaveEvent() {
  const refresh = useRefreshPractice();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: Partial<EventBody> }) =>
      id
        ? (await api.PATCH("/calendar-events/{id}", { params: { path: { id } }, body })).data!
        : (await api.POST("/calendar-events", { body: body as EventBody })).data!,
    onSuccess: refresh,
  });
}

export function useSaveContact() {
  const refresh = useRefreshPractice();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: Partial<ContactBody> }) =>
      id ? (await api.PATCH("/contacts/{id}", { params: { path: { id } }, body })).data! : (await api.POST("/contacts", { body: body as ContactBody })).data!,
    onSuccess: refresh,
  });
}

/** The firm's contacts by name, a page at a time, `q` searching name and email. */
export function useContacts(q: string) {
  return useInfiniteQuery({
    queryKey: contactKeys.list(q),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await api.GET("/contacts", { params: { query: { q: q || undefined, cursor: pageParam, limit: LIMITS.pageDefault } } })).data!,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** Every contact, for a dialog's choices (a matter's client, a thread's participants). */
export function useEveryContact(enabled = true) {
  return useQuery({
    queryKey: contactKeys.all,
    queryFn: () => everyPage(async (cursor) => (await api.GET("/contacts", { params: { query: { cursor, limit: LIMITS.pageMax } } })).data!),
    enabled,
  });
}

/** Every matter the viewer sees, for a task's, event's or thread's matter. */
export function useMatterChoices(enabled = true) {
  return useQuery({
    queryKey: contactKeys.matterChoices,
    queryFn: () => everyPage(async (cursor) => (await api.GET("/matters", { params: { query: { cursor, limit: LIMITS.pageMax } } })).data!),
    enabled,
  });
}

/** The threads the viewer takes part in or sees through a matter, latest first. */
export function useThreads() {
  return useInfiniteQuery({
    queryKey: contactKeys.threads,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => (await api.GET("/message-threads", { params: { query: { cursor: pageParam, limit: LIMITS.pageDefault } } })).data!,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useThread(id: string | undefined) {
  return useQuery({
    queryKey: contactKeys.thread(id ?? ""),
    queryFn: async () => (await api.GET("/message-threads/{id}", { params: { path: { id: id! } } })).data!,
    enabled: Boolean(id),
  });
}

/** A thread's messages, oldest first, every page. */
export function useMessages(id: string | undefined) {
  return useQuery({
    queryKey: contactKeys.messages(id ?? ""),
    queryFn: () =>
      everyPage(async (cursor) => (await api.GET("/message-threads/{id}/messages", { params: { path: { id: id! }, query: { cursor, limit: LIMITS.pageMax } } })).data!),
    enabled: Boolean(id),
  });
}

export function useCreateThread() {
  const refresh = useRefreshPractice();
  return useMutation({
    mutationFn: async (body: ThreadBody) => (await api.POST("/message-threads", { body })).data!,
    onSuccess: refresh,
  });
}

/** Posting changes the thread's count and order in the list as well as its messages. */
export function usePostMessage(threadId: string) {
  const refresh = useRefreshPractice();
  return useMutation({
    mutationFn: async (body: string) => (await api.POST("/message-threads/{id}/messages", { params: { path: { id: threadId } }, body: { body } })).data!,
    onSuccess: refresh,
  });
}

/** REA-9: the reassignments made so far, newest first, a page at a time. */
export function usePastReassignments(fromUserId: string | undefined) {
  return useInfiniteQuery({
    queryKey: contactKeys.reassignments(fromUserId),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await api.GET("/reassignments", { params: { query: { from_user_id: fromUserId, cursor: pageParam, limit: LIMITS.pageDefault } } })).data!,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}
