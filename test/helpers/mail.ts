/** Reading what the outbox holds for an address: the mail a test "receives" without SMTP. */
import { and, desc, eq, sql } from "drizzle-orm";
import { outbox } from "../../src/db/schema.js";
import type { Harness } from "./harness.js";

export async function mailTo(h: Harness, email: string, kind?: string) {
  return h.db
    .select()
    .from(outbox)
    .where(and(sql`lower(${outbox.payload}->>'to') = ${email.toLowerCase()}`, ...(kind ? [eq(outbox.kind, kind)] : [])))
    .orderBy(desc(outbox.seq));
}

/** The invitation link's token from the newest invitation mail to `email`. */
export async function invitationToken(h: Harness, email: string): Promise<string> {
  const [mail] = await mailTo(h, email, "invitation");
  if (!mail) throw new Error(`no invitation mail to ${email}`);
  const m = /accept-invitation\?token=([^\s"<&]+)/.exec(mail.payload.text);
  if (!m) throw new Error("no link in the invitation mail");
  return decodeURIComponent(m[1]!);
}
