/**
 * An operation's `operationId`, a verb and a noun in camelCase, derived from its method and path
 * so that every route gets a stable one without writing it: `GET /users` is `listUsers`,
 * `GET /users/{id}` `getUser`, `POST /users/{id}/deactivate` `deactivateUser`. A route whose
 * derived name reads badly names itself with `schema.operationId`.
 */

const API_PREFIX = /^\/api\/v\d+/;

const isParam = (segment: string) => segment.startsWith(":") || segment.startsWith("{");

const words = (segment: string) => segment.split(/[-_.]/).filter(Boolean);
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const pascal = (segment: string) => words(segment).map(capital).join("");

/** `activities` → `activity`, `users` → `user`; words not ending in a plural `s` stay. */
export function singular(segment: string): string {
  if (/ies$/.test(segment)) return segment.replace(/ies$/, "y");
  if (/[^s]s$/.test(segment)) return segment.slice(0, -1);
  return segment;
}

/**
 * The nouns of a path: every one but the last is singular (`users/{id}/sessions` is
 * `UserSessions`), the last too when asked; `me` is `My` before another noun.
 */
function nouns(segments: string[], singularLast: boolean): string {
  const statics = segments.filter((s) => !isParam(s));
  return statics
    .map((s, i) => {
      if (s === "me") return statics.length === 1 ? "Me" : "My";
      const last = i === statics.length - 1 && !isParam(segments.at(-1) ?? "");
      return pascal(!last || singularLast ? singular(s) : s);
    })
    .join("");
}

/**
 * The derived id. `list` for a GET that answers a page (`{ data, next_cursor }`), `export` for
 * a `.csv` file, `get` otherwise; `create` for a POST to a collection, the last word as the verb
 * for a POST to an action (`/users/{id}/deactivate`, `/invitations/accept`); `update`, `replace`
 * and `delete` for PATCH, PUT and DELETE.
 */
export function deriveOperationId(method: string, url: string, answersPage: boolean): string {
  const segments = url.replace(API_PREFIX, "").split("/").filter(Boolean);
  const last = segments.at(-1) ?? "";
  const head = segments.slice(0, -1);
  const verb = method.toUpperCase();
  if (verb === "GET") {
    if (last.endsWith(".csv")) return `export${nouns([...head, last.replace(/\.csv$/, "")], false)}`;
    return `${answersPage ? "list" : "get"}${nouns(segments, false)}`;
  }
  if (verb === "POST") {
    const collection = !isParam(last) && (/[^s]s$|ies$/.test(last) || segments.length === 1);
    if (collection || isParam(last)) return `create${nouns(segments, true)}`;
    // An action on what precedes it: `deactivate` a user, `accept` an invitation.
    const [action, ...rest] = words(last);
    return `${action}${rest.map(capital).join("")}${nouns(head, true)}`;
  }
  const prefix = verb === "PATCH" ? "update" : verb === "PUT" ? "replace" : verb === "DELETE" ? "delete" : verb.toLowerCase();
  return `${prefix}${nouns(segments, false)}`;
}
