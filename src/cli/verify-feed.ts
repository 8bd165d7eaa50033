/** `chambers verify-feed [--firm <id>]`: checks each firm's feed hash chain (FEED-4). */
import { parseArgs } from "node:util";
import { asc } from "drizzle-orm";
import { firms } from "../db/schema.js";
import { migrate } from "../db/migrate.js";
import { verifyFeed } from "../domain/feed/verify-feed.js";
import { withDatabase } from "./database.js";
import { CliError } from "./errors.js";
import type { RunCommand } from "./main.js";

export const run: RunCommand = async (args) => {
  const { values } = parseArgs({ args, options: { firm: { type: "string" } }, strict: true });
  await withDatabase(async ({ database }) => {
    await migrate(database);
    const ids = values.firm ? [values.firm] : (await database.db.select({ id: firms.id }).from(firms).orderBy(asc(firms.id))).map((f) => f.id);
    let broken = 0;
    for (const id of ids) {
      const verdict = await verifyFeed(database.db, id);
      if (verdict.ok) console.log(`ok      ${id}: ${verdict.entries} entries chain unbroken`);
      else {
        broken += 1;
        const where = verdict.broken?.id ? `at entry ${verdict.broken.id} (#${verdict.broken.seq})` : "at its end";
        console.log(`BROKEN  ${id}: after ${verdict.entries} good entries, ${where}: ${verdict.broken?.reason}`);
      }
    }
    if (broken > 0) throw new CliError(`${broken} of ${ids.length} firm feed${ids.length === 1 ? "" : "s"} failed verification.`);
  });
};
