import { useMutation, useQueryClient } from "@tanstack/react-query";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "react-router";
import { api, setCsrfToken } from "./client";
import { problemMessage } from "./problem";
import { keys, useResetSession } from "./queries";
import type { SignUpBody } from "./types";

export function notifyError(title: string, error: unknown) {
  notifications.show({ color: "red", title, message: problemMessage(error) });
}

export function useSignIn() {
  const reset = useResetSession();
  return useMutation({
    mutationFn: async (body: { email: string; password: string; code?: string }) => {
      await api.POST("/sessions", { body });
      return reset();
    },
  });
}

export function useSignUp() {
  const reset = useResetSession();
  return useMutation({
    mutationFn: async (body: SignUpBody) => {
      await api.POST("/signup", { body });
      return reset();
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => {
      await api.DELETE("/sessions/current");
    },
    onError: (error) => notifyError("Could not sign out", error),
    onSuccess: () => {
      setCsrfToken(null);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== "me" });
      client.setQueryData(keys.me, null);
      void navigate("/signin", { replace: true });
    },
  });
}

export function useEndSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE("/me/sessions/{id}", { params: { path: { id } } });
    },
    onSuccess: () => {
      notifications.show({ color: "teal", message: "The session was signed out." });
    },
    onError: (error) => notifyError("Could not sign out that session", error),
    onSettled: () => client.invalidateQueries({ queryKey: keys.sessions }),
  });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => (await api.POST("/me/tokens", { body: { name } })).data!,
    onSettled: () => client.invalidateQueries({ queryKey: keys.tokens }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE("/me/tokens/{id}", { params: { path: { id } } });
    },
    onSuccess: () => notifications.show({ color: "teal", message: "The token was revoked." }),
    onError: (error) => notifyError("Could not revoke the token", error),
    onSettled: () => client.invalidateQueries({ queryKey: keys.tokens }),
  });
}
