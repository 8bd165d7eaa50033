/**
 * Starts a real SMTP server on 127.0.0.1:2525 for the e2e run. The Chambers server under test
 * delivers its outbox there (SMTP_URL in playwright.config.ts); each message received is
 * written, raw, to test-results/mail/<timestamp>-<n>.eml for the tests to read.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { SMTPServer } from "smtp-server";
import { MAIL_DIR, SMTP_HOST, SMTP_PORT } from "./mail.js";

declare global {
  var __e2eSmtp: SMTPServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  let n = 0;
  const server = new SMTPServer({
    // Plain SMTP on loopback: no TLS upgrade, no authentication.
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        n += 1;
        const file = `${MAIL_DIR}/${Date.now()}-${n}.eml`;
        // Playwright may empty test-results after this setup ran: make the folder each time.
        mkdir(MAIL_DIR, { recursive: true })
          .then(() => writeFile(file, Buffer.concat(chunks)))
          .then(() => callback(), callback);
      });
    },
  });
  server.on("error", (error) => console.error("e2e SMTP server:", error));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(SMTP_PORT, SMTP_HOST, () => resolve());
  });
  globalThis.__e2eSmtp = server;
}
