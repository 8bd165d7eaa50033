/** SCIM tokens and provisioning settings (Settings > Provisioning). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";

const keys = { tokens: ["scim-tokens"] as const, settings: ["scim-settings"] as const };

export function useScimTokens() {
  return useQuery({ queryKey: keys.tokens, queryFn: async () => (await api.GET("/scim-tokens")).data!.data });
}

export function useScimSettings() {
  return useQuery({ queryKey: keys.settings, queryFn: async () => (await api.GET("/scim-settings")).data! });
}

/** The secret is in the answer only; the list is refreshed after. */
export function useCreateScimToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => (await api.POST("/scim-tokens", { body: { name } })).data!,
    onSettled: () => client.invalidateQueries({ queryKey: keys.tokens }),
  });
}

export function useRevokeScimToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE("/scim-tokens/{id}", { params: { path: { id } } });
    },
    onSettled: () => client.invalidateQueries({ queryKey: keys.tokens }),
  });
}

export function useUpdateScimSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (defaultRoleId: string) => (await api.PUT("/scim-settings", { body: { default_role_id: defaultRoleId } })).data!,
    onSuccess: (data) => client.setQueryData(keys.settings, data),
  });
}
