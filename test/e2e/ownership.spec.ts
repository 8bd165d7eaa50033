import { expect, test } from "@playwright/test";
import { AdminApi, acceptInvitation } from "./api.js";
import { newFirm, newInvitee, screenshot, signUpByApi } from "./helpers.js";
import { waitForInvitationLink } from "./mail.js";

const baseURL = () => test.info().project.use.baseURL!;

test("ACC-6 the primary subscriber transfers ownership to another active administrator with their password and exact full name", async ({ page, playwright }) => {
  const firm = newFirm("acc6");
  const owner = new AdminApi(page.request, await signUpByApi(page.request, firm));
  const ownerName = `${firm.firstName} ${firm.lastName}`;
  // An active administrator, an active attorney, and an administrator who has not accepted yet.
  const people = [
    { email: newInvitee("acc6-dana"), first_name: "Dana", last_name: "Okoro", role: "Administrator", accept: true },
    { email: newInvitee("acc6-lee"), first_name: "Lee", last_name: "Marsh", role: "Attorney", accept: true },
    { email: newInvitee("acc6-pat"), first_name: "Pat", last_name: "Quinn", role: "Administrator", accept: false },
  ];
  for (const { accept, ...person } of people) {
    await owner.invite(person);
    if (!accept) continue;
    // Each invitee in a context of their own: accepting signs them in there.
    const invitee = await playwright.request.newContext({ baseURL: baseURL() });
    const link = await waitForInvitationLink(person.email);
    await acceptInvitation(invitee, link, { first_name: person.first_name, last_name: person.last_name, password: "a steady lantern by the quay 8" });
    await invitee.dispose();
  }

  await page.goto("/settings/account");
  await expect(page.getByText(`${ownerName} (you)`)).toBeVisible();
  const card = page.getByTestId("transfer-ownership");
  await expect(card.getByRole("heading", { name: "Transfer ownership" })).toBeVisible();

  // Only active administrators are offered.
  await card.getByRole("combobox", { name: "New primary subscriber" }).click();
  await expect(page.getByRole("option")).toHaveCount(1);
  await page.getByRole("option", { name: /Dana Okoro/ }).click();

  // The server judges the name (exactly as on the account) and the password; each lands on its field.
  await card.getByRole("textbox", { name: "Your full name" }).fill(ownerName.toLowerCase());
  await card.getByRole("textbox", { name: "Your password", exact: true }).fill("not my password at all");
  await card.getByRole("button", { name: "Transfer ownership" }).click();
  const dialog = page.getByRole("dialog", { name: "Transfer ownership?" });
  await expect(dialog).toContainText("You stay an administrator");
  await dialog.getByRole("button", { name: "Transfer ownership" }).click();
  await expect(card.getByRole("textbox", { name: "Your full name" })).toHaveAccessibleDescription(/exactly as it appears on your account/i);
  await expect(card.getByRole("textbox", { name: "Your password", exact: true })).toHaveAccessibleDescription(/password is not correct/i);

  await card.getByRole("textbox", { name: "Your full name" }).fill(ownerName);
  await card.getByRole("textbox", { name: "Your password", exact: true }).fill(firm.password);
  await card.getByRole("button", { name: "Transfer ownership" }).click();
  await expect(dialog).toContainText("Dana Okoro becomes the primary subscriber");
  // Tall enough for the whole page, so the dialog's backdrop covers all of it.
  await page.setViewportSize({ width: 1360, height: 1100 });
  await screenshot(page, "transfer-ownership");
  await dialog.getByRole("button", { name: "Transfer ownership" }).click();

  await expect(page.getByTestId("ownership-transferred")).toContainText(`Dana Okoro is now the primary subscriber of ${firm.firmName}. You stay an administrator.`);
  await expect(card).toHaveCount(0);
  await expect(page.getByText(`${ownerName} (you)`)).toHaveCount(0);
  await expect(page.getByText("Dana Okoro", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  await expect(page.getByTestId("transfer-ownership")).toHaveCount(0);

  // The users list moves the badge; the former owner keeps the Administrator role.
  await page.goto("/settings/users");
  const dana = page.getByTestId("user-row").filter({ hasText: "Dana Okoro" });
  const eleanor = page.getByTestId("user-row").filter({ hasText: ownerName });
  await expect(dana).toContainText("Primary subscriber");
  await expect(eleanor).not.toContainText("Primary subscriber");
  await expect(eleanor).toContainText("Administrator");
});
