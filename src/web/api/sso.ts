import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./queries";
import type { SsoSettingsBody } from "./types";

const ssoKey = ["firm", "sso"] as const;

/** SSO-1: the firm's SAML settings and the service provider's own addresses. */
export function useSsoSettings() {
  return useQuery({ queryKey: ssoKey, queryFn: async () => (await api.GET("/firm/sso")).data! });
}

/** Saves the settings; the firm (and /me's firm) show the new SSO summary. */
export function useSaveSso() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: SsoSettingsBody) => (await api.PUT("/firm/sso", { body })).data!,
    onSuccess: async (saved) => {
      client.setQueryData(ssoKey, saved);
      await Promise.all([client.invalidateQueries({ queryKey: keys.firm }), client.invalidateQueries({ queryKey: keys.me })]);
    },
  });
}
