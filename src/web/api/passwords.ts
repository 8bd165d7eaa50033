import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { ensureMe, keys } from "./queries";

/**
 * Changes one's own password with the current one (ACC-9). Every other session and API token
 * ends, so the lists of sessions and tokens are refreshed. Field errors (`current_password`,
 * `new_password`) are left to the form.
 */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { current_password: string; new_password: string }) => {
      await api.POST("/me/password", { body });
    },
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.sessions }),
        client.invalidateQueries({ queryKey: keys.tokens }),
        client.invalidateQueries({ queryKey: ["users", "sessions"] }),
      ]),
  });
}

/**
 * Asks for a reset link (ACC-9). Public; the answer is the same whether or not the email has an
 * account. A signed-in browser reads /me first, so its POST carries the CSRF token.
 */
export function useRequestPasswordReset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (email: string) => {
      await ensureMe(client);
      await api.POST("/password-resets", { body: { email } });
    },
  });
}

/**
 * Sets a new password through a reset link (ACC-9). Every session of the user ends, this
 * browser's too if it was theirs, so /me is read again. `reset_invalid`, `reset_expired` and
 * field errors (`new_password`) go to the page.
 */
export function useConfirmPasswordReset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { token: string; new_password: string }) => {
      await ensureMe(client);
      await api.POST("/password-resets/confirm", { body });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: keys.me }),
  });
}
