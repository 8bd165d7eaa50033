/** Helpers the practice dialogs share: who may be chosen, times, and sending only what changed. */
import type { Matter, User, UserRef } from "../api/types";

/**
 * PRC-2: only active users are offered. A deactivated user already named on the record stays
 * as the current choice, labelled `(Inactive) …`, so the field shows it until someone else is
 * chosen (PRC-4: once changed it cannot be set back, as it is no longer offered).
 */
export function activeOptions(active: User[] | undefined, current?: (UserRef | null | undefined)[]) {
  const options = (active ?? []).map((u) => ({ value: u.id, label: u.name.trim() || u.email }));
  for (const ref of current ?? []) {
    if (ref && !options.some((o) => o.value === ref.id)) options.push({ value: ref.id, label: ref.name });
  }
  return options;
}

/** A matter as a choice: its number and description. */
export const matterOptions = (matters: Pick<Matter, "id" | "number" | "description">[] | undefined) =>
  (matters ?? []).map((m) => ({ value: m.id, label: `${m.number} · ${m.description}` }));

const pad = (n: number) => String(n).padStart(2, "0");

/** An ISO time as a `datetime-local` input shows it, in the browser's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value as an ISO time, or null when empty or not a time. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** For an edit, only the fields whose value differs from the record's (compared as JSON). */
export function changedOnly<T extends object>(body: T, before: Partial<Record<keyof T, unknown>> | undefined): Partial<T> {
  if (!before) return body;
  return Object.fromEntries(Object.entries(body).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof T]))) as Partial<T>;
}
