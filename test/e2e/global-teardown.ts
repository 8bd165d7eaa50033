/** Stops the SMTP server started by global-setup.ts. */
export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__e2eSmtp;
  if (!server) return;
  globalThis.__e2eSmtp = undefined;
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
