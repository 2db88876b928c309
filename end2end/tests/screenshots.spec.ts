import { expect, test } from "@playwright/test";
import { OverviewPage } from "../pages/overview";

// Full-page pictures of each state, for a person to look at (end2end/test-results/screens/).
const shots: Array<[string, string]> = [
  ["overview-30d", ""],
  ["overview-12m", "?range=12m"],
  ["overview-de-crisis", "?range=90d&market=DE"],
  ["overview-empty", "?range=custom&from=2015-01-01&to=2015-01-31"],
  ["overview-error", "?range=custom&from=2026-05-01&to=2026-01-01"],
];

for (const [name, query] of shots) {
  test(`screenshot ${name}`, async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto(query);
    await expect(page.locator("[data-testid=overview-heading], [data-testid=error-state]").first()).toBeVisible();
    await expect(page.locator(".loadable.is-pending")).toHaveCount(0);
    await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  });
}
