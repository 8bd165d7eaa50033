import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notifications } from "@mantine/notifications";
import { api } from "./client";
import { notifyError } from "./mutations";
import { isProblem } from "./problem";
import { keys } from "./queries";
import type { Group, GroupBody, User } from "./types";

/** Every user of a status, page after page (a firm has hundreds at most). */
export async function everyUser(status: "active" | "invited" | "deactivated"): Promise<User[]> {
  const out: User[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await api.GET("/users", { params: { query: { status, limit: 200, cursor } } });
    out.push(...data!.data);
    cursor = data!.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * The people who can be put in a group: active and invited users. Only managers of users may
 * list invited ones; for anyone else the active ones are all there is.
 */
export function usePeople() {
  return useQuery({
    queryKey: keys.people,
    queryFn: async () => {
      const invited = everyUser("invited").catch((error: unknown) => {
        if (isProblem(error, "forbidden")) return [];
        throw error;
      });
      const all = [...(await everyUser("active")), ...(await invited)];
      return all.sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email));
    },
    staleTime: 60_000,
  });
}

/** Groups change users' group lists too. */
function useRefreshGroups() {
  const client = useQueryClient();
  return () =>
    Promise.all([client.invalidateQueries({ queryKey: keys.groups }), client.invalidateQueries({ queryKey: ["users"] })]);
}

/** Errors (a name taken, field errors) are left to the form. */
export function useSaveGroup() {
  const refresh = useRefreshGroups();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: Partial<GroupBody> }) =>
      id
        ? (await api.PATCH("/groups/{id}", { params: { path: { id } }, body })).data!
        : (await api.POST("/groups", { body: body as GroupBody })).data!,
    onSuccess: refresh,
  });
}

export function useArchiveGroup() {
  const refresh = useRefreshGroups();
  return useMutation({
    mutationFn: async ({ group, archive }: { group: Group; archive: boolean }) =>
      (await api.POST(archive ? "/groups/{id}/archive" : "/groups/{id}/unarchive", { params: { path: { id: group.id } } })).data!,
    onSuccess: (_data, { group, archive }) =>
      notifications.show({
        color: "teal",
        message: archive ? `${group.name} was archived. Its members are kept.` : `${group.name} is active again.`,
      }),
    onError: (error, { archive }) => notifyError(archive ? "Could not archive the group" : "Could not unarchive the group", error),
    onSettled: refresh,
  });
}
