import { expect, test, type Locator, type Page } from "@playwright/test";
import { AdminApi, addActiveUsers } from "./api.js";
import { expectFocusRing, newFirm, newInvitee, screenshot, signUpByApi, tabTo } from "./helpers.js";

/** Types into the focused field, checking first that it is the one meant. */
async function typeInto(page: Page, field: Locator, text: string) {
  await expect(field).toBeFocused();
  await page.keyboard.type(text);
  await expect(field).toHaveValue(text);
}

/** Tabs to a searchable select, types the start of `option`, takes it with ArrowDown and Enter, and closes the list with Escape. */
async function chooseByTyping(page: Page, select: Locator, typed: string, option: string) {
  await tabTo(page, select);
  await page.keyboard.type(typed);
  await expect(page.getByRole("option", { name: option, exact: true })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("listbox")).toHaveCount(0);
}

test("CON-5 an administrator signs in, invites a user, gives a colleague a role and opens and cancels her deactivation with the keyboard alone", async ({ page, playwright }) => {
  test.setTimeout(120_000);
  const firm = newFirm("con5kb");
  const admin = new AdminApi(page.request, await signUpByApi(page.request, firm));
  const [dana] = await addActiveUsers(admin, () => playwright.request.newContext({ baseURL: test.info().project.use.baseURL }), [{ first_name: "Dana", last_name: "Okoro" }]);
  await page.context().clearCookies(); // signUpByApi signed this browser in; sign in from the page instead
  const invitee = newInvitee("con5kb-jordan");

  // Sign in: Tab to each field, type, Enter.
  await page.goto("/signin");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await tabTo(page, page.getByLabel("Email"));
  await typeInto(page, page.getByLabel("Email"), firm.email);
  await page.keyboard.press("Tab");
  await typeInto(page, page.getByLabel("Password", { exact: true }), firm.password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Manage users" })).toBeVisible();

  // The navigation: on to the firm feed and back to Manage users.
  const nav = page.getByRole("navigation");
  await tabTo(page, nav.getByRole("link", { name: "Firm feed" }));
  await expectFocusRing(nav.getByRole("link", { name: "Firm feed" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Firm feed" })).toBeVisible();
  await page.keyboard.press("Shift+Tab");
  await expectFocusRing(nav.getByRole("link", { name: "Manage users" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Manage users" })).toBeVisible();
  await expect(page.getByTestId("license-summary")).toHaveText("3 of 5 licenses available");

  // Invite a user: the dialog opens on its first field; the subscription type is chosen with the
  // arrow keys, a role by typing and Enter; Escape closes the list of roles, not the dialog.
  const inviteButton = page.getByRole("button", { name: "Invite user" });
  await tabTo(page, inviteButton);
  await expectFocusRing(inviteButton);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Invite a user" });
  await expect(dialog).toBeVisible();
  await typeInto(page, dialog.getByLabel("Email"), invitee);
  await page.keyboard.press("Tab");
  await typeInto(page, dialog.getByLabel("First name"), "Jordan");
  await page.keyboard.press("Tab");
  await typeInto(page, dialog.getByLabel("Last name"), "Whitfield");
  await tabTo(page, dialog.getByRole("radio", { name: "Attorney", exact: true }));
  await page.keyboard.press("ArrowRight");
  await expect(dialog.getByRole("radio", { name: "Non-attorney" })).toBeChecked();
  await chooseByTyping(page, dialog.getByRole("combobox", { name: "Roles" }), "Paraleg", "Paralegal");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("Paralegal", { exact: true })).toBeVisible();
  const send = dialog.getByRole("button", { name: "Send invitation" });
  await tabTo(page, send);
  await expectFocusRing(send);
  await screenshot(page, "keyboard-invite", { fullPage: false });
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(inviteButton).toBeFocused();
  // The invited user is really there, in the Invited list, and holds a license.
  await expect(page).toHaveURL(/status=invited/);
  const row = page.getByTestId("user-row").filter({ hasText: invitee });
  await expect(row).toContainText("Jordan Whitfield");
  await expect(row).toContainText("Paralegal");
  await expect(row).toContainText("Non-attorney");
  await expect(page.getByTestId("license-summary")).toHaveText("2 of 5 licenses available");
  expect((await admin.invited()).map((u) => u.email)).toContain(invitee);

  // Back to the Active tab with the arrow keys, then to Dana's page.
  const invitedTab = page.getByRole("tab", { name: /^Invited/ });
  await tabTo(page, invitedTab);
  await expectFocusRing(invitedTab);
  await page.keyboard.press("ArrowLeft");
  const activeTab = page.getByRole("tab", { name: /^Active/ });
  await expect(activeTab).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(activeTab).toHaveAttribute("aria-selected", "true");
  const danaLink = page.getByTestId("user-row").filter({ hasText: "Dana Okoro" }).getByRole("link", { name: "Dana Okoro" });
  await tabTo(page, danaLink);
  await expectFocusRing(danaLink);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Dana Okoro" })).toBeVisible();

  // Give her the Billing role and save.
  await chooseByTyping(page, page.getByRole("combobox", { name: "Roles" }), "Bill", "Billing");
  const save = page.getByRole("button", { name: "Save changes" });
  await tabTo(page, save);
  await expectFocusRing(save);
  await page.keyboard.press("Enter");
  await expect(page.getByText("Changes to Dana Okoro were saved.")).toBeVisible();
  await expect.poll(async () => (await admin.user(dana!.id)).user.roles.map((r) => r.name).sort()).toEqual(["Attorney", "Billing"]);

  // Open the deactivation dialog from her actions menu and cancel it with Escape: focus comes
  // back to the menu's button and she is still active.
  const actions = page.getByRole("button", { name: "Actions for Dana Okoro" });
  await tabTo(page, actions, "Shift+Tab");
  await expectFocusRing(actions);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menu")).toBeVisible();
  const deactivateItem = page.getByRole("menuitem", { name: "Deactivate" });
  for (let i = 0; i < 10 && !(await deactivateItem.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("ArrowDown");
  await expect(deactivateItem).toBeFocused();
  await page.keyboard.press("Enter");
  const deactivate = page.getByRole("dialog", { name: "Deactivate Dana Okoro" });
  await expect(deactivate).toBeVisible();
  await screenshot(page, "keyboard-deactivate", { fullPage: false });
  await page.keyboard.press("Escape");
  await expect(deactivate).toBeHidden();
  await expect(actions).toBeFocused();
  expect(((await admin.user(dana!.id)).user as unknown as { status: string }).status).toBe("active");
});
