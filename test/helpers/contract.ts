/**
 * The API contract check (issue 15): every answer the test suite receives is held against the
 * OpenAPI document the server publishes. Its status must be documented for the operation, its
 * content type among the documented ones, its body valid against the documented schema, and every
 * documented required header present and valid. A response the document does not describe is a
 * violation, so the document cannot drift from the server.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Json = Record<string, unknown>;

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  /** Fewer parameters wins: `/users/bulk/assign-roles` before `/users/{id}/...`. */
  params: number;
  pointer: string;
  op: Json;
}

export interface ResponseLike {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

const DOC_ID = "https://chambers.test/openapi.json";
const METHODS = ["get", "put", "post", "delete", "patch"];

/** Paths outside the versioned API, and the test-only clock, are not part of the published contract. */
const UNCHECKED = [/^\/api\/v1\/_test\//];
const CHECKED = /^\/api\/v1\//;

const escapePointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * The API's own headers: an answer that sends one must document it, so no header a client relies
 * on goes unmentioned (others, such as helmet's, are not part of the contract).
 */
const CONTRACT_HEADERS = ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after", "etag", "idempotent-replayed", "content-disposition", "set-cookie"];

export class ContractChecker {
  readonly #ajv: Ajv2020;
  readonly #operations: Operation[] = [];
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #document: Json;

  constructor(document: object) {
    this.#document = structuredClone(document) as Json;
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats.default(this.#ajv);
    this.#ajv.addSchema({ ...this.#document, $id: DOC_ID });
    for (const [template, item] of Object.entries((this.#document.paths ?? {}) as Record<string, Json>)) {
      const source = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
      for (const method of METHODS) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        this.#operations.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${source}$`),
          params: (template.match(/\{/g) ?? []).length,
          pointer: `#/paths/${escapePointer(template)}/${method}`,
          op,
        });
      }
    }
  }

  /** Whether a request's path is part of the published contract. */
  covers(url: string): boolean {
    const path = url.split("?")[0]!;
    return CHECKED.test(path) && !UNCHECKED.some((re) => re.test(path));
  }

  /** The operation a request reached, as the router would choose it. */
  operationFor(method: string, url: string): Operation | undefined {
    const path = url.split("?")[0]!.replace(/(.)\/$/, "$1");
    return this.#operations
      .filter((o) => o.method === method.toUpperCase() && o.pattern.test(path))
      .sort((a, b) => a.params - b.params)[0];
  }

  #validator(pointer: string): ValidateFunction {
    let validate = this.#validators.get(pointer);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `${DOC_ID}${pointer}` });
      this.#validators.set(pointer, validate);
    }
    return validate;
  }

  #headerValidator(schema: Json): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.#validators.get(key);
    if (!validate) {
      validate = this.#ajv.compile(schema);
      this.#validators.set(key, validate);
    }
    return validate;
  }

  #errors(validate: ValidateFunction): string {
    return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "(root)"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`).join("; ");
  }

  /** Resolves a local `$ref` (components.headers, components.responses) to its object. */
  #resolve(node: Json): Json {
    const ref = node.$ref;
    if (typeof ref !== "string") return node;
    return ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<Json>((at, key) => at[key.replace(/~1/g, "/").replace(/~0/g, "~")] as Json, this.#document);
  }

  /** What is wrong with an answer, by the document; empty when it is described. */
  violations(method: string, url: string, res: ResponseLike): string[] {
    if (!this.covers(url) || method.toUpperCase() === "HEAD" || method.toUpperCase() === "OPTIONS") return [];
    const found = this.operationFor(method, url);
    const where = `${method.toUpperCase()} ${url.split("?")[0]} answered ${res.statusCode}`;
    if (!found) {
      // No such operation: the server may say so, as a problem with code `not_found`, and nothing else.
      const problem = this.#validator("#/components/schemas/Problem");
      let body: unknown;
      try {
        body = JSON.parse(res.body);
      } catch {
        body = undefined;
      }
      const notFound = res.statusCode === 404 && problem(body) && (body as { code: string }).code === "not_found";
      return notFound ? [] : [`${where}, but the document has no such operation`];
    }
    const { op, pointer } = found;
    const id = `${op.operationId as string} (${found.method} ${found.template})`;
    const responses = (op.responses ?? {}) as Json;
    const status = String(res.statusCode);
    const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : "default" in responses ? "default" : undefined;
    const problemCode = (() => {
      try {
        return (JSON.parse(res.body) as { code?: unknown }).code;
      } catch {
        return undefined;
      }
    })();
    if (!key) return [`${where}${problemCode ? ` (code ${String(problemCode)})` : ""}, which ${id} does not document`];
    const response = this.#resolve(responses[key] as Json);
    const out: string[] = [];

    const contentType = String(res.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    const content = response.content as Record<string, Json> | undefined;
    if (!content) {
      if (res.body.length) out.push(`${where} with a ${contentType || "typeless"} body, but ${id} documents no content for ${key}`);
    } else if (!(contentType in content)) {
      out.push(`${where} as ${contentType || "no content type"}, but ${id} documents ${Object.keys(content).join(", ")} for ${key}`);
    } else if (contentType !== "text/event-stream") {
      const validate = this.#validator(`${pointer}/responses/${escapePointer(key)}/content/${escapePointer(contentType)}/schema`);
      let body: unknown = res.body;
      if (contentType.includes("json")) {
        try {
          body = JSON.parse(res.body);
        } catch {
          out.push(`${where} with a body that is not JSON`);
        }
      }
      if (!out.length && !validate(body)) {
        out.push(`${where}${problemCode ? ` (code ${String(problemCode)})` : ""}, a body ${id} does not describe: ${this.#errors(validate)}`);
      }
    }

    const documented = new Set(Object.keys((response.headers ?? {}) as Json).map((n) => n.toLowerCase()));
    for (const name of CONTRACT_HEADERS) {
      if (res.headers[name] !== undefined && !documented.has(name)) out.push(`${where} with a ${name} header that ${id} does not document for ${key}`);
    }
    for (const [name, raw] of Object.entries((response.headers ?? {}) as Record<string, Json>)) {
      const header = this.#resolve(raw);
      const value = res.headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) out.push(`${where} without the ${name} header that ${id} documents as required`);
        continue;
      }
      const schema = (header.schema ?? {}) as Json;
      const text = Array.isArray(value) ? value.join(", ") : String(value);
      const typed = schema.type === "integer" || schema.type === "number" ? (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text) : text;
      const validate = this.#headerValidator(schema);
      if (!validate(typed)) out.push(`${where} with ${name}: ${text}, which ${id} does not allow: ${this.#errors(validate)}`);
    }
    return out;
  }
}
