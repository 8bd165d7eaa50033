/** Configuration from the environment, checked once at start. The README's table lists it. */
import { z } from "zod";

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
  CHAMBERS_TEST_CLOCK: z.string().optional().transform((v) => v === "1" || v === "true"),
  WORKER_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  /** Sign-ups accepted per minute from one address. */
  SIGNUP_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
});

export type Config = z.infer<typeof schema> & { production: boolean };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.parse(env);
  return { ...parsed, production: parsed.NODE_ENV === "production" };
}
