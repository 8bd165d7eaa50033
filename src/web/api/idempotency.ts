import { useRef } from "react";

/** A random key; `crypto.randomUUID` exists only in secure contexts, getRandomValues everywhere. */
function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * One Idempotency-Key per distinct request: asking again for the same body (a retry after a
 * lost answer, a double click) gives the same key, so the server does the work once; a
 * different body (say, the same invitation now confirming a purchase) gets a fresh key.
 */
export function useIdempotencyKey() {
  const last = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (last.current?.body !== text) last.current = { body: text, key: newKey() };
      return last.current.key;
    },
    /** After a success: the next request, even with the same body, is a new one. */
    reset(): void {
      last.current = null;
    },
  };
}
