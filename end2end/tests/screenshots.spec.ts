import { expect, test } from "@playwright/test";
import { ImportsPage } from "../pages/imports";
import { MentionsPage } from "../pages/mentions";
import { OverviewPage } from "../pages/overview";
import { SignInPage, signIn } from "../pages/session";

// Full-page pictures of each state, for a person to look at (end2end/test-results/screens/).
const shots: Array<[string, string]> = [
  ["overview-30d", ""],
  ["overview-12m", "?range=12m"],
  ["overview-de-crisis", "?range=90d&market=DE"],
  ["overview-empty", "?range=custom&from=2015-01-01&to=2015-01-31"],
  ["overview-error", "?range=custom&from=2026-05-01&to=2026-01-01"],
];

test.beforeEach(async ({ page }) => signIn(page, "manager"));

for (const [name, query] of shots) {
  test(`screenshot ${name}`, async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto(query);
    await expect(page.locator("[data-testid=overview-heading], [data-testid=error-state]").first()).toBeVisible();
    await expect(page.locator(".loadable.is-pending")).toHaveCount(0);
    await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  });
}

const pages: Array<[string, string, "admin" | "team_lead" | "manager"]> = [
  ["mentions", "/mentions?sentiment=negative&market=DE", "manager"],
  ["mentions-empty", "/mentions?from=2015-01-01&to=2015-01-31", "manager"],
  ["mentions-campaign", "/mentions?campaign=1&from=2026-03-13&to=2026-04-17", "manager"],
  ["users", "/admin/users", "admin"],
  ["audit", "/admin/audit", "admin"],
  ["governance", "/governance", "team_lead"],
  ["campaigns", "/campaigns", "manager"],
];

for (const [name, path, role] of pages) {
  test(`screenshot ${name}`, async ({ page }) => {
    await signIn(page, role);
    await page.goto(path);
    await expect(page.locator("table.data-table").first()).toBeVisible();
    await expect(page.locator(".loadable.is-pending")).toHaveCount(0);
    await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  });
}

test("screenshot campaigns-compare", async ({ page }) => {
  await page.goto("/campaigns?compare=1,2,3,4");
  await expect(page.getByTestId("compare-table")).toBeVisible();
  await expect(page.getByTestId("lift-chart")).toBeVisible();
  await expect(page.locator(".loadable.is-pending")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/campaigns-compare.png", fullPage: true });
  // the page is tall: its last section on its own, at full size
  await page.getByTestId("top-posts").screenshot({ path: "test-results/screens/campaigns-top-posts.png" });
});

test("screenshot mentions-error", async ({ page }) => {
  const list = new MentionsPage(page);
  await list.goto("?from=2026-05-01&to=2026-01-01");
  await expect(list.errorState).toBeVisible();
  await page.screenshot({ path: "test-results/screens/mentions-error.png", fullPage: true });
});

test.describe("signed out", () => {
  test("screenshot sign-in", async ({ page }) => {
    await page.context().clearCookies();
    await page.goto("/sign-in?next=%2F");
    await expect(new SignInPage(page).form).toBeVisible();
    await page.screenshot({ path: "test-results/screens/sign-in.png", fullPage: true });
  });
});

test("screenshot imports", async ({ page }) => {
  // a real export with rejects, so the summary and the batch list have something to show
  const imports = new ImportsPage(page);
  await imports.goto();
  await imports.pick("../tests/fixtures/import/brandwatch_mentions.csv");
  await expect(imports.summary).toBeVisible();
  await expect(page.locator(".loadable.is-pending")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/imports.png", fullPage: true });
  // and a file that cannot be imported
  await imports.pick("../tests/fixtures/import/zip_bomb.zip");
  await expect(imports.error).toBeVisible();
  await page.screenshot({ path: "test-results/screens/imports-error.png", fullPage: true });
});

for (const [name, query] of [["summary-month", ""], ["summary-quarter", "?period=quarter"], ["summary-ytd", "?period=ytd"]]) {
  test(`screenshot ${name}`, async ({ page }) => {
    await signIn(page, "executive");
    await page.goto(`/summary${query}`);
    await expect(page.getByTestId("report")).toBeVisible();
    await expect(page.locator(".loadable.is-pending")).toHaveCount(0);
    await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
    if (name === "summary-quarter") {
      // the printed page, as the browser prints it
      await page.emulateMedia({ media: "print" });
      await page.screenshot({ path: "test-results/screens/summary-print.png", fullPage: true });
      await page.pdf({ path: "test-results/screens/summary-print.pdf", preferCSSPageSize: true, printBackground: true });
    }
  });
}
