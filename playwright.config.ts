import { defineConfig, devices } from "@playwright/test";

// E2E_PORT and E2E_SMTP_PORT let two checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 3999);
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2525);

export default defineConfig({
  testDir: "test/e2e",
  // A real SMTP server on 127.0.0.1:SMTP_PORT that keeps each received message as test-results/mail/*.eml.
  globalSetup: "./test/e2e/global-setup.ts",
  globalTeardown: "./test/e2e/global-teardown.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1360, height: 860 },
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node dist/src/main.js",
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR: "memory://",
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      CHAMBERS_TEST_CLOCK: "1",
      // The server delivers its outbox to the e2e SMTP server (test/e2e/global-setup.ts) every 200 ms.
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      WORKER_INTERVAL_MS: "200",
      // WHK-2: lets the webhooks page register an endpoint on this machine (nothing listens there).
      WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
      // Every browser test signs up its own firm, all from 127.0.0.1.
      SIGNUP_LIMIT_PER_MINUTE: "1000",
    },
  },
});
