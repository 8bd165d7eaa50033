import { expect, test } from "@playwright/test";
import { newFirm, screenshot, signInInUi, signUpByApi } from "./helpers.js";

test("ACC-1 signs up a firm whose first user is the primary subscriber, then signs out and in again", async ({ page }) => {
  const firm = newFirm("acc1");

  await page.goto("/signup");
  await page.getByLabel("Firm name").fill(firm.firmName);
  await page.getByLabel("First name").fill(firm.firstName);
  await page.getByLabel("Last name").fill(firm.lastName);
  await page.getByLabel("Work email").fill(firm.email);
  await page.getByLabel("Password", { exact: true }).fill(firm.password);
  await page.getByText("Annual", { exact: true }).click();
  await page.getByLabel("Number of licenses").fill("3");
  await screenshot(page, "signup");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/settings\/users$/);
  await expect(page.getByRole("heading", { name: "Manage users" })).toBeVisible();
  await expect(page.getByTestId("firm-name")).toHaveText(firm.firmName);
  const me = page.getByTestId("user-row").filter({ hasText: firm.email });
  await expect(me).toContainText(`${firm.firstName} ${firm.lastName}`);
  await expect(me).toContainText("Primary subscriber");
  await expect(me).toContainText("Administrator");
  await expect(me).toContainText("Active");
  await screenshot(page, "users");

  await page.getByRole("tab", { name: "Invited" }).click();
  await expect(page.getByRole("heading", { name: "No invited users" })).toBeVisible();
  await screenshot(page, "users-invited-empty");
  await page.getByRole("tab", { name: "Active" }).click();

  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  await expect(page.getByText(firm.firmName, { exact: true }).last()).toBeVisible();
  await expect(page.getByText("Annual", { exact: true })).toBeVisible();
  await screenshot(page, "account");

  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/signin$/);

  await signInInUi(page, firm.email, firm.password);
  await expect(page).toHaveURL(/\/settings\/users$/);
  await expect(page.getByTestId("user-row").filter({ hasText: firm.email })).toContainText("Primary subscriber");
});

test("ACC-1 shows every field error of a refused sign-up at once", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your firm's name")).toBeVisible();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);

  // The server is the judge: a long but common password comes back as a field error.
  const firm = newFirm("acc1-invalid");
  await page.getByLabel("Firm name").fill(firm.firmName);
  await page.getByLabel("First name").fill(firm.firstName);
  await page.getByLabel("Last name").fill(firm.lastName);
  await page.getByLabel("Work email").fill(firm.email);
  await page.getByLabel("Password", { exact: true }).fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(/common/i);
  await expect(page).toHaveURL(/\/signup$/);
});

test("SEC-2 a wrong password gets the generic sign-in error, which names neither field", async ({ page, playwright }) => {
  const firm = newFirm("sec2");
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await signUpByApi(api, firm);
  await api.dispose();

  await page.goto("/signin");
  await signInInUi(page, firm.email, "not the right password at all");
  const alert = page.getByRole("alert").filter({ hasText: "Email or password is incorrect." });
  await expect(alert).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await screenshot(page, "signin-error");

  // An unknown email gets exactly the same answer.
  await signInInUi(page, `nobody-${Date.now()}@hartley-stone.example`, firm.password);
  await expect(alert).toBeVisible();
  await expect(page).toHaveURL(/\/signin$/);
});
