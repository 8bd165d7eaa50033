/** Webhooks (WHK-1): endpoints, their deliveries and the changes an administrator makes to them. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notifications } from "@mantine/notifications";
import { api } from "./client";
import { notifyError } from "./mutations";
import type { Webhook, WebhookBody, WebhookPatch } from "./types";

const webhookKeys = {
  all: ["webhooks"] as const,
  deliveries: (id: string) => ["webhooks", "deliveries", id] as const,
};

export function useWebhooks() {
  return useQuery({ queryKey: webhookKeys.all, queryFn: async () => (await api.GET("/webhooks")).data!.data });
}

/** The newest deliveries of one endpoint, each with its attempts. */
export function useWebhookDeliveries(id: string | null) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id ?? ""),
    queryFn: async () => (await api.GET("/webhooks/{id}/deliveries", { params: { path: { id: id! }, query: { limit: 50 } } })).data!.data,
    enabled: id !== null,
    // While a delivery waits for its next attempt or is being sent, the list follows the worker's
    // attempts. Seen mid-attempt ("sending"), a delivery is about to change: stopping there would
    // leave the dialog showing "sending" with the attempt missing, as after "Send now".
    refetchInterval: (query) => (query.state.data?.some((d) => d.status === "pending" || d.status === "sending") ? 1000 : false),
  });
}

/** Every change to an endpoint can change its status, its failure count and its deliveries. */
function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: webhookKeys.all });
}

/** Errors (a refused URL, field errors) are left to the form. */
export function useCreateWebhook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (body: WebhookBody) => (await api.POST("/webhooks", { body })).data!,
    onSuccess: refresh,
  });
}

export function useUpdateWebhook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: WebhookPatch }) => (await api.PATCH("/webhooks/{id}", { params: { path: { id } }, body })).data!,
    onSuccess: refresh,
  });
}

/** Pausing and resuming, told in a notification. */
export function useSetWebhookStatus() {
  const update = useUpdateWebhook();
  return {
    ...update,
    mutate: (hook: Webhook, status: "active" | "paused") =>
      update.mutate(
        { id: hook.id, body: { status } },
        {
          onSuccess: () => notifications.show({ color: "teal", message: status === "paused" ? `${hook.url} is paused: its events wait.` : `${hook.url} is active again.` }),
          onError: (error) => notifyError(status === "paused" ? "Could not pause the endpoint" : "Could not resume the endpoint", error),
        },
      ),
  };
}

export function useDeleteWebhook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (hook: Webhook) => {
      await api.DELETE("/webhooks/{id}", { params: { path: { id: hook.id } } });
    },
    onSuccess: (_data, hook) => notifications.show({ color: "teal", message: `${hook.url} was removed.` }),
    onError: (error) => notifyError("Could not remove the endpoint", error),
    onSettled: refresh,
  });
}

export function useRetryDelivery() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ id, deliveryId }: { id: string; deliveryId: string }) => {
      await api.POST("/webhooks/{id}/deliveries/{delivery_id}/retry", { params: { path: { id, delivery_id: deliveryId } } });
    },
    onSuccess: () => notifications.show({ color: "teal", message: "The delivery will be sent again in a moment." }),
    onError: (error) => notifyError("Could not retry the delivery", error),
    onSettled: refresh,
  });
}
