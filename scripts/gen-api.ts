/** Kept for the console's habit: `npm run gen:api` is `npm run gen:client` (src/web/api-types.ts re-exports its types). */
import "./gen-client.js";
