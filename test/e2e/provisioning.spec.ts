import { expect, test } from "@playwright/test";
import { expectAccessible, newFirm, newInvitee, screenshot, signUpByApi } from "./helpers.js";

test("SCIM-1 Settings > Provisioning: base URL, a SCIM token shown once and used, the default role, revoking", async ({ page }) => {
  // Several axe runs and a real SCIM request: more than the default on a busy machine.
  test.setTimeout(90_000);
  const firm = newFirm("scim1");
  await signUpByApi(page.request, firm, { licenses: 4 });
  await page.goto("/settings/users");
  await page.getByRole("link", { name: "Provisioning" }).click();
  await expect(page.getByRole("heading", { name: "Provisioning" })).toBeVisible();
  await expect(page.getByTestId("scim-base-url")).toHaveText(/\/scim\/v2$/);
  await expect(page.getByRole("heading", { name: "No SCIM tokens" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Create SCIM token" }).click();
  await expect(page.getByLabel("SCIM token name")).toHaveAccessibleDescription(/Name the token/);
  await page.getByLabel("SCIM token name").fill("Okta");
  await page.getByRole("button", { name: "Create SCIM token" }).click();
  const secret = (await page.getByTestId("new-token").textContent())!.trim();
  expect(secret).toMatch(/^chscim_/);
  await expect(page.getByRole("table", { name: "SCIM tokens" })).toContainText("Never used");
  await expectAccessible(page);
  await screenshot(page, "provisioning-token-created");

  // The identity provider uses it: a person is created and the last use shows.
  const created = await page.request.post("/scim/v2/Users", {
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/scim+json" },
    data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: newInvitee("scim1"), name: { givenName: "Pat", familyName: "Provisioned" } },
  });
  expect(created.status(), await created.text()).toBe(201);
  await page.getByRole("button", { name: "I have saved it" }).click();
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.getByRole("table", { name: "SCIM tokens" })).not.toContainText("Never used");

  // The default role.
  await page.getByRole("combobox", { name: "Default role" }).click();
  await page.getByRole("option", { name: "Paralegal" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("now get the Paralegal role")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "provisioning");

  // Revoking: the provider is refused at once.
  await page.getByRole("button", { name: "Revoke Okta" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke SCIM token?" });
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("heading", { name: "No SCIM tokens" })).toBeVisible();
  const refused = await page.request.get("/scim/v2/Users", { headers: { authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
});
