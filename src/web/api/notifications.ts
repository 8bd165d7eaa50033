import { useEffect, useState } from "react";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { notifications as toasts } from "@mantine/notifications";
import { api } from "./client";
import { notifyError } from "./mutations";
import type { Notification } from "./types";

const KEY = ["notifications"] as const;

/** My notifications, newest first, a page at a time; each page carries the unread count (NTF-1). */
export function useNotifications() {
  return useInfiniteQuery({
    queryKey: KEY,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => (await api.GET("/notifications", { params: { query: { cursor: pageParam, limit: 20 } } })).data!,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

function useMarkMutation(fn: () => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onError: (error) => notifyError("Could not mark as read", error),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** Marks one notification read. */
export function useMarkRead(id: string) {
  return useMarkMutation(() => api.POST("/notifications/{id}/read", { params: { path: { id } } }));
}

/** Marks every notification of mine read. */
export function useMarkAllRead() {
  return useMarkMutation(() => api.POST("/notifications/read-all"));
}

/**
 * Listens to the live stream (text/event-stream, the cookie session) while signed in: each new
 * notification appears as a toast and refreshes the bell's count and list at once (NTF-1).
 * EventSource reconnects by itself after a dropped connection; the list is re-read then, so
 * nothing sent meanwhile is missed. Returns whether the stream is connected.
 */
export function useLiveNotifications(): boolean {
  const client = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource("/api/v1/notifications/stream");
    const refresh = () => void client.invalidateQueries({ queryKey: KEY });
    source.addEventListener("open", () => {
      setLive(true);
      refresh();
    });
    source.addEventListener("error", () => setLive(false));
    source.addEventListener("notification", (event) => {
      const n = JSON.parse((event as MessageEvent<string>).data) as Notification;
      toasts.show({ id: `notification-${n.id}`, title: n.title, message: n.body, color: "navy", autoClose: 8000 });
      refresh();
      // What the notification is about may have changed lists on screen too (a user joined, work arrived).
      void client.invalidateQueries({ queryKey: ["users"] });
      void client.invalidateQueries({ queryKey: ["licenses"] });
    });
    return () => source.close();
  }, [client]);
  return live;
}
