import type { User } from "../api/types";
import { plural } from "../format";

/** The name a person goes by here; their email while they have none. */
export const displayName = (user: User) => user.name.trim() || user.email;

/** "Jordan Whitfield, Sam Okafor and 3 others". */
export function namesOf(users: User[], shown = 3): string {
  const names = users.slice(0, shown).map(displayName);
  const rest = users.length - names.length;
  if (rest > 0) return `${names.join(", ")} and ${plural(rest, "other")}`;
  if (names.length < 2) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
