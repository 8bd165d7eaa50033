import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notifications } from "@mantine/notifications";
import { api } from "./client";
import { notifyError } from "./mutations";
import { keys } from "./queries";
import type { User } from "./types";

/** SES-2: another user's live sessions; only asked for when the record's abilities allow it. */
export function useUserSessions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.userSessions(id),
    queryFn: async () => (await api.GET("/users/{id}/sessions", { params: { path: { id } } })).data!,
    enabled,
    retry: false,
  });
}

/** SES-2: ends every session and API token of a user, who stays active. */
export function useSignOutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (user: User) =>
      (await api.POST("/users/{id}/sign-out-everywhere", { params: { path: { id: user.id } } })).data!,
    onSuccess: (_data, user) => notifications.show({ color: "teal", message: `${user.name} was signed out everywhere.` }),
    onError: (error) => notifyError("Could not sign them out", error),
    onSettled: (_data, _error, user) => client.invalidateQueries({ queryKey: keys.userSessions(user.id) }),
  });
}
