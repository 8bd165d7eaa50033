/**
 * Before the suites run: drop the scratch PostgreSQL databases an interrupted run left behind.
 * Only those whose process is gone (`chambers_t_<pid>_...`): another run on the same server,
 * a colleague's or CI's, keeps its own.
 */
import pg from "pg";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like 'chambers_t_%'");
    for (const { datname } of rows) {
      const pid = Number(/^chambers_t_(\d+)_/.exec(datname)?.[1]);
      if (pid && alive(pid)) continue;
      await client.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`);
    }
  } finally {
    await client.end();
  }
}
