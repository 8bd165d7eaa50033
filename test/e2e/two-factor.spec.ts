import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { generate } from "otplib";
import { addActiveUsers, AdminApi, advanceClock, PracticeApi } from "./api.js";
import { expectAccessible, newFirm, screenshot, signInInUi, signUpByApi } from "./helpers.js";

/** The code an authenticator app shows now by the server's (test) clock. */
async function codeNow(request: APIRequestContext, token: string, secret: string): Promise<string> {
  const now = await new PracticeApi(request, token).now();
  return generate({ secret, epoch: Math.floor(now / 1000) });
}

async function dismissNotifications(page: Page) {
  for (const close of await page.locator(".mantine-Notification-closeButton").all()) await close.click();
}

test("SES-3 enrols an authenticator app, requires two-factor for the firm, signs in with a code, and resets someone else's", async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const firm = newFirm("ses3");
  const token = await signUpByApi(page.request, firm);
  const admin = new AdminApi(page.request, token);
  const newContext = () => playwright.request.newContext({ baseURL: baseURL! });
  const [joiner] = await addActiveUsers(admin, newContext, [{ first_name: "Nadia", last_name: "Okafor" }]);
  // Read now: signing out in the page below ends the session this token belongs to.
  const joinerEmail = (await admin.user(joiner!.id)).user as unknown as { email: string };

  // Settings > Security: off, then the password step.
  await page.goto("/settings/security");
  await expect(page.getByRole("heading", { name: "Security" })).toBeVisible();
  await expect(page.getByTestId("two-factor-card")).toContainText("Off");
  await expect(page.getByRole("switch", { name: "Require two-factor sign-in for everyone" })).toBeDisabled();
  await expectAccessible(page);
  await page.getByLabel("Your password").fill(firm.password);
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();

  // The QR code and the key for typing in by hand.
  await expect(page.getByTestId("two-factor-qr")).toBeVisible();
  const secret = (await page.getByTestId("two-factor-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expectAccessible(page);
  await screenshot(page, "two-factor-scan");
  await page.getByLabel("Code from the app").fill("000000" === (await codeNow(page.request, token, secret)) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByLabel("Code from the app")).toHaveAccessibleDescription(/not right/);
  await page.getByLabel("Code from the app").fill(await codeNow(page.request, token, secret));
  await page.getByRole("button", { name: "Turn on" }).click();

  // The recovery codes, once.
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const firstRecovery = (await codes.first().textContent())!.trim();
  await expect(page.getByRole("link", { name: "Download" })).toHaveAttribute("download", "chambers-recovery-codes.txt");
  await expectAccessible(page);
  await screenshot(page, "two-factor-recovery-codes");
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByTestId("two-factor-card")).toContainText("On");
  await expect(page.getByTestId("recovery-codes-left")).toHaveText("10");

  // The firm's requirement, with a confirmation.
  await page.getByRole("switch", { name: "Require two-factor sign-in for everyone" }).click();
  const confirm = page.getByRole("dialog", { name: "Require two-factor sign-in for everyone?" });
  await expect(confirm).toContainText("taken to set it up at their next sign-in");
  await expectAccessible(page);
  await screenshot(page, "two-factor-require-confirm", { fullPage: false });
  await confirm.getByRole("button", { name: "Require it" }).click();
  await expect(page.getByRole("switch", { name: "Require two-factor sign-in for everyone" })).toBeChecked();
  await dismissNotifications(page);
  await expect(page.getByTestId("two-factor-card")).toContainText("cannot be turned off");
  await screenshot(page, "two-factor-on");

  // Signing in again: the password, then the code step.
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signInInUi(page, firm.email, firm.password);
  const code = page.getByLabel("Authentication code");
  await expect(code).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "sign-in-code");
  await code.fill("12345a");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("That code is not valid");
  await expectAccessible(page);
  // The confirming code's time step is spent: the next one signs in.
  await advanceClock(page.request, 30);
  await code.fill(await codeNow(page.request, token, secret));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).not.toHaveURL(/\/signin/);

  // Someone without it, signing in now, is taken straight to enrolment.
  const otherContext = await browser.newContext({ baseURL: baseURL! });
  const other = await otherContext.newPage();
  await other.goto("/signin");
  await signInInUi(other, joinerEmail.email, "a steady lantern by the quay 8");
  await expect(other).toHaveURL(/\/settings\/security/);
  await expect(other.getByTestId("enrollment-required")).toBeVisible();
  await other.goto("/settings/users");
  await expect(other).toHaveURL(/\/settings\/security/);
  await expectAccessible(other);
  await screenshot(other, "two-factor-enrollment-required");
  // They enrol (here through the API, with their own session) and the console opens up.
  const begun = await other.request.post("/api/v1/me/two-factor", { headers: { Authorization: `Bearer ${joiner!.token}` }, data: { password: "a steady lantern by the quay 8" } });
  const joinerSecret = ((await begun.json()) as { secret: string }).secret;
  const confirmed = await other.request.post("/api/v1/me/two-factor/confirm", { headers: { Authorization: `Bearer ${joiner!.token}` }, data: { code: await codeNow(other.request, token, joinerSecret) } });
  expect(confirmed.status()).toBe(200);
  await otherContext.close();

  // An administrator resets their second factor from their page.
  await page.goto(`/settings/users/${joiner!.id}`);
  await page.getByRole("button", { name: "Reset two-factor" }).click();
  const reset = page.getByRole("dialog", { name: "Reset two-factor sign-in for Nadia Okafor?" });
  await expect(reset).toContainText("told by email");
  await expectAccessible(page);
  await screenshot(page, "two-factor-reset-confirm", { fullPage: false });
  await reset.getByRole("button", { name: "Reset two-factor" }).click();
  await expect(page.getByText("Two-factor sign-in was reset for Nadia Okafor")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reset two-factor" })).toHaveCount(0);

  // A recovery code signs in as well.
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await signInInUi(page, firm.email, firm.password);
  await page.getByLabel("Authentication code").fill(firstRecovery);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto("/settings/security");
  await expect(page.getByTestId("recovery-codes-left")).toHaveText("9");
});
