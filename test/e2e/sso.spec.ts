import { expect, test } from "@playwright/test";
import { AdminApi } from "./api.js";
import { expectAccessible, newFirm, newInvitee, screenshot, signInInUi, signUpByApi } from "./helpers.js";
import { IdpServer } from "./saml-idp-server.js";

const idp = new IdpServer();
test.beforeAll(() => idp.start());
test.afterAll(() => idp.stop());

test("SSO-1 SSO-2 SSO-3 INV-6 an administrator sets up SAML, tests it, enforces it; an invitee joins and signs in through the IdP", async ({ page, browser }) => {
  // Three browser contexts, two trips to the IdP and axe on six states: more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  const firm = newFirm("sso");
  const token = await signUpByApi(page.request, firm, { licenses: 4 });
  const admin = new AdminApi(page.request, token);
  idp.defaultUser = firm.email;

  // Settings > Single sign-on: nothing configured yet.
  await page.goto("/settings/users");
  await page.getByRole("link", { name: "Single sign-on" }).click();
  await expect(page.getByRole("heading", { name: "Single sign-on", level: 1 })).toBeVisible();
  await expect(page.getByTestId("sp-card").getByText(/^http:\/\/127\.0\.0\.1:\d+\/sso\/saml\/[^/]+\/acs$/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Download the metadata XML" })).toHaveAttribute("href", /\/sso\/saml\/[^/]+\/metadata$/);
  await expect(page.getByRole("button", { name: "Test sign-in" })).toBeDisabled();
  await expect(page.getByRole("switch", { name: "Require single sign-on" })).toBeDisabled();
  await expectAccessible(page);
  await screenshot(page, "sso-settings-empty");

  // A wrong certificate is refused with the field named.
  await page.getByLabel("Identity provider entity ID (issuer)").fill(idp.idp.entityId);
  await page.getByLabel("Sign-in URL (SSO URL)").fill(idp.idp.ssoUrl);
  await page.getByLabel("Signing certificate").fill("not a certificate");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByLabel("Signing certificate")).toHaveAccessibleDescription(/not an X\.509 certificate/);
  await expectAccessible(page);
  await screenshot(page, "sso-settings-invalid");

  await page.getByLabel("Signing certificate").fill(idp.idp.settings().certificate_pem);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("sso-saved")).toBeVisible();
  await expect(page.getByTestId("sso-untested")).toBeVisible();
  await expect(page.getByRole("switch", { name: "Require single sign-on" })).toBeDisabled();

  // The test sign-in: out to the IdP and back, signed in, and the settings say it worked.
  await page.getByRole("button", { name: "Test sign-in" }).click();
  await expect(page).toHaveURL(/\/settings\/sso$/);
  await expect(page.getByTestId("sso-tested")).toBeVisible();
  expect(idp.signedIn).toEqual([firm.email]);
  const enforce = page.getByRole("switch", { name: "Require single sign-on" });
  await expect(enforce).toBeEnabled();
  await enforce.check({ force: true });
  await page.getByLabel("Exceptions").fill(firm.email);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("sso-saved")).toBeVisible();
  await expect(enforce).toBeChecked();
  await expectAccessible(page);
  await screenshot(page, "sso-settings-enforced");

  // An invitee joins through the IdP: their invitation link says so, and SSO makes them active.
  const invitee = newInvitee("sso-member");
  await admin.inviteMany([{ email: invitee, first_name: "Imani", last_name: "Clarke" }]);
  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  await guest.goto("/signin");
  await guest.getByLabel("Email").fill(invitee);
  await guest.getByLabel("Password", { exact: true }).fill("correct horse battery staple 42");
  await guest.getByRole("button", { name: "Sign in", exact: true }).click();
  // Invited, so no password yet: the usual answer.
  await expect(guest.getByRole("alert")).toContainText("Email or password is incorrect.");
  await guest.getByRole("button", { name: "Sign in with SSO" }).click();
  await expect(guest.getByTestId("user-menu")).toContainText("Imani Clarke");
  expect(idp.signedIn.at(-1)).toBe(invitee);
  await expectAccessible(guest);
  await screenshot(guest, "sso-signed-in");
  await visitor.close();

  // Someone unknown to the firm comes back to the sign-in page with a reason, signed out.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto("/signin");
  await other.getByRole("button", { name: "Sign in with SSO" }).click();
  await expect(other.getByLabel("Email")).toHaveAccessibleDescription("Enter your email to sign in with SSO");
  await other.getByLabel("Email").fill(newInvitee("nobody"));
  await other.getByRole("button", { name: "Sign in with SSO" }).click();
  await expect(other).toHaveURL(/\/signin\?sso_error=not_configured$/);
  await expect(other.getByRole("alert")).toContainText("Single sign-on is not set up for this email.");
  await expectAccessible(other);
  await screenshot(other, "sso-sign-in-error");

  // SSO-2: the owner is excepted and still signs in with a password.
  await other.goto("/signin");
  await signInInUi(other, firm.email, firm.password);
  await expect(other.getByTestId("user-menu")).toContainText(`${firm.firstName} ${firm.lastName}`);
  await stranger.close();
});
