/** Configuration from the environment, checked once at start. The README's table lists it. */
import { isIP } from "node:net";
import { z } from "zod";

/** proxy-addr's names for address ranges, accepted in TRUST_PROXY besides addresses and CIDRs. */
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split("/");
  if (rest.length || !address) return false;
  const family = isIP(address);
  if (!family) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * SEC-8: whose X-Forwarded-For is believed. Unset: nobody's, the socket's address is the
 * client's. A number: that many proxy hops in front. Otherwise a comma list of proxy
 * addresses or CIDRs. `true` (believe anyone) is refused: any client could then choose its
 * own address and dodge every per-address limit.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((v, ctx): false | number | string[] => {
    const value = v?.trim();
    if (!value) return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(",").map((e) => e.trim()).filter(Boolean);
    const bad = entries.filter((e) => !isProxyAddress(e));
    if (bad.length || !entries.length) {
      ctx.addIssue({ code: "custom", message: `TRUST_PROXY must be a hop count or a comma list of proxy addresses or CIDRs; not understood: ${bad.join(", ") || value}` });
      return z.NEVER;
    }
    return entries;
  });

const flag = z
  .string()
  .optional()
  .transform((v) => v === "1" || v === "true");

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z.string().optional().transform((v) => (v ? v : undefined)),
  DATA_DIR: z.string().default("./data"),
  SMTP_URL: z.string().optional().transform((v) => (v ? v : undefined)),
  MAIL_FROM: z.string().default("Chambers <no-reply@chambers.localhost>"),
  PUBLIC_URL: z.string().optional().transform((v) => (v ? v.replace(/\/$/, "") : undefined)),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.string().default("development"),
  CHAMBERS_TEST_CLOCK: flag,
  /** SEC-9: the local mail viewer at /dev/mail, for signed-in administrators, outside production. */
  DEV_MAIL: flag,
  TRUST_PROXY: trustProxy,
  WORKER_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  /**
   * WHK-2: hosts (as written in webhook URLs) that may receive webhooks although they are
   * loopback or private, for tests and local development; refused in production.
   */
  WEBHOOK_ALLOW_HOSTS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((h) => h.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1")).filter(Boolean)),
  /** A PEM file of extra certificate authorities webhook receivers may present (a test receiver's own). */
  WEBHOOK_CA_FILE: z.string().optional().transform((v) => (v ? v : undefined)),
  /** Sign-ups accepted per minute from one address. */
  SIGNUP_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
});

export type Config = z.infer<typeof schema> & { production: boolean };

/** A configuration the server must not start with; main prints the message and exits 1. */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  }
  const parsed = result.data;
  const production = parsed.NODE_ENV === "production";
  // OPS-5, SEC-9: tools that move time or show everyone's mail never run in production.
  if (production && parsed.CHAMBERS_TEST_CLOCK) {
    throw new ConfigError("CHAMBERS_TEST_CLOCK=1 is refused with NODE_ENV=production: the test clock moves time for every firm. Unset one of them.");
  }
  // Emailed links (invitations, password resets) must not take their address from a request's
  // Host header, which anyone can set: production names its own address.
  if (production && !parsed.PUBLIC_URL) {
    throw new ConfigError("PUBLIC_URL is required with NODE_ENV=production: emailed links must not take their address from the request's Host header.");
  }
  if (production && parsed.DEV_MAIL) {
    throw new ConfigError("DEV_MAIL=1 is refused with NODE_ENV=production: configure SMTP_URL to deliver mail instead.");
  }
  // WHK-2: a production server never sends a firm's webhooks into its own network.
  if (production && parsed.WEBHOOK_ALLOW_HOSTS.length) {
    throw new ConfigError("WEBHOOK_ALLOW_HOSTS is refused with NODE_ENV=production: webhooks go only to public addresses there.");
  }
  return { ...parsed, production };
}
