/** Mail leaves over SMTP through nodemailer (NTF-2). */
import nodemailer from "nodemailer";
import type { OutboxEmail } from "../db/schema.js";

export interface MailTransport {
  /** Sends one message; `messageId` lets receivers recognise a repeat of the same message. */
  send(message: OutboxEmail & { messageId: string }): Promise<void>;
  close(): void;
}

export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transporter.sendMail({ from, to: m.to, subject: m.subject, html: m.html, text: m.text, messageId: m.messageId });
    },
    close: () => transporter.close(),
  };
}
