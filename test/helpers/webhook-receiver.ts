/**
 * A webhook receiver in the test process (WHK): HTTPS on 127.0.0.1 with a self-signed
 * certificate made by openssl, trusted by the server through WEBHOOK_CA_FILE. Each path behaves
 * as told: answer 2xx, answer 500, hang, close the connection, or redirect.
 */
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A certificate for 127.0.0.1 and localhost, made once per test file. */
export function selfSignedCertificate(): { certFile: string; key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "chambers-whk-"));
  const certFile = join(dir, "cert.pem");
  const keyFile = join(dir, "key.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", keyFile, "-out", certFile], { stdio: "ignore" });
  return { certFile, key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8") };
}

export type Behaviour = { kind: "ok" } | { kind: "status"; status: number } | { kind: "hang" } | { kind: "close" } | { kind: "redirect"; to: string };

export interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: { id: string; type: string; created_at: string; firm_id: string; data: Record<string, unknown> };
}

export class WebhookReceiver {
  readonly received: Received[] = [];
  /** What each path does; by default it answers 204. A function sees how many came before. */
  readonly behaviour = new Map<string, Behaviour | ((n: number) => Behaviour)>();
  #server: Server;

  constructor(tls: { key: string; cert: string }) {
    this.#server = createServer(tls, (req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => (body += c));
      req.on("end", () => {
        const path = req.url ?? "/";
        const rule = this.behaviour.get(path) ?? { kind: "ok" };
        const b = typeof rule === "function" ? rule(this.at(path).length) : rule;
        if (b.kind === "hang") return;
        if (b.kind === "close") return req.socket.destroy();
        this.received.push({ path, headers: req.headers, body, json: JSON.parse(body) as Received["json"] });
        if (b.kind === "redirect") return res.writeHead(302, { location: b.to }).end();
        res.writeHead(b.kind === "status" ? b.status : 204).end();
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
  }
  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }
  url(path: string, host = "127.0.0.1"): string {
    return `https://${host}:${this.port}${path}`;
  }
  /** What arrived (and was answered) at a path, in order. */
  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** True when a request carries a valid `Chambers-Signature` for `secret`, as README tells receivers to check. */
export function validSignature(r: Received, secret: string): boolean {
  const ts = String(r.headers["chambers-timestamp"]);
  const expected = `v1=${createHmac("sha256", secret).update(`${ts}.${r.body}`).digest("hex")}`;
  return r.headers["chambers-signature"] === expected;
}
