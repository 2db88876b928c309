import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";

/** The demo users (demo only; a non-demo server refuses to start while they are set). */
export const DEMO = {
  admin: { email: "admin@demo.resonance", password: "demo-admin-pass" },
  manager: { email: "manager@demo.resonance", password: "demo-manager-pass" },
  executive: { email: "executive@demo.resonance", password: "demo-executive-pass" },
  team_lead: { email: "lead.de@demo.resonance", password: "demo-teamlead-pass" },
  viewer: { email: "viewer@demo.resonance", password: "demo-viewer-pass" },
} as const;
export type DemoRole = keyof typeof DEMO;

/** Server functions that change data must come from the app: same origin, or this header. */
export const APP_HEADERS = { "x-resonance-client": "e2e" };

/** Signs in through the API; the browser context shares the session cookie. */
export async function signIn(page: Page, role: DemoRole): Promise<void> {
  const res = await page.request.post("/api/sign-in", { data: DEMO[role], headers: APP_HEADERS });
  expect(res.status(), await res.text()).toBe(200);
}

/** The sign-in page. */
export class SignInPage {
  readonly form: Locator;
  readonly error: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByTestId("sign-in-form");
    this.error = page.getByTestId("sign-in-error");
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.form.getByLabel("Email").fill(email);
    await this.form.getByLabel("Password").fill(password);
    await this.form.getByRole("button", { name: "Sign in" }).click();
  }
}

/** The signed-in shell around every page: navigation, who is signed in, sign-out. */
export class Shell {
  readonly nav: Locator;
  readonly role: Locator;
  readonly signOut: Locator;
  /** Shown instead of a page the role does not allow. */
  readonly notAllowed: Locator;

  constructor(private readonly page: Page) {
    this.nav = page.getByRole("navigation", { name: "Main" });
    this.notAllowed = page.getByTestId("not-allowed");
    this.role = page.getByTestId("role");
    this.signOut = page.getByTestId("sign-out");
  }

  /** The main navigation's link to a page. */
  link(name: string): Locator {
    return this.nav.getByRole("link", { name, exact: true });
  }
}

/** The change-password page (`/password`). */
export class PasswordPage {
  readonly form: Locator;

  constructor(page: Page) {
    this.form = page.getByTestId("password-form");
  }

  async change(current: string, next: string) {
    await this.form.getByLabel("Current password").fill(current);
    await this.form.getByLabel(/New password \(/).fill(next);
    await this.form.getByLabel("New password again").fill(next);
    await this.form.getByRole("button", { name: "Change password" }).click();
  }
}

/** Runs one statement on the e2e database. */
export function sql(statement: string): void {
  execFileSync("python3", [join(__dirname, "..", "sql.py"), process.env.E2E_DATABASE_URL ?? "", statement]);
}

/** The `next` link of the sign-in page's URL. */
export function nextOf(url: string): string | null {
  return new URL(url).searchParams.get("next");
}
