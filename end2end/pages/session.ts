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

/** Runs one statement on the e2e database. */
export function sql(statement: string): void {
  execFileSync("python3", [join(__dirname, "..", "sql.py"), process.env.E2E_DATABASE_URL ?? "", statement]);
}

/** The `next` link of the sign-in page's URL. */
export function nextOf(url: string): string | null {
  return new URL(url).searchParams.get("next");
}
