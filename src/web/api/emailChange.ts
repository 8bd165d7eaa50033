import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { ensureMe, keys } from "./queries";
import type { EmailChange, User } from "./types";

export interface EmailChangeVars {
  new_email: string;
  /** Only when the user changes their own email (EML-1). */
  password?: string;
}

/**
 * Asks for a change of login email (EML-1, EML-3): one's own with the current password, someone
 * else's as a manager of users. Nothing changes until the new address follows its link. Field
 * errors (`new_email`, `password`) and `email_in_use` are left to the form.
 */
export function useRequestEmailChange(user: User, self: boolean) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ new_email, password }: EmailChangeVars): Promise<EmailChange> => {
      if (self) return (await api.POST("/me/email-change", { body: { new_email, password: password ?? "" } })).data!;
      return (await api.POST("/users/{id}/email-change", { params: { path: { id: user.id } }, body: { new_email } })).data!;
    },
    // The record now shows the address waiting for confirmation.
    onSuccess: () => client.invalidateQueries({ queryKey: keys.user(user.id) }),
  });
}

/**
 * Follows a confirmation link (EML-1, EML-4). Public: the person may be signed in here, as
 * themselves or not at all. Errors (`not_found`, `link_expired`, `email_in_use`) go to the page.
 */
export function useConfirmEmailChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) => {
      await ensureMe(client);
      return (await api.POST("/email-changes/confirm", { body: { token } })).data!;
    },
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: keys.me }), client.invalidateQueries({ queryKey: ["users"] })]),
  });
}
