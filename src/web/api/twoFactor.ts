import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notifications } from "@mantine/notifications";
import { api } from "./client";
import { notifyError } from "./mutations";
import { keys } from "./queries";
import type { User } from "./types";

const TWO_FACTOR = ["me", "two-factor"] as const;

/** SES-3: whether I sign in with a second factor, whether the firm requires it, recovery codes left. */
export function useTwoFactor() {
  return useQuery({ queryKey: TWO_FACTOR, queryFn: async () => (await api.GET("/me/two-factor")).data! });
}

/** Begins enrolment with the password: the secret and its QR code come back this once. */
export function useBeginTwoFactor() {
  return useMutation({
    mutationFn: async (password: string) => (await api.POST("/me/two-factor", { body: { password } })).data!,
  });
}

/**
 * Confirms enrolment with a first code; answers the recovery codes. /me changes too (the
 * enrolment-required state ends), and the user's own record shows two-factor on.
 */
export function useConfirmTwoFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (code: string) => (await api.POST("/me/two-factor/confirm", { body: { code } })).data!,
    // Two-factor's own state is read again once the codes are saved (useRefreshMe), so they stay on screen.
    onSuccess: () => client.invalidateQueries({ queryKey: ["users"] }),
  });
}

/**
 * Re-reads /me once the recovery codes have been saved: if the firm required enrolment, this
 * lets the rest of the console answer again (held back until then so the codes stay on screen).
 */
export function useRefreshMe() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: keys.me }), client.invalidateQueries({ queryKey: TWO_FACTOR })]);
}

/** Turns my second factor off with my password and a code. */
export function useDisableTwoFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { password: string; code: string }) => {
      await api.DELETE("/me/two-factor", { body });
    },
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: TWO_FACTOR }), client.invalidateQueries({ queryKey: ["users"] })]),
  });
}

/** The firm's requirement (PATCH /firm): /me carries the firm, so it is read again. */
export function useRequireTwoFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (required: boolean) => (await api.PATCH("/firm", { body: { two_factor_required: required } })).data!,
    onSuccess: (_data, required) => {
      notifications.show({ color: "teal", message: required ? "Two-factor sign-in is now required for everyone." : "Two-factor sign-in is no longer required." });
      return Promise.all([client.invalidateQueries({ queryKey: keys.me }), client.invalidateQueries({ queryKey: keys.firm }), client.invalidateQueries({ queryKey: TWO_FACTOR })]);
    },
    onError: (error) => notifyError("Could not change the requirement", error),
  });
}

/** An administrator resets another user's second factor; the user list and record show it off. */
export function useResetUserTwoFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (user: User) => {
      await api.DELETE("/users/{id}/two-factor", { params: { path: { id: user.id } } });
    },
    onSuccess: (_data, user) => notifications.show({ color: "teal", message: `Two-factor sign-in was reset for ${user.name}. They have been told by email.` }),
    onError: (error) => notifyError("Could not reset two-factor", error),
    onSettled: () => client.invalidateQueries({ queryKey: ["users"] }),
  });
}
