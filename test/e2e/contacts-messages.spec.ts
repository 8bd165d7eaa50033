import { expect, test } from "@playwright/test";
import { AdminApi, PracticeApi, addActiveUsers } from "./api.js";
import { closeDropdown, expectAccessible, newFirm, pick, screenshot, signUpByApi } from "./helpers.js";

test("CON-1 GRP-4 contacts are listed, added and edited in the console, with custom rates per person or group", async ({ page }) => {
  test.setTimeout(90_000);
  const firm = newFirm("con1c");
  const token = await signUpByApi(page.request, firm);
  const admin = new AdminApi(page.request, token);
  const data = new PracticeApi(page.request, token);
  const litigation = await admin.createGroup("Litigation");
  await admin.createGroup("Interns", { exclude_from_custom_rates: true });

  await page.goto("/settings/users");
  await page.getByRole("link", { name: "Contacts" }).click();
  await expect(page.getByRole("heading", { name: "No contacts yet" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "New contact" }).click();
  const dialog = page.getByRole("dialog", { name: "New contact" });
  await dialog.getByLabel("Name").fill("Harbour Holdings Ltd");
  await dialog.getByLabel("Email").fill("office@harbour.example");
  await dialog.getByRole("button", { name: "Add a rate" }).click();
  await page.getByRole("dialog").getByRole("combobox", { name: "Rate 1: person or group", exact: true }).click();
  await expect(page.getByRole("option", { name: "Interns" })).toHaveCount(0);
  await closeDropdown(page);
  await pick(page, "Rate 1: person or group", "Litigation");
  await dialog.getByLabel("Rate 1: per hour").fill("300");
  await expectAccessible(page);
  await screenshot(page, "contact-new", { fullPage: false });
  await dialog.getByRole("button", { name: "Add contact" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("contact-row").filter({ hasText: "Harbour Holdings Ltd" });
  await expect(row.getByTestId("rates")).toHaveText("Litigation: $300.00/h");

  await row.getByRole("button", { name: "Edit contact Harbour Holdings Ltd" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Harbour Holdings Ltd" });
  await edit.getByLabel("Email").fill("legal@harbour.example");
  await edit.getByLabel("Rate 1: per hour").fill("325");
  await edit.getByRole("button", { name: "Save contact" }).click();
  await expect(edit).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("contact-row").filter({ hasText: "legal@harbour.example" }).getByTestId("rates")).toHaveText("Litigation: $325.00/h");
  const contacts = await data.get<{ data: { name: string; email: string; custom_rates: { group_id: string; rate_cents: number }[] }[] }>("/contacts");
  expect(contacts.data).toEqual([expect.objectContaining({ name: "Harbour Holdings Ltd", email: "legal@harbour.example", custom_rates: [expect.objectContaining({ group_id: litigation, rate_cents: 32_500 })] })]);
  await screenshot(page, "contacts");
});

test("CON-1 PRC-8 a thread is started with a colleague, a contact and a matter, read and written to in the console; the colleague sees it", async ({ page, playwright }) => {
  test.setTimeout(120_000);
  const baseURL = test.info().project.use.baseURL!;
  const firm = newFirm("prc8");
  const token = await signUpByApi(page.request, firm);
  const admin = new AdminApi(page.request, token);
  const data = new PracticeApi(page.request, token);
  const me = await data.meId();
  const [dana] = await addActiveUsers(admin, () => playwright.request.newContext({ baseURL }), [{ first_name: "Dana", last_name: "Okoro" }]);
  await data.post("/contacts", { name: "Harbour Holdings Ltd" });
  await data.matter("2026-0142", "Bayside lease", me, me);

  await page.goto("/messages");
  await expect(page.getByRole("heading", { name: "No threads yet" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "New thread" }).click();
  const dialog = page.getByRole("dialog", { name: "New thread" });
  await dialog.getByLabel("Subject").fill("The signed lease");
  await pick(page, "Colleagues", "Dana Okoro");
  await pick(page, "Contacts", "Harbour Holdings Ltd");
  await pick(page, "Matter", "2026-0142 · Bayside lease");
  await expectAccessible(page);
  await screenshot(page, "thread-new", { fullPage: false });
  await dialog.getByRole("button", { name: "Start thread" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: "The signed lease" })).toBeVisible();
  await expect(page.getByText("With Eleanor Hartley, Dana Okoro, Harbour Holdings Ltd")).toBeVisible();

  await page.getByLabel("Write a message").fill("Attached is the lease, signed on our side.\nPlease countersign by Friday.");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("message")).toHaveCount(1);
  await expect(page.getByTestId("message")).toContainText("Please countersign by Friday.");
  // CON-4: the list's count follows without a reload.
  await expect(page.getByTestId("thread-row").getByTestId("message-count")).toHaveText("1 message");
  await expect(page.getByLabel("Write a message")).toHaveValue("");
  await expectAccessible(page);
  await screenshot(page, "messages");

  // The colleague reads it through the API as a participant.
  const danaApi = new PracticeApi(page.request, dana!.token);
  const theirs = await danaApi.get<{ data: { id: string; subject: string; message_count: number }[] }>("/message-threads");
  expect(theirs.data).toEqual([expect.objectContaining({ subject: "The signed lease", message_count: 1 })]);
  const messages = await danaApi.get<{ data: { body: string }[] }>(`/message-threads/${theirs.data[0]!.id}/messages`);
  expect(messages.data.map((m) => m.body)).toEqual(["Attached is the lease, signed on our side.\nPlease countersign by Friday."]);
});
