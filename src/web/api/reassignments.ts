/**
 * Work reassignment (REA) and deactivation with a plan (DEA-2, DEA-3, DEA-9), through the typed
 * client.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notifications } from "@mantine/notifications";
import { api } from "./client";
import { useRefreshLicenses } from "./licenseMutations";
import { fieldName, isProblem, problemMessage } from "./problem";
import type { DeactivateBody, ReassignBody, ReassignPreview, Reassignment, User } from "./types";

export type { ReassignPreview, Reassignment };

/** A target per kind, each optional (REA-1). */
export type ReassignTargets = Omit<ReassignBody, "from_user_id">;

// The kinds and reasons as the answers name them; checked against the generated types, so a
// kind or reason the server adds or drops fails the build here.
export const KINDS = ["matters", "tasks", "events"] as const satisfies readonly (keyof Reassignment["counts"])[];
export type WorkKind = (typeof KINDS)[number];
export const targetField = (kind: WorkKind) => `${kind}_to` as const satisfies keyof ReassignTargets;

export const EXCLUSION_REASONS = ["closed", "no_matter", "private", "past_due", "attendee_only"] as const satisfies readonly (keyof ReassignPreview["excluded"])[];
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** What the person still holds, as the 409 `reassignment_required` counts it (DEA-2). */
export interface HeldWork {
  matters: number;
  events: number;
  tasks: number;
  private_matters: number;
}

/** Only the targets chosen; an empty choice is no target. */
export function chosenTargets(targets: ReassignTargets): ReassignTargets {
  return Object.fromEntries(Object.entries(targets).filter(([, id]) => Boolean(id))) as ReassignTargets;
}

export const hasTarget = (targets: ReassignTargets) => Object.keys(chosenTargets(targets)).length > 0;

/** REA-6: what would move to whom, and what would not and why; nothing changes. */
export function useReassignPreview(fromUserId: string, targets: ReassignTargets, enabled = true) {
  const body = { from_user_id: fromUserId, ...chosenTargets(targets) };
  return useQuery({
    queryKey: ["reassignments", "preview", body],
    queryFn: async () => (await api.POST("/reassignments/preview", { body })).data!,
    enabled: enabled && hasTarget(targets),
    retry: false,
  });
}

/** Every change of holder shows on the lists: users, and the practice lists. */
function useRefreshWork() {
  const client = useQueryClient();
  // A deactivation frees a license, or schedules one for removal (the firm's subscription).
  const refreshLicenses = useRefreshLicenses();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ["users"] }),
      refreshLicenses(),
      client.invalidateQueries({ queryKey: ["practice"] }),
      client.invalidateQueries({ queryKey: ["reassignments"] }),
    ]);
}

/** REA-1, REA-7: moves the work, all or nothing. Errors are left to the page. */
export function useReassign() {
  const refresh = useRefreshWork();
  return useMutation({
    mutationFn: async ({ fromUserId, targets }: { fromUserId: string; targets: ReassignTargets }) =>
      (await api.POST("/reassignments", { body: { from_user_id: fromUserId, ...chosenTargets(targets) } })).data!,
    onSettled: refresh,
  });
}

/** The CSV report of a reassignment (REA-9), downloaded by the browser with the session cookie. */
export const reportUrl = (id: string) => `/api/v1/reassignments/${encodeURIComponent(id)}/report.csv`;

/**
 * DEA-1..3, DEA-9: deactivates now or at `at`, with a plan, `leave_work`, or neither. Errors are
 * left to the dialog: without either, a 409 `reassignment_required` tells what the person holds.
 */
export function useDeactivate() {
  const refresh = useRefreshWork();
  return useMutation({
    mutationFn: async ({ user, body }: { user: User; body: DeactivateBody }) =>
      (await api.POST("/users/{id}/deactivate", { params: { path: { id: user.id } }, body })).data!,
    onSuccess: (_result, { user, body }) =>
      notifications.show({
        color: "teal",
        message: body.at ? `${user.name} will be deactivated on ${new Date(body.at).toLocaleString()}.` : `${user.name} was deactivated.`,
      }),
    onSettled: refresh,
  });
}

/** A refused plan: the errors that name a target go beside it, the rest above the buttons. */
export function planProblem(error: unknown): { byKind: Partial<Record<WorkKind, string>>; message: string | null } {
  const byKind: Partial<Record<WorkKind, string>> = {};
  const rest: string[] = [];
  for (const { path, message } of isProblem(error) ? error.errors : []) {
    const kind = KINDS.find((k) => fieldName(path).replace(/^reassign\./, "") === targetField(k));
    if (kind) byKind[kind] = message;
    else rest.push(message);
  }
  const placed = Object.keys(byKind).length > 0;
  return { byKind, message: placed && rest.length === 0 ? null : [problemMessage(error), ...rest].join(" ") };
}
