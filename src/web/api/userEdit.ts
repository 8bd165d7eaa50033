import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notifications } from "@mantine/notifications";
import { api } from "./client";
import { keys } from "./queries";
import type { BulkUsersBody, UpdateUserBody, User } from "./types";

/** One user as the server last sent it, with the ETag a later PATCH must send back in If-Match. */
export interface VersionedUser {
  user: User;
  etag: string | null;
}

export function useUser(id: string) {
  return useQuery({
    queryKey: keys.user(id),
    queryFn: async (): Promise<VersionedUser> => {
      const { data, response } = await api.GET("/users/{id}", { params: { path: { id } } });
      return { user: data!, etag: response.headers.get("etag") };
    },
    retry: false,
    // Refreshed when something changes the user, never behind the back of someone editing it.
    staleTime: Infinity,
  });
}

/** Refreshes everything a change of a user can move: lists, groups' members, roles' holders, /me. */
function useRefreshAfterUserChange() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ["users", "list"] }),
      client.invalidateQueries({ queryKey: keys.people }),
      client.invalidateQueries({ queryKey: keys.groups }),
      client.invalidateQueries({ queryKey: keys.roles }),
      client.invalidateQueries({ queryKey: keys.me }),
    ]);
}

/**
 * PATCH of a user guarded by If-Match. A 412 precondition_failed (someone else saved first) and
 * field errors are left to the form.
 */
export function useUpdateUser(id: string) {
  const client = useQueryClient();
  const refresh = useRefreshAfterUserChange();
  return useMutation({
    mutationFn: async ({ etag, body }: { etag: string | null; body: UpdateUserBody }): Promise<VersionedUser> => {
      const { data, response } = await api.PATCH("/users/{id}", {
        params: { path: { id }, header: etag ? { "If-Match": etag } : undefined },
        body,
      });
      return { user: data!, etag: response.headers.get("etag") };
    },
    // Here rather than at the call: the form remounts with the new version as soon as it is set.
    onSuccess: async (saved) => {
      notifications.show({ color: "teal", message: `Changes to ${saved.user.name} were saved.` });
      client.setQueryData(keys.user(id), saved);
      await refresh();
    },
  });
}

/** ROL-4: adds roles to many users at once; all or nothing, per-user errors left to the caller. */
export function useAssignRoles() {
  const refresh = useRefreshAfterUserChange();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { user_ids: string[]; role_ids: string[] }) =>
      (await api.POST("/users/bulk/assign-roles", { body })).data!,
    onSuccess: async () => {
      await Promise.all([refresh(), client.invalidateQueries({ queryKey: ["users", "detail"] })]);
    },
  });
}

/**
 * USR-7: one change to many users (a group joined or left, every session ended). Each user is
 * judged alone: the answer lists who changed and who was refused, and why. Only a request the
 * server refuses as a whole (a group gone) is an error.
 */
export function useBulkChangeUsers() {
  const refresh = useRefreshAfterUserChange();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: BulkUsersBody) => (await api.POST("/users/bulk", { body })).data!,
    // Under "users" too: the records opened, and the sessions a sign-out ended.
    onSuccess: async () => {
      await Promise.all([refresh(), client.invalidateQueries({ queryKey: ["users"] })]);
    },
  });
}
