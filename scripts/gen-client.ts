/**
 * Writes src/client/schema.ts, the types of the typed client and of the console's API calls,
 * from the OpenAPI document built in process: `npm run gen:client` (no server needs to run).
 */
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { CLIENT_SCHEMA, renderClientSchema } from "./client-schema.js";
import { openApiDocument } from "./openapi-document.js";

const document = await openApiDocument();
await writeFile(CLIENT_SCHEMA, await renderClientSchema(document));
console.log(`Wrote ${Object.keys(document.paths as object).length} paths to ${fileURLToPath(CLIENT_SCHEMA)}`);
