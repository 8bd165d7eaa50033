import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notifications } from "@mantine/notifications";
import { api } from "./client";
import { useRefreshLicenses } from "./licenseMutations";
import type { Addon, AddonKey } from "./types";

export const addonKeys = {
  all: ["addons"] as const,
  quote: (key: AddonKey, count: number) => ["addons", "quote", key, count] as const,
};

/** ADD-1: the firm's add-ons; only for people who may see licenses or billing. */
export function useAddons(enabled = true) {
  return useQuery({
    queryKey: addonKeys.all,
    queryFn: async () => (await api.GET("/addons")).data!.data,
    enabled,
  });
}

export function useAddonQuote(key: AddonKey, count: number | null) {
  return useQuery({
    queryKey: addonKeys.quote(key, count ?? 0),
    queryFn: async () => (await api.POST("/addons/{key}/quote", { params: { path: { key } }, body: { count: count! } })).data!,
    enabled: count !== null,
    staleTime: 30_000,
    retry: false,
  });
}

/** Whatever an add-on change can move: the add-ons, the bill and ledger (CON-4), and users' add-ons. */
function useRefreshAddons() {
  const client = useQueryClient();
  const refreshLicenses = useRefreshLicenses();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: addonKeys.all }),
      client.invalidateQueries({ queryKey: ["users"] }),
      refreshLicenses(),
    ]);
}

/** Buys add-on licenses (charged once per Idempotency-Key) or starts the work add-on's trial. */
export function useBuyAddon() {
  const refresh = useRefreshAddons();
  return useMutation({
    mutationFn: async ({ addon, count, trial, key }: { addon: AddonKey; count: number; trial: boolean; key: string }) =>
      (
        await api.POST("/addons/{key}/licenses", {
          params: { path: { key: addon } },
          body: trial ? { count, trial: true } : { count, confirm: true },
          headers: { "Idempotency-Key": key },
        })
      ).data!,
    onSuccess: (data) =>
      notifications.show({
        color: "teal",
        message:
          data.addon.status === "trial" && !data.charge
            ? `${data.addon.name} is on trial with ${data.addon.total} license${data.addon.total === 1 ? "" : "s"}.`
            : `${data.addon.name} now has ${data.addon.total} license${data.addon.total === 1 ? "" : "s"}.`,
      }),
    onSettled: refresh,
  });
}

export function useOptOutOfTrial() {
  const refresh = useRefreshAddons();
  return useMutation({
    mutationFn: async () => (await api.POST("/addons/work/opt-out")).data!,
    onSuccess: (addon) => notifications.show({ color: "teal", message: `You opted out of the ${addon.name} trial. Nothing will be charged.` }),
    onSettled: refresh,
  });
}

export function useAllocateAddon() {
  const refresh = useRefreshAddons();
  return useMutation({
    mutationFn: async ({ addon, userId }: { addon: Addon; userId: string; userName: string }) =>
      (await api.POST("/addons/{key}/allocations", { params: { path: { key: addon.key } }, body: { user_id: userId } })).data!,
    onSuccess: (_data, { addon, userName }) => notifications.show({ color: "teal", message: `${userName} now holds ${addon.name}.` }),
    onSettled: refresh,
  });
}

export function useDeallocateAddon() {
  const refresh = useRefreshAddons();
  return useMutation({
    mutationFn: async ({ addon, userId }: { addon: Addon; userId: string; userName: string }) => {
      await api.DELETE("/addons/{key}/allocations/{user_id}", { params: { path: { key: addon.key, user_id: userId } } });
    },
    onSuccess: (_data, { addon, userName }) =>
      notifications.show({ color: "teal", message: `${addon.name} was taken back from ${userName}; the license is free.` }),
    onSettled: refresh,
  });
}
