import { expect, test, type Locator, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { generate } from "otplib";
import { AdminApi, PracticeApi, addActiveUsers, type Joiner } from "./api.js";
import { expectAccessible, newFirm, newInvitee, screenshot, signUpByApi } from "./helpers.js";

const JOINER_PASSWORD = "a steady lantern by the quay 8";

/** Turns on two-factor sign-in for the holder of `token`, as their authenticator app would. */
async function enrolTwoFactor(page: Page, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  const begun = await page.request.post("/api/v1/me/two-factor", { headers, data: { password: JOINER_PASSWORD } });
  expect(begun.status(), await begun.text()).toBe(201);
  const { secret } = (await begun.json()) as { secret: string };
  const now = await new PracticeApi(page.request, token).now();
  const confirmed = await page.request.post("/api/v1/me/two-factor/confirm", { headers, data: { code: await generate({ secret, epoch: Math.floor(now / 1000) }) } });
  expect(confirmed.status(), await confirmed.text()).toBe(200);
}

/**
 * CON-5: opens a dialog from the keyboard (Enter on `opener`; for a menu, then Enter on its item
 * `item`), checks it with axe, closes it with Escape, and checks the focus is back where it was.
 */
async function checkDialog(page: Page, opener: Locator, dialogName: string, item?: string, shot?: string): Promise<void> {
  await expect(opener).toBeEnabled();
  await opener.focus();
  await page.keyboard.press("Enter");
  if (item) {
    const menuItem = page.getByRole("menuitem", { name: item, exact: true });
    await expect(menuItem).toBeVisible();
    await menuItem.focus();
    await page.keyboard.press("Enter");
  }
  const dialog = page.getByRole("dialog", { name: dialogName, exact: true });
  await expect(dialog).toBeVisible();
  // Wait until it has finished appearing: axe measures colours as drawn.
  await expect(dialog).toHaveCSS("opacity", "1");
  await expect(page.getByRole("progressbar").or(page.getByLabel(/^Loading/))).toHaveCount(0);
  await expectAccessible(page);
  if (shot) await screenshot(page, shot, { fullPage: false });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
}

/** A firm with the people given (active), signed in in `page`. */
async function setUp(page: Page, playwright: PlaywrightWorkerArgs["playwright"], prefix: string, people: Joiner[] = []) {
  const newContext = () => playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const firm = newFirm(prefix);
  const token = await signUpByApi(page.request, firm);
  const admin = new AdminApi(page.request, token);
  const users = await addActiveUsers(admin, newContext, people);
  return { firm, token, admin, users, newContext, headers: { authorization: `Bearer ${token}` } };
}

const button = (page: Page, name: string) => page.getByRole("main").getByRole("button", { name, exact: true });
const heading = (page: Page, name: string) => expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

test("CON-5 every dialog of Manage users passes axe-core, closes with Escape and gives the focus back to the control that opened it; a purchase's confirmation closes alone", async ({ page, playwright }) => {
  test.setTimeout(180_000);
  const { admin, users } = await setUp(page, playwright, "con5dlgu", [{ first_name: "Dana", last_name: "Okoro" }]);
  await admin.createGroup("Litigation", { member_ids: [users[0]!.id] });
  await admin.inviteMany([{ email: newInvitee("con5dlg-kai"), first_name: "Kai", last_name: "Moreno" }]);

  await page.goto("/settings/users");
  await heading(page, "Manage users");
  await checkDialog(page, button(page, "Invite user"), "Invite a user", undefined, "dialog-invite");
  await checkDialog(page, button(page, "Import users"), "Import users");
  await checkDialog(page, button(page, "Manage licenses"), "Manage licenses");
  // CON-3's confirmation of a purchase opens over Manage licenses; Escape closes only it.
  await button(page, "Manage licenses").focus();
  await page.keyboard.press("Enter");
  const licenses = page.getByRole("dialog", { name: "Manage licenses" });
  await licenses.getByLabel("Licenses to add").focus();
  await page.keyboard.type("2");
  await checkDialog(page, licenses.getByRole("button", { name: /^Buy and pay / }), "Confirm the purchase", undefined, "dialog-confirm-purchase");
  await expect(licenses).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(licenses).toBeHidden();
  await expect(button(page, "Manage licenses")).toBeFocused();
  // Actions on the people selected.
  await page.getByRole("checkbox", { name: "Select Dana Okoro" }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: "Select Dana Okoro" })).toBeChecked();
  for (const action of ["Assign roles", "Add to a group", "Remove from a group", "Sign out everywhere"]) {
    await checkDialog(page, button(page, "Actions"), action, action);
  }
  await page.goto("/settings/users?status=invited");
  await checkDialog(page, page.getByRole("button", { name: "Actions for Kai Moreno" }), "Revoke invitation", "Revoke invitation");
});

test("CON-5 every dialog of a person's page passes axe-core, closes with Escape and gives the focus back to the control that opened it", async ({ page, playwright }) => {
  test.setTimeout(180_000);
  const { users, headers } = await setUp(page, playwright, "con5dlgp", [
    { first_name: "Dana", last_name: "Okoro" },
    { first_name: "Lee", last_name: "Marsh" },
  ]);
  const [dana, lee] = users;
  await enrolTwoFactor(page, dana!.token);
  const deactivated = await page.request.post(`/api/v1/users/${lee!.id}/deactivate`, { headers, data: {} });
  expect(deactivated.status(), await deactivated.text()).toBe(200);

  await page.goto(`/settings/users/${dana!.id}`);
  await heading(page, "Dana Okoro");
  await checkDialog(page, page.getByRole("button", { name: "Actions for Dana Okoro" }), "Deactivate Dana Okoro", "Deactivate", "dialog-deactivate");
  await checkDialog(page, button(page, "Change login email"), "Change login email");
  await checkDialog(page, button(page, "Reset two-factor"), "Reset two-factor sign-in for Dana Okoro?", undefined, "dialog-reset-two-factor");
  await checkDialog(page, page.getByTestId("user-sessions-card").getByRole("button", { name: "Sign out everywhere" }), "Sign Dana Okoro out everywhere?");
  await page.goto(`/settings/users/${lee!.id}`);
  await heading(page, "Lee Marsh");
  await checkDialog(page, page.getByRole("button", { name: "Actions for Lee Marsh" }), "Reactivate Lee Marsh", "Reactivate", "dialog-reactivate");
});

test("CON-5 the dialogs of roles, groups, sessions, tokens and webhooks pass axe-core, close with Escape and give the focus back to the control that opened them", async ({ page, playwright }) => {
  test.setTimeout(180_000);
  const { firm, admin, headers, newContext } = await setUp(page, playwright, "con5dlgs");
  await admin.createGroup("Litigation");
  const role = await page.request.post("/api/v1/roles", { headers, data: { name: "Intake coordinator", permissions: ["contacts.edit"] } });
  expect(role.status(), await role.text()).toBe(201);
  expect((await page.request.post("/api/v1/me/tokens", { headers, data: { name: "Nightly export" } })).status()).toBe(201);
  // A second session of the administrator's, to sign out from the Sessions page.
  const elsewhere = await newContext();
  expect((await elsewhere.post("/api/v1/sessions", { data: { email: firm.email, password: firm.password } })).status()).toBe(201);
  await elsewhere.dispose();

  await page.goto("/settings/roles");
  await heading(page, "Roles & permissions");
  await checkDialog(page, button(page, "Create role"), "Create a role", undefined, "dialog-create-role");
  await checkDialog(page, page.getByRole("button", { name: "Actions for role Intake coordinator" }), "Rename Intake coordinator", "Rename");
  await checkDialog(page, page.getByRole("button", { name: "Actions for role Intake coordinator" }), "Delete Intake coordinator", "Delete");
  await page.goto("/settings/groups");
  await heading(page, "Groups");
  await checkDialog(page, button(page, "Create group"), "Create a group");
  await checkDialog(page, page.getByRole("button", { name: "Actions for Litigation" }), "Edit Litigation", "Edit");
  await checkDialog(page, page.getByRole("button", { name: "Actions for Litigation" }), "Archive Litigation", "Archive");
  await page.goto("/settings/sessions");
  await heading(page, "Sessions & tokens");
  await checkDialog(page, button(page, "Sign out"), "Sign out this session?");
  await checkDialog(page, button(page, "Revoke"), "Revoke token?");
  await page.goto("/settings/webhooks");
  await heading(page, "Webhooks");
  await checkDialog(page, button(page, "Add endpoint").first(), "Add an endpoint");
});

test("CON-5 the dialogs of the practice pages pass axe-core, close with Escape and give the focus back to the button that opened them", async ({ page, playwright }) => {
  test.setTimeout(180_000);
  await setUp(page, playwright, "con5dlgw");
  for (const [path, title, opener] of [
    ["/matters", "Matters", "New matter"],
    ["/tasks", "Tasks", "New task"],
    ["/calendar", "Calendar", "New event"],
    ["/contacts", "Contacts", "New contact"],
    ["/messages", "Messages", "New thread"],
  ] as const) {
    await page.goto(path);
    await heading(page, title);
    await checkDialog(page, button(page, opener), opener, undefined, path === "/matters" ? "dialog-new-matter" : undefined);
  }
});
