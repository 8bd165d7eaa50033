/**
 * SCIM 2.0 (RFC 7643, RFC 7644) as scimmy models it: the User (with the enterprise extension)
 * and Group schemas, the service provider's configuration, filters and errors. scimmy parses
 * and validates; the routes and use cases stay ours, so every change runs our rules (SCIM-3).
 */
import SCIMMY from "scimmy";

export { SCIMMY };
export const SCIM_BASE = "/scim/v2";
export const SCIM_MAX_RESULTS = 200;
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false));
SCIMMY.Resources.declare(SCIMMY.Resources.Group);
SCIMMY.Config.set({
  documentationUri: "https://github.com/chambers/chambers#provisioning-with-scim",
  patch: true,
  filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
  etag: true,
  bulk: false,
  changePassword: false,
  sort: false,
  authenticationSchemes: [
    { type: "oauthbearertoken", name: "SCIM token", description: "A SCIM token created in Settings > Provisioning, sent as `Authorization: Bearer <token>`." },
  ],
});
for (const resource of [SCIMMY.Resources.User, SCIMMY.Resources.Group, SCIMMY.Resources.ServiceProviderConfig, SCIMMY.Resources.ResourceType, SCIMMY.Resources.Schema]) {
  resource.basepath(SCIM_BASE);
}

/** A SCIM error: status, scimType (RFC 7644 section 3.12) and a detail naming what is wrong. */
export const scimError = (status: number, scimType: string | null, detail: string) => new SCIMMY.Types.Error(status, scimType as string, detail);

export type Filter = InstanceType<typeof SCIMMY.Types.Filter>;
type Expression = Record<string, unknown>;

/** Attributes compared without regard to case (caseExact false in RFC 7643). */
const CASE_FREE = new Set(["username", "emails", "value", "displayname"]);

/** A parsed `filter`, or an invalidFilter error; every comparison must have its value. */
export function parseFilter(expression: string): Filter {
  // scimmy drops a dangling logical operator; RFC 7644 has it as a malformed filter.
  if (/(^|\s)(and|or|not)\s*$/i.test(expression.trim())) throw scimError(400, "invalidFilter", "The filter ends with a logical operator and nothing after it.");
  let filter: Filter;
  try {
    filter = new SCIMMY.Types.Filter(expression);
  } catch (err) {
    if (err instanceof SCIMMY.Types.Error) throw err;
    throw scimError(400, "invalidFilter", `The filter could not be read: ${(err as Error).message}`);
  }
  const check = (expr: Expression) => {
    for (const [attr, comparison] of Object.entries(expr)) {
      if (Array.isArray(comparison)) {
        const op = String(comparison[0] === "not" ? comparison[1] : comparison[0]).toLowerCase();
        const values = comparison.slice(comparison[0] === "not" ? 2 : 1);
        if (op !== "pr" && values.length === 0) throw scimError(400, "invalidFilter", `The comparison on '${attr}' has no value.`);
      } else if (comparison && typeof comparison === "object") {
        check(comparison as Expression);
      }
    }
  };
  for (const expr of filter as unknown as Expression[]) check(expr);
  return filter;
}

const lowerDeep = (v: unknown, key = ""): unknown => {
  if (typeof v === "string") return CASE_FREE.has(key.toLowerCase()) ? v.toLowerCase() : v;
  if (Array.isArray(v)) return v.map((x) => lowerDeep(x, key));
  if (v && typeof v === "object" && !(v instanceof Date)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, lowerDeep(x, k)]));
  return v;
};

/** The resources a filter selects, userName, emails and displayName compared without regard to case. */
export function matchFilter<T extends object>(filter: Filter, resources: T[]): T[] {
  const lowered = (filter as unknown as Expression[]).map((expr) => lowerComparisons(expr));
  const probe = new SCIMMY.Types.Filter(lowered);
  const picked = new Set(probe.match(resources.map((r) => lowerDeep(r) as object)).map((r) => (r as { id: string }).id));
  return resources.filter((r) => picked.has((r as unknown as { id: string }).id));
}

function lowerComparisons(expr: Expression, parent = ""): Expression {
  return Object.fromEntries(
    Object.entries(expr).map(([attr, comparison]) => {
      if (Array.isArray(comparison)) {
        const free = CASE_FREE.has(attr.toLowerCase()) || (parent && CASE_FREE.has(parent.toLowerCase()) && attr.toLowerCase() === "value");
        return [attr, comparison.map((c, i) => (free && i > 0 && typeof c === "string" && !/^(not|eq|ne|co|sw|ew|gt|lt|ge|le|pr)$/i.test(c) ? c.toLowerCase() : c))];
      }
      return [attr, comparison && typeof comparison === "object" ? lowerComparisons(comparison as Expression, attr) : comparison];
    }),
  );
}

/** A single `<attribute> eq "<value>"` filter's value, for narrowing the candidates in SQL first. */
export function equalityOn(filter: Filter | null, attribute: string): string | null {
  const exprs = filter as unknown as Expression[] | null;
  if (!exprs || exprs.length !== 1) return null;
  const entry = Object.entries(exprs[0]!).find(([k]) => k.toLowerCase() === attribute.toLowerCase());
  const comparison = entry?.[1];
  if (!Array.isArray(comparison) || String(comparison[0]).toLowerCase() !== "eq" || typeof comparison[1] !== "string") return null;
  return comparison[1];
}

/** The ETag of a version: weak, as RFC 7644 section 3.14 shows it. */
export const etagOf = (version: string | number) => `W/"${version}"`;

/** RFC 7644 section 3.14: a stale If-Match is refused with 412 and nothing changes. */
export function checkIfMatch(ifMatch: string | undefined, version: string | number): void {
  if (!ifMatch || ifMatch.trim() === "*") return;
  const wanted = etagOf(version);
  const given = ifMatch.split(",").map((s) => s.trim());
  if (!given.some((g) => g === wanted || g === `"${version}"`)) {
    throw scimError(412, null, `The resource has changed since that version was read (it is now ${wanted}).`);
  }
}

/** Entra ID sends booleans as the strings "True" and "False"; RFC 7643 wants booleans. */
export function booleanish(value: unknown): unknown {
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return value;
}

/** A PatchOp request with `active` given as a string turned into a boolean, ops lower-cased as RFC 7644 compares them. */
export function normalisePatch(body: unknown): { schemas: [typeof PATCH_SCHEMA]; Operations: { op: "add" | "remove" | "replace"; path?: string; value?: unknown }[] } {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw scimError(400, "invalidSyntax", "The PATCH body must be a PatchOp object.");
  const message = body as { schemas?: unknown; Operations?: unknown };
  if (!Array.isArray(message.schemas) || !message.schemas.includes(PATCH_SCHEMA)) {
    throw scimError(400, "invalidSyntax", `The PATCH body's schemas must be ["${PATCH_SCHEMA}"].`);
  }
  if (!Array.isArray(message.Operations) || message.Operations.length === 0) throw scimError(400, "invalidSyntax", "The PATCH body needs a non-empty Operations list.");
  const operations = message.Operations.map((raw: unknown, i: number) => {
    if (!raw || typeof raw !== "object") throw scimError(400, "invalidSyntax", `Operation ${i + 1} must be an object.`);
    const o = raw as { op?: unknown; path?: unknown; value?: unknown };
    const op = typeof o.op === "string" ? o.op.toLowerCase() : o.op;
    const path = typeof o.path === "string" ? o.path : undefined;
    // id and meta are the server's: RFC 7643 readOnly (mutability).
    if (path && /^(id|meta)(\.|$)/i.test(path)) throw scimError(400, "mutability", `'${path}' is read-only (operation ${i + 1}).`);
    let value = o.value;
    if (path && /^active$/i.test(path)) value = booleanish(value);
    if (!path && value && typeof value === "object" && !Array.isArray(value)) {
      value = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, /^active$/i.test(k) ? booleanish(v) : v]));
      for (const key of Object.keys(value as object)) {
        if (/^meta(\.|$)/i.test(key)) throw scimError(400, "mutability", `'${key}' is read-only (operation ${i + 1}).`);
      }
    }
    return { ...o, op, value } as { op: "add" | "remove" | "replace"; path?: string; value?: unknown };
  });
  return { schemas: [PATCH_SCHEMA], Operations: operations };
}

/**
 * A POST or PUT body checked against the resource's schemas: the right `schemas`, no attribute
 * the schema lacks (an invalidValue naming it), read-only ones ignored as RFC 7644 says.
 */
export function checkBody(body: unknown, core: string, allowedExtensions: string[]): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw scimError(400, "invalidSyntax", "The body must be one JSON object.");
  const b = body as Record<string, unknown>;
  const schemas = b.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(core)) throw scimError(400, "invalidSyntax", `The body's schemas must include "${core}".`);
  const known = new Set([core, ...allowedExtensions].map((s) => s.toLowerCase()));
  const unknownSchema = schemas.find((s) => typeof s !== "string" || !known.has(s.toLowerCase()));
  if (unknownSchema !== undefined) throw scimError(400, "invalidSyntax", `The schema ${JSON.stringify(unknownSchema)} is not one of this resource's.`);
  const definition = core === USER_SCHEMA ? SCIMMY.Schemas.User.definition : SCIMMY.Schemas.Group.definition;
  const names = new Set(["schemas", ...definition.attributes.map((a) => a.name.toLowerCase()), ...allowedExtensions.map((s) => s.toLowerCase())]);
  for (const key of Object.keys(b)) {
    if (!names.has(key.toLowerCase())) throw scimError(400, "invalidValue", `Unknown attribute '${key}'.`);
  }
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, /^active$/i.test(k) ? booleanish(v) : v]));
}

/** Turns scimmy's TypeErrors (a value of the wrong type) into SCIM's invalidValue. */
export function scimParse<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof SCIMMY.Types.Error) throw err;
    if (err instanceof TypeError) throw scimError(400, "invalidValue", err.message);
    throw err;
  }
}
