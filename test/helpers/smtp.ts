/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1), collecting what it receives so a
 * test can assert that mail really arrived, and how many times.
 */
import { createServer } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Header names in lower case; folded lines unfolded. */
  headers: Record<string, string>;
  messageId: string;
  subject: string;
}

/** Splits the header block of a raw RFC 5322 message (enough for ASCII test mail). */
export function parseHeaders(raw: string): Record<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** A free TCP port on 127.0.0.1, closed again: SMTP "down" until a server listens on it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  return port;
}

export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Messages read in full but answered with a temporary failure (see `rejectNext`). */
  readonly rejected: ReceivedMail[] = [];
  #reject: { n: number; to?: string } = { n: 0 };
  #server: SMTPServer;
  #port = 0;

  constructor() {
    this.#server = new SMTPServer({
      // Plain SMTP, no authentication: nodemailer must not try to upgrade to TLS.
      disabledCommands: ["STARTTLS", "AUTH"],
      authOptional: true,
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const headers = parseHeaders(raw);
          const mail: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            headers,
            messageId: headers["message-id"] ?? "",
            subject: headers.subject ?? "",
          };
          if (this.#reject.n > 0 && (!this.#reject.to || mail.to.includes(this.#reject.to))) {
            this.#reject.n -= 1;
            this.rejected.push(mail);
            const err = new Error("Try again later") as Error & { responseCode: number };
            err.responseCode = 451;
            return callback(err);
          }
          this.received.push(mail);
          callback();
        });
      },
    });
    this.#server.on("error", () => undefined);
  }

  /** Listens on the given port (0: any free one); resolves with the port. */
  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve) => this.#server.listen(port, "127.0.0.1", resolve));
    this.#port = (this.#server.server.address() as { port: number }).port;
    return this.#port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.#port}`;
  }

  /** Answers the next `n` messages (to `to` only, if given) with a temporary failure (451) after reading them. */
  rejectNext(n: number, to?: string): void {
    this.#reject = { n, to };
  }

  /** Messages received for one address. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
