import { useMutation, useQueryClient } from "@tanstack/react-query";
import { notifications } from "@mantine/notifications";
import { api } from "./client";
import { keys } from "./queries";

/**
 * Everything a change of licenses can move: the counts (the banner), the ledger, the firm's
 * subscription and any quote. Whatever occupies or frees a license calls it (CON-4).
 */
export function useRefreshLicenses() {
  const client = useQueryClient();
  return async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: keys.licenses }),
      client.invalidateQueries({ queryKey: keys.charges }),
      client.invalidateQueries({ queryKey: keys.firm }),
      client.invalidateQueries({ queryKey: ["license-quote"] }),
    ]);
  };
}

/** Buys licenses at once (LIC-3). One Idempotency-Key per purchase, so a repeat never charges twice. */
export function useBuyLicenses() {
  const refresh = useRefreshLicenses();
  return useMutation({
    mutationFn: async ({ count, key }: { count: number; key: string }) =>
      (await api.POST("/licenses", { body: { count, confirm: true }, headers: { "Idempotency-Key": key } })).data!,
    onSuccess: (data) =>
      notifications.show({
        color: "teal",
        message: `${data.charge.count === 1 ? "1 license was" : `${data.charge.count} licenses were`} added. You now have ${data.licenses.total}.`,
      }),
    onSettled: refresh,
  });
}

/** Schedules available licenses for removal at the next period start (LIC-4). Errors go to the caller. */
export function useScheduleRemoval() {
  const refresh = useRefreshLicenses();
  return useMutation({
    mutationFn: async (count: number) => (await api.POST("/licenses/removals", { body: { count } })).data!,
    onSettled: refresh,
  });
}

export function useCancelRemoval() {
  const refresh = useRefreshLicenses();
  return useMutation({
    mutationFn: async () => {
      await api.DELETE("/licenses/removals");
    },
    onSuccess: () => notifications.show({ color: "teal", message: "The scheduled removal was cancelled." }),
    onSettled: refresh,
  });
}

/** The annual renewal option "remove unused licenses at renewal" (LIC-5). */
export function useRenewalOption() {
  const refresh = useRefreshLicenses();
  return useMutation({
    mutationFn: async (removeUnused: boolean) =>
      (await api.PATCH("/subscription", { body: { remove_unused_licenses_at_renewal: removeUnused } })).data!,
    onSettled: refresh,
  });
}
