import { expect, test, type Page } from "@playwright/test";
import { MentionsPage } from "../pages/mentions";
import { OverviewPage } from "../pages/overview";
import { APP_HEADERS, signIn } from "../pages/session";
import { thousands } from "./oracle";

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
    const list = new MentionsPage(page);
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
    const list = new MentionsPage(page);
    await list.loaded();
    const dayList = page.url();
    const row = list.rows.first();
    const id = await row.getAttribute("data-mention-id");

    await row.getByTestId("override").selectOption("positive");
    await expect(row.getByTestId("mention-sentiment")).toHaveText("Positive");
    await expect(row.getByTestId("mention-origin")).toContainText("set by hand (Resonance: score -0.");

    await page.reload();
    await list.loaded();
    await expect(list.row(id)).toHaveCount(0);
    await expect(list.scope).toContainText(`${thousands(before - 1)} mentions`);
    await list.tabs.getByRole("link", { name: "Positive" }).click();
    await list.loaded();
    const moved = list.row(id);
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
    await list.row(id).getByTestId("override").selectOption("");
    await expect(list.row(id).getByTestId("mention-sentiment")).toHaveText("Negative");
    await page.goto(dayList);
    await list.loaded();
    await expect(list.scope).toContainText(`${thousands(before)} mentions`);
  });

  test("a viewer reads the list but cannot set sentiment", async ({ page }) => {
    await signIn(page, "viewer");
    const list = new MentionsPage(page);
    await list.goto();
    await list.loaded();
    await expect(list.rows.first()).toBeVisible();
    await expect(list.overrides()).toHaveCount(0);
    const id = Number(await list.rows.first().getAttribute("data-mention-id"));
    const res = await page.request.post("/api/mention-sentiment", {
      data: { change: { mention_id: id, sentiment: "Positive" } },
      headers: APP_HEADERS,
    });
    expect(res.status()).toBe(403);
  });

  test("an invalid range is refused with a clear message", async ({ page }) => {
    await signIn(page, "viewer");
    const list = new MentionsPage(page);
    await list.goto("?from=2026-05-01&to=2026-01-01");
    await expect(list.errorState).toContainText("ends (2026-01-01) before it starts (2026-05-01)");
  });
});
