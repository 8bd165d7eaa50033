/** A PostgreSQL database of its own on a server, for a test suite or a benchmark, dropped when done. */
import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Creates `<prefix>_<pid>_<random>` on the server of `url`. The pid lets a later run tell a
 * database whose process is gone (test/global-setup.ts drops those) from one still in use.
 */
export async function createScratchDatabase(url: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
