/**
 * The API's types, generated from the server's OpenAPI document: the console shares the typed
 * client's (src/client/schema.ts, `npm run gen:client`), so both follow the server.
 */
export type { components, operations, paths } from "../client/schema";
