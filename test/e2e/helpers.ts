import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export interface FirmFixture {
  firmName: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
}

/** A firm with an email unique to this run, so a reused database never collides. */
export function newFirm(prefix: string): FirmFixture {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  return {
    firmName: `Hartley & Stone LLP ${tag.slice(-4).toUpperCase()}`,
    firstName: "Eleanor",
    lastName: "Hartley",
    email: `${prefix}-${tag}@hartley-stone.example`,
    password: "correct horse battery staple 42",
  };
}

/**
 * Signs the firm up through the API; the request context keeps the session cookie. Returns the
 * session token, usable as a bearer token from any request context.
 */
export async function signUpByApi(
  request: APIRequestContext,
  firm: FirmFixture,
  options: { plan?: "monthly" | "annual"; licenses?: number } = {},
): Promise<string> {
  const response = await request.post("/api/v1/signup", {
    data: {
      firm_name: firm.firmName,
      first_name: firm.firstName,
      last_name: firm.lastName,
      email: firm.email,
      password: firm.password,
      plan: options.plan ?? "monthly",
      licenses: options.licenses ?? 5,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

/** An email unique to this run for someone to invite. */
export function newInvitee(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${randomBytes(3).toString("hex")}@hartley-stone.example`;
}

export async function signInInUi(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/**
 * Saves a full-page screenshot as test/e2e/screenshots/<name>.png, or in `dir` when given; with
 * `fullPage: false` only what the window shows (a dialog's overlay covers only that).
 */
export async function screenshot(page: Page, name: string, { dir, fullPage = true }: { dir?: string; fullPage?: boolean } = {}): Promise<void> {
  // Let fonts and transitions settle so the picture shows what a person would see.
  await page.evaluate(() => document.fonts.ready);
  // A fixed header is drawn where the page was scrolled to; start from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(250);
  await page.screenshot({
    path: dir ? `${dir}/${name}.png` : fileURLToPath(new URL(`./screenshots/${name}.png`, import.meta.url)),
    fullPage,
  });
}

/** CON-5: axe-core finds no serious or critical violation on what the page shows now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help}: ${v.nodes.map((n) => `${n.html.slice(0, 160)} ${n.failureSummary ?? ""}`).join(" | ")}`);
  expect(bad, `axe violations on ${page.url()}`).toEqual([]);
}

/** Closes the open dialog's select list by clicking the dialog's title (Escape would close the dialog too). */
export async function closeDropdown(page: Page): Promise<void> {
  await page.getByRole("dialog").locator(".mantine-Modal-title").click();
  await expect(page.getByRole("listbox")).toHaveCount(0);
}

/** The field labelled `label` in the open dialog, whether Mantine draws it as a combobox or a textbox. */
function dialogField(page: Page, label: string) {
  const dialog = page.getByRole("dialog");
  return dialog.getByRole("combobox", { name: label, exact: true }).or(dialog.getByRole("textbox", { name: label, exact: true })).first();
}

/** Chooses `option` in the open dialog's select labelled `label`. */
export async function pick(page: Page, label: string, option: string): Promise<void> {
  await dialogField(page, label).click();
  await page.getByRole("option", { name: option, exact: true }).click();
  await closeDropdown(page);
}

/** The options the open dialog's select labelled `label` offers. */
export async function optionsOf(page: Page, label: string): Promise<string[]> {
  await dialogField(page, label).click();
  const names = await page.getByRole("option").allTextContents();
  await closeDropdown(page);
  return names;
}

/**
 * CON-5: presses `key` (Tab, or Shift+Tab) until `target` has the focus, as someone without a mouse
 * would; fails if it is not reached within `max` presses.
 */
export async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab", max = 80): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  await expect(target, `not reached with ${max} presses of ${key}`).toBeFocused();
}

/** CON-5: `target` has the focus and shows it, with an outline or a ring around it. */
export async function expectFocusRing(target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  const ring = await target.evaluate((el) => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return el.matches(":focus-visible") && (outline || style.boxShadow !== "none");
  });
  expect(ring, "the focused element shows no focus ring").toBe(true);
}

/** Closes every toast on the page, so that none covers what the test looks at next. */
export async function closeToasts(page: Page): Promise<void> {
  for (const close of await page.locator(".mantine-Notification-closeButton").all()) await close.click().catch(() => undefined);
}
