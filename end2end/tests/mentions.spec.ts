import { expect, test, type Page } from "@playwright/test";
import { OverviewPage } from "../pages/overview";
import { APP_HEADERS, signIn } from "../pages/session";
import { thousands } from "./oracle";

/** The mention list, by test ids. */
function mentionList(page: Page) {
  return {
    table: page.getByTestId("mentions-table"),
    rows: page.getByTestId("mention-row"),
    scope: page.getByTestId("mentions-scope"),
    async loaded() {
      await expect(page.getByTestId("mentions-heading")).toBeVisible();
      await expect(page.locator(".loadable.is-pending")).toHaveCount(0);
      await expect(page.getByTestId("mentions-table")).toBeVisible();
    },
  };
}

/** The manager's last-7-days overview and its latest negative bar, with that bar's count. */
async function latestNegativeBar(page: Page) {
  await signIn(page, "manager");
  const overview = new OverviewPage(page);
  await overview.goto("?range=7d");
  await overview.loaded();
  const bar = overview.mentionsChart.locator('.ct-trigger[data-series="Negative"]').last();
  return { overview, bar, value: Number(await bar.getAttribute("data-value")) };
}

test.describe("mentions", () => {
  test("a bar of the sentiment chart drills down to exactly its mentions", async ({ page }) => {
    const { bar, value } = await latestNegativeBar(page);
    expect(value).toBeGreaterThan(0);
    await bar.click();
    await expect(page).toHaveURL(/\/mentions\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d&brand=1&sentiment=negative/);
    const list = mentionList(page);
    await list.loaded();
    await expect(list.scope).toContainText(`${thousands(value)} mentions`);
    await expect(list.rows).toHaveCount(Math.min(value, 50));
    await expect(list.table.getByTestId("mention-sentiment").filter({ hasNotText: "Negative" })).toHaveCount(0);
    // each row says where its sentiment came from: the scorer, with its score and language
    await expect(list.rows.first().getByTestId("mention-origin")).toContainText(/^(en|de) · scored, score -0\.\d\d/);
    // and which words the score rests on
    await expect(list.rows.first().getByTestId("mention-why")).toContainText(/why: .+ -\d\.\d/);
  });

  test("a manager sets a sentiment by hand; the list and the chart follow, and it can be undone", async ({ page }) => {
    const { overview, bar: negative, value: before } = await latestNegativeBar(page);
    await negative.click();
    const list = mentionList(page);
    await list.loaded();
    const dayList = page.url();
    const row = list.rows.first();
    const id = await row.getAttribute("data-mention-id");

    await row.getByTestId("override").selectOption("positive");
    await expect(row.getByTestId("mention-sentiment")).toHaveText("Positive");
    await expect(row.getByTestId("mention-origin")).toContainText("set by hand (Resonance: score -0.");

    await page.reload();
    await list.loaded();
    await expect(page.locator(`[data-mention-id="${id}"]`)).toHaveCount(0);
    await expect(list.scope).toContainText(`${thousands(before - 1)} mentions`);
    await page.getByTestId("sentiment-tabs").getByRole("link", { name: "Positive" }).click();
    await list.loaded();
    const moved = page.locator(`[data-mention-id="${id}"]`);
    await expect(moved.getByTestId("mention-origin")).toContainText("set by hand");

    await overview.goto("?range=7d");
    await overview.loaded();
    await expect(overview.mentionsChart.locator('.ct-trigger[data-series="Negative"]').last()).toHaveAttribute(
      "data-value",
      String(before - 1),
    );

    // back to the scorer's label
    await page.goto(dayList.replace("sentiment=negative", "sentiment=positive"));
    await list.loaded();
    await page.locator(`[data-mention-id="${id}"]`).getByTestId("override").selectOption("");
    await expect(page.locator(`[data-mention-id="${id}"]`).getByTestId("mention-sentiment")).toHaveText("Negative");
    await page.goto(dayList);
    await list.loaded();
    await expect(list.scope).toContainText(`${thousands(before)} mentions`);
  });

  test("a viewer reads the list but cannot set sentiment", async ({ page }) => {
    await signIn(page, "viewer");
    await page.goto("/mentions");
    const list = mentionList(page);
    await list.loaded();
    await expect(list.rows.first()).toBeVisible();
    await expect(page.getByTestId("override")).toHaveCount(0);
    const id = Number(await list.rows.first().getAttribute("data-mention-id"));
    const res = await page.request.post("/api/mention-sentiment", {
      data: { change: { mention_id: id, sentiment: "Positive" } },
      headers: APP_HEADERS,
    });
    expect(res.status()).toBe(403);
  });

  test("an invalid range is refused with a clear message", async ({ page }) => {
    await signIn(page, "viewer");
    await page.goto("/mentions?from=2026-05-01&to=2026-01-01");
    await expect(page.getByTestId("error-state")).toContainText("ends (2026-01-01) before it starts (2026-05-01)");
  });
});
