import { expect, test } from "@playwright/test";
import { OverviewPage } from "../pages/overview";
import { APP_HEADERS, DEMO, SignInPage, nextOf, signIn, sql } from "../pages/session";

test.describe("sign-in and roles", () => {
  test("sign in, a wrong password's message, sign out — with no CSP violation", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (m.text().includes("Content Security Policy")) violations.push(m.text());
    });
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    expect(nextOf(page.url())).toBe("/");
    const signInPage = new SignInPage(page);
    await signInPage.signIn(DEMO.manager.email, "not the password");
    await expect(signInPage.error).toHaveText("The email or password is not right.");
    await signInPage.signIn(DEMO.manager.email, DEMO.manager.password);
    const overview = new OverviewPage(page);
    await overview.loaded();
    await expect(page.getByTestId("role")).toHaveText("Manager");
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/accounts");
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    expect(nextOf(page.url())).toBe("/accounts");
    expect(violations).toEqual([]);
  });

  test("an expired session returns to sign-in and back to the same link", async ({ page }) => {
    await signIn(page, "manager");
    const overview = new OverviewPage(page);
    await overview.goto("?range=90d&market=DE");
    await overview.loaded();
    sql("UPDATE sessions SET expires_at = 0");
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    expect(nextOf(page.url())).toBe("/?range=90d&market=DE");
    await expect(page.getByText("Your session has ended")).toBeVisible();
    await new SignInPage(page).signIn(DEMO.manager.email, DEMO.manager.password);
    await overview.loaded();
    expect(new URL(page.url()).search).toBe("?range=90d&market=DE");
  });

  test("a viewer cannot reach admin pages or call admin server functions", async ({ page }) => {
    await signIn(page, "viewer");
    await page.goto("/");
    await expect(page.getByTestId("role")).toHaveText("Viewer");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
    for (const path of ["/admin/users", "/admin/audit"]) {
      await page.goto(path);
      await expect(page.getByTestId("not-allowed")).toBeVisible();
    }
    expect((await page.request.get("/api/users")).status()).toBe(403);
    expect((await page.request.get("/api/audit")).status()).toBe(403);
    const create = await page.request.post("/api/user-create", {
      headers: APP_HEADERS,
      data: { form: { email: "sneaky@example.com", name: "Sneaky", role: "admin", team_id: null } },
    });
    expect(create.status()).toBe(403);
    // and the accounts page is read-only for a viewer
    await page.goto("/accounts");
    await expect(page.getByTestId("account-row").first()).toBeVisible();
    await expect(page.getByTestId("save-account")).toHaveCount(0);
  });

  test("an admin adds a user, who must choose a password; the audit log shows it", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/admin/users");
    const form = page.getByTestId("new-user-form");
    await form.getByLabel("Email").fill("nora@example.com");
    await form.getByLabel("Name").fill("Nora North");
    await form.getByLabel("Role").selectOption("executive");
    await form.getByRole("button", { name: "Add user" }).click();
    const secret = page.getByTestId("one-time-password").locator("code");
    await expect(secret).toBeVisible();
    const password = (await secret.textContent()) ?? "";
    await expect(page.locator('[data-testid=user-row][data-email="nora@example.com"]')).toBeVisible();

    await page.goto("/admin/audit");
    await page.getByTestId("audit-action").selectOption("user.created");
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
    for (const action of await page.getByTestId("audit-row").locator("code").allTextContents()) {
      expect(action).toBe("user.created");
    }
    await expect(page.getByTestId("audit-table")).toContainText("nora@example.com");
    // a filter that matches nothing says so
    await page.getByLabel("From").fill("2001-01-01");
    await page.getByLabel("To").fill("2001-01-02");
    await page.getByLabel("To").blur();
    await expect(page.getByTestId("audit-empty")).toHaveText("No entries match these filters.");

    await page.getByTestId("sign-out").click();
    await new SignInPage(page).signIn("nora@example.com", password);
    await expect(page).toHaveURL(/\/password/);
    const pw = page.getByTestId("password-form");
    await pw.getByLabel("Current password").fill(password);
    await pw.getByLabel(/New password \(/).fill("nora's own passphrase");
    await pw.getByLabel("New password again").fill("nora's own passphrase");
    await pw.getByRole("button", { name: "Change password" }).click();
    await new OverviewPage(page).loaded();
    await expect(page.getByTestId("role")).toHaveText("Executive");
  });

  test("a team lead edits only their own team's accounts", async ({ page }) => {
    await signIn(page, "team_lead");
    await page.goto("/accounts");
    const editable = page.locator('[data-testid=account-row][data-editable="true"]');
    await expect(editable.first()).toBeVisible();
    await expect(editable.first()).toContainText("Germany Team");
    expect(await page.locator('[data-testid=account-row][data-editable="false"]').count()).toBeGreaterThan(0);
    await editable.first().getByLabel("Backup owner").selectOption("");
    await editable.first().getByLabel("Status").selectOption("dormant");
    await editable.first().getByTestId("save-account").click();
    await expect(page.getByRole("status")).toContainText("saved");
    const row = page.locator('[data-testid=account-row][data-editable="true"]').first();
    await expect(row.getByLabel("Status")).toHaveValue("dormant");
  });
});
