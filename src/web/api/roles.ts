import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./queries";
import type { Role, RoleBody } from "./types";

export function usePermissions() {
  return useQuery({
    queryKey: keys.permissions,
    queryFn: async () => (await api.GET("/permissions")).data!.data,
    staleTime: Infinity,
  });
}

/** A change of a role changes what its holders may do at once (ROL-5), perhaps the signed-in user. */
function useRefreshRoles() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.roles }),
      client.invalidateQueries({ queryKey: keys.me }),
      client.invalidateQueries({ queryKey: ["users"] }),
    ]);
}

/** Errors (a duplicate name) are left to the form. */
export function useCreateRole() {
  const refresh = useRefreshRoles();
  return useMutation({
    mutationFn: async (body: RoleBody) => (await api.POST("/roles", { body })).data!,
    onSuccess: refresh,
  });
}

/**
 * Renames a custom role or replaces its permissions. The matrix shows a toggled permission at
 * once and puts it back if the server refuses.
 */
export function useUpdateRole() {
  const client = useQueryClient();
  const refresh = useRefreshRoles();
  return useMutation({
    // One at a time, so quick toggles reach the server in the order they were made.
    scope: { id: "roles" },
    mutationFn: async ({ id, body }: { id: string; body: Partial<RoleBody> }) =>
      (await api.PATCH("/roles/{id}", { params: { path: { id } }, body })).data!,
    onMutate: async ({ id, body }) => {
      if (!body.permissions) return { before: undefined };
      await client.cancelQueries({ queryKey: keys.roles });
      const before = client.getQueryData<Role[]>(keys.roles);
      client.setQueryData<Role[]>(keys.roles, (roles) =>
        roles?.map((role) => (role.id === id ? { ...role, permissions: body.permissions! } : role)),
      );
      return { before };
    },
    onError: (_error, _vars, context) => {
      if (context?.before) client.setQueryData(keys.roles, context.before);
    },
    onSettled: refresh,
  });
}

/** Errors (role_in_use with `holders`) are left to the caller. */
export function useDeleteRole() {
  const refresh = useRefreshRoles();
  return useMutation({
    mutationFn: async (role: Role) => {
      await api.DELETE("/roles/{id}", { params: { path: { id: role.id } } });
    },
    onSettled: refresh,
  });
}
