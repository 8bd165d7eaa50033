import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { useRefreshLicenses } from "./licenseMutations";
import { ensureMe, useResetSession } from "./queries";
import type { AcceptBody, InviteBody } from "./types";

/**
 * Invites one user (INV-1). Each distinct request carries its own Idempotency-Key, made by the
 * caller per submit, so a repeat of the same request never invites or charges twice. Errors
 * (license_purchase_required, email_in_use, field errors) are left to the form.
 */
export function useInviteUser() {
  const client = useQueryClient();
  const refreshLicenses = useRefreshLicenses();
  return useMutation({
    mutationFn: async ({ body, key }: { body: InviteBody; key: string }) =>
      (await api.POST("/invitations", { body, params: { header: { "Idempotency-Key": key } } })).data!,
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: ["users"] }), refreshLicenses()]);
    },
  });
}

/** Accepts an invitation (INV-6): the server sets the session cookie, then /me is read afresh. */
export function useAcceptInvitation() {
  const client = useQueryClient();
  const reset = useResetSession();
  return useMutation({
    mutationFn: async (body: AcceptBody) => {
      await ensureMe(client);
      await api.POST("/invitations/accept", { body });
      return reset();
    },
  });
}
