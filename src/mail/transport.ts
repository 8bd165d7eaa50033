/** Mail leaves over SMTP through nodemailer (NTF-2). */
import nodemailer from "nodemailer";
import type { OutboxEmail } from "../db/schema.js";

export interface MailTransport {
  /** Sends one message; `messageId` lets receivers recognise a repeat of the same message. */
  send(message: OutboxEmail & { messageId: string }): Promise<void>;
  close(): void;
}

export function smtpTransport(url: string, from: string): MailTransport {
  // Every wait ends well inside the outbox worker's 120 s lease, so no other worker re-sends
  // a message this one is still delivering.
  const transporter = nodemailer.createTransport({ url, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 30_000 });
  return {
    async send(m) {
      await transporter.sendMail({ from, to: m.to, subject: m.subject, html: m.html, text: m.text, messageId: m.messageId });
    },
    close: () => transporter.close(),
  };
}
