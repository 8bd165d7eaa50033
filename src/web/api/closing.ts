import { useMutation } from "@tanstack/react-query";
import { api } from "./client";
import type { CloseFirmBody } from "./types";

/** Where the console downloads the firm's export (CLS-2): a plain link, the session cookie goes with it. */
export const EXPORT_URL = "/api/v1/firm/export";

/**
 * CLS-1: closes the firm's account. Closing signs everyone out, this session included, so on
 * success the console starts afresh at sign-in (nothing of the old session kept in memory),
 * which says what happened.
 */
export function useCloseFirm() {
  return useMutation({
    mutationFn: async (body: CloseFirmBody) => (await api.POST("/firm/close", { body })).data!,
    onSuccess: () => window.location.assign("/signin?closed=1"),
  });
}
