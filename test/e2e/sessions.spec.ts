import { expect, test } from "@playwright/test";
import { newFirm, screenshot, signUpByApi } from "./helpers.js";

test("SES-1 lists the current session and ends another one from the console", async ({ page, playwright }) => {
  const firm = newFirm("ses1");
  await signUpByApi(page.request, firm); // page.request shares the browser's cookies

  await page.goto("/settings/sessions");
  const rows = page.getByTestId("session-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("This session");

  const device = await playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    userAgent: "Chambers e2e (second device)",
  });
  const signIn = await device.post("/api/v1/sessions", { data: { email: firm.email, password: firm.password } });
  expect(signIn.status()).toBe(201);
  expect((await device.get("/api/v1/me")).status()).toBe(200);

  await page.reload();
  await expect(rows).toHaveCount(2);
  const other = page.locator('[data-testid="session-row"][data-current="false"]');
  await expect(other).toContainText("Chambers e2e (second device)");
  await screenshot(page, "sessions");

  await other.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign out" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("This session");
  expect((await device.get("/api/v1/me")).status()).toBe(401);
  await device.dispose();
});

test("SEC-4 an API token is shown once, works as a bearer token, and stops working when revoked", async ({ page, playwright }) => {
  const firm = newFirm("sec4");
  await signUpByApi(page.request, firm);

  await page.goto("/settings/sessions");
  await expect(page.getByRole("heading", { name: "No API tokens" })).toBeVisible();
  await page.getByLabel("Token name").fill("Document sync");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token").innerText()).trim();
  expect(secret.length).toBeGreaterThan(20);
  await expect(page.getByRole("table", { name: "API tokens" })).toContainText("Document sync");
  await screenshot(page, "tokens");

  const client = await playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${secret}` },
  });
  expect((await client.get("/api/v1/me")).status()).toBe(200);

  await page.getByRole("button", { name: "I have saved it" }).click();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await page.getByRole("table", { name: "API tokens" }).getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("heading", { name: "No API tokens" })).toBeVisible();
  expect((await client.get("/api/v1/me")).status()).toBe(401);
  await client.dispose();
});
