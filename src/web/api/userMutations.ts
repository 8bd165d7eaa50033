import { useMutation, useQueryClient } from "@tanstack/react-query";
import { notifications } from "@mantine/notifications";
import { api } from "./client";
import { useRefreshLicenses } from "./licenseMutations";
import { notifyError } from "./mutations";
import type { User } from "./types";

function useUserMutation<V>(fn: (vars: V) => Promise<unknown>, success: (vars: V) => string, failure: string) {
  const client = useQueryClient();
  const refreshLicenses = useRefreshLicenses();
  return useMutation({
    mutationFn: fn,
    onSuccess: (_data, vars) => notifications.show({ color: "teal", message: success(vars) }),
    onError: (error) => notifyError(failure, error),
    onSettled: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: ["users"] }), refreshLicenses()]);
    },
  });
}

export function useResendInvitation() {
  return useUserMutation(
    async (user: User) => {
      await api.POST("/invitations/{id}/resend", { params: { path: { id: user.invitation!.id! } } });
    },
    (user) => `A new invitation was sent to ${user.email}.`,
    "Could not resend the invitation",
  );
}

export function useRevokeInvitation() {
  return useUserMutation(
    async (user: User) => {
      await api.DELETE("/invitations/{id}", { params: { path: { id: user.invitation!.id! } } });
    },
    (user) => `The invitation to ${user.email} was revoked and its license freed.`,
    "Could not revoke the invitation",
  );
}

export function useCancelScheduledDeactivation() {
  return useUserMutation(
    async (user: User) => {
      await api.DELETE("/users/{id}/scheduled-deactivation", { params: { path: { id: user.id } } });
    },
    (user) => `The scheduled deactivation of ${user.name} was cancelled.`,
    "Could not cancel the scheduled deactivation",
  );
}

/** Errors are left to the caller: a 409 license_purchase_required asks to confirm a purchase. */
export function useReactivateUser() {
  const client = useQueryClient();
  const refreshLicenses = useRefreshLicenses();
  return useMutation({
    mutationFn: async ({ user, confirmPurchase }: { user: User; confirmPurchase: boolean }) =>
      (
        await api.POST("/users/{id}/reactivate", {
          params: { path: { id: user.id } },
          body: confirmPurchase ? { confirm_purchase: true } : {},
        })
      ).data!,
    onSuccess: (_data, { user }) => notifications.show({ color: "teal", message: `${user.name} was reactivated.` }),
    // Reactivation occupies a license, and may have bought one (CON-4: the banner said 1 of 6 while the server said 2).
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ["users"] }), refreshLicenses()]),
  });
}
