import { expect, test } from "@playwright/test";
import { OverviewPage } from "../pages/overview";
import { GovernancePage } from "../pages/governance";
import { AuditPage, UsersPage } from "../pages/admin";
import { APP_HEADERS, DEMO, PasswordPage, Shell, SignInPage, nextOf, signIn, sql } from "../pages/session";

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
    const shell = new Shell(page);
    await expect(shell.role).toHaveText("Manager");
    await shell.signOut.click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/governance");
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    expect(nextOf(page.url())).toBe("/governance");
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
    const shell = new Shell(page);
    await expect(shell.role).toHaveText("Viewer");
    await expect(shell.link("Users")).toHaveCount(0);
    for (const path of ["/admin/users", "/admin/audit"]) {
      await page.goto(path);
      await expect(shell.notAllowed).toBeVisible();
    }
    expect((await page.request.get("/api/users")).status()).toBe(403);
    expect((await page.request.get("/api/audit")).status()).toBe(403);
    const create = await page.request.post("/api/user-create", {
      headers: APP_HEADERS,
      data: { form: { email: "sneaky@example.com", name: "Sneaky", role: "admin", team_id: null } },
    });
    expect(create.status()).toBe(403);
    // and the governance page is read-only for a viewer
    const gov = new GovernancePage(page);
    await gov.goto();
    await expect(gov.matrix).toBeVisible();
    await page.getByTestId("account-link").first().click();
    await expect(gov.account).toBeVisible();
    await expect(page.getByTestId("account-save")).toBeDisabled();
    await expect(page.getByTestId("account-form")).toContainText("Read only");
  });

  test("an admin adds a user, who must choose a password; the audit log shows it", async ({ page }) => {
    await signIn(page, "admin");
    const users = new UsersPage(page);
    await users.goto();
    await users.addUser({ email: "nora@example.com", name: "Nora North", role: "executive" });
    await expect(users.oneTimePassword).toBeVisible();
    const password = (await users.oneTimePassword.textContent()) ?? "";
    await expect(users.row("nora@example.com")).toBeVisible();

    const audit = new AuditPage(page);
    await audit.goto();
    await audit.action.selectOption("user.created");
    await expect(audit.rows.first()).toBeVisible();
    for (const action of await audit.rows.locator("code").allTextContents()) {
      expect(action).toBe("user.created");
    }
    await expect(audit.table).toContainText("nora@example.com");
    // a filter that matches nothing says so
    await audit.dates("2001-01-01", "2001-01-02");
    await expect(audit.empty).toHaveText("No entries match these filters.");

    const shell = new Shell(page);
    await shell.signOut.click();
    await new SignInPage(page).signIn("nora@example.com", password);
    await expect(page).toHaveURL(/\/password/);
    await new PasswordPage(page).change(password, "nora's own passphrase");
    // an executive lands on the executive summary
    await expect(page).toHaveURL(/\/summary$/);
    await expect(page.getByTestId("report")).toBeVisible();
    await expect(shell.role).toHaveText("Executive");
  });
});
