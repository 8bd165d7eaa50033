import { useMemo, useState } from "react";
import type { User } from "../api/types";
import type { RowSelection } from "./UsersTable";

/** Ticked users, kept while the list is searched, re-sorted or paged. */
export function useRowSelection() {
  const [picked, setPicked] = useState<Map<string, User>>(new Map());
  return useMemo(() => {
    const update = (fn: (next: Map<string, User>) => void) =>
      setPicked((current) => {
        const next = new Map(current);
        fn(next);
        return next;
      });
    const selection: RowSelection = {
      isSelected: (user) => picked.has(user.id),
      toggle: (user) => update((next) => (next.has(user.id) ? next.delete(user.id) : next.set(user.id, user))),
      toggleAll: (users) =>
        update((next) => {
          const all = users.every((u) => next.has(u.id));
          for (const user of users) {
            if (all) next.delete(user.id);
            else next.set(user.id, user);
          }
        }),
    };
    return {
      selection,
      users: [...picked.values()],
      remove: (users: User[]) => update((next) => users.forEach((u) => next.delete(u.id))),
      clear: () => setPicked(new Map()),
    };
  }, [picked]);
}
