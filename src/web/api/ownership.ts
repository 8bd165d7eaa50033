import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { everyUser } from "./groups";
import { keys, useRoles } from "./queries";
import type { OwnershipTransferBody, User } from "./types";

/**
 * Who the primary subscriber may pick as the new owner (ACC-6): the other active users holding a
 * role that grants `firm.settings` (by name, Administrator, until the roles are loaded). Only a
 * shortlist: the server judges the choice.
 */
export function useOwnershipCandidates(selfId: string) {
  const roles = useRoles();
  const active = useQuery({ queryKey: keys.activeUsers, queryFn: () => everyUser("active"), staleTime: 60_000 });
  const adminRoles = new Set(
    roles.data ? roles.data.filter((r) => r.permissions.includes("firm.settings")).map((r) => r.id) : [],
  );
  const isAdministrator = (user: User) =>
    user.roles.some((r) => (roles.data ? adminRoles.has(r.id) : r.name === "Administrator"));
  const candidates = (active.data ?? [])
    .filter((user) => user.id !== selfId && user.status === "active" && isAdministrator(user))
    .sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email));
  return { candidates, isPending: active.isPending, error: active.error };
}

/** ACC-6: hands the firm to another administrator; field errors are left to the form. */
export function useTransferOwnership() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: OwnershipTransferBody) => (await api.POST("/firm/ownership-transfer", { body })).data!,
    onSuccess: async (firm) => {
      client.setQueryData(keys.firm, firm);
      // Both records read differently now (is_primary_subscriber, abilities), and so does /me.
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.me }),
        client.invalidateQueries({ queryKey: ["users"] }),
        client.invalidateQueries({ queryKey: keys.firm }),
      ]);
    },
  });
}
