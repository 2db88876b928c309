import { expect, test } from "@playwright/test";
import { OverviewPage } from "../pages/overview";
import { signIn } from "../pages/session";
import { addDays, oracle, thousands } from "./oracle";

test.describe("overview", () => {
  test.beforeEach(async ({ page }) => signIn(page, "manager"));

  test("shows the demo figures, as counted from the raw rows", async ({ page }) => {
    const last = oracle("2000-01-01", "2100-01-01").last_day;
    const from = addDays(last, -29);
    const expected = oracle(from, last);
    expect(expected.mentions).toBeGreaterThan(1000);

    const overview = new OverviewPage(page);
    await overview.goto(`?range=custom&from=${from}&to=${last}`);
    await overview.loaded();
    await expect(overview.heading).toContainText("Voltaro");
    expect(await overview.tileExact("mentions")).toBe(thousands(expected.mentions));
    expect(await overview.tileExact("engagements")).toBe(thousands(expected.engagements));
    const sov = (100 * expected.mentions) / expected.all_brands;
    expect(await overview.tileExact("share-of-voice")).toBe(`${sov.toFixed(3)} %`);
    const net = (100 * (expected.positive - expected.negative)) / (expected.positive + expected.negative);
    expect(await overview.tileExact("net-sentiment")).toBe(net.toFixed(3));
    // 30 daily bars of three stacked series
    await expect(overview.chartBars(overview.mentionsChart)).toHaveCount(90);
  });

  test("changing the date range changes tiles, chart and URL", async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    await overview.loaded();
    const before = await overview.tileExact("mentions");
    await expect(overview.chartBars(overview.mentionsChart)).toHaveCount(90);

    await overview.preset("7d").click();
    await expect(page).toHaveURL(/\?range=7d$/);
    await overview.loaded();
    await expect(overview.preset("7d")).toHaveAttribute("aria-pressed", "true");
    await expect(overview.chartBars(overview.mentionsChart)).toHaveCount(21);
    expect(await overview.tileExact("mentions")).not.toBe(before);

    await overview.preset("12m").click();
    await expect(page).toHaveURL(/\?range=12m$/);
    await overview.loaded();
    await expect(overview.mentionsChart).toContainText("per week");
  });

  test("filters live in the URL and survive a reload", async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    await overview.loaded();
    await overview.filter("market").selectOption("DE");
    await expect(page).toHaveURL(/market=DE/);
    await overview.loaded();
    await overview.filter("platform").selectOption("instagram");
    await expect(page).toHaveURL(/platform=instagram/);
    await overview.filter("compare").selectOption("year");
    await expect(page).toHaveURL(/compare=year/);
    await overview.loaded();
    const value = await overview.tileExact("mentions");
    const url = page.url();

    await page.reload();
    await overview.loaded();
    expect(page.url()).toBe(url);
    await expect(overview.filter("market")).toHaveValue("DE");
    await expect(overview.filter("platform")).toHaveValue("instagram");
    await expect(overview.filter("compare")).toHaveValue("year");
    expect(await overview.tileExact("mentions")).toBe(value);
    await expect(overview.period).toContainText("same period last year");
  });

  test("hovering a bar reads out its exact value; the legend toggles series", async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto("?range=7d");
    await overview.loaded();
    const chart = overview.mentionsChart;
    const bar = overview.chartBars(chart).first();
    const value = Number(await bar.getAttribute("data-value"));
    await bar.hover();
    await expect(overview.readout(chart)).toContainText(`: ${thousands(value)}`);
    await expect(overview.readout(chart)).toContainText(/Day \d+ \w+ · (Positive|Neutral|Negative)/);

    await overview.legendItem(chart, "Negative").click();
    await expect(overview.legendItem(chart, "Negative")).toHaveAttribute("aria-pressed", "false");
    await expect(overview.chartBars(chart)).toHaveCount(14);
    await overview.legendItem(chart, "Negative").click();
    await expect(overview.chartBars(chart)).toHaveCount(21);
  });

  test("a tile states its definition on hover", async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    await overview.loaded();
    const info = overview.tile("net-sentiment").locator(".info");
    await info.hover();
    await expect(info.getByRole("tooltip")).toBeVisible();
    await expect(info.getByRole("tooltip")).toContainText("neutral mentions excluded");
  });

  test("a failing server function shows the error state", async ({ page }) => {
    const overview = new OverviewPage(page);
    await page.route("**/api/overview**", (route) =>
      route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ Internal: "e2e-0001" }) }),
    );
    await overview.goto();
    await expect(overview.errorState).toBeVisible();
    await expect(overview.errorState).toContainText("The server could not answer");
    await expect(overview.errorState).toContainText("e2e-0001");
    await expect(overview.tile("mentions")).toHaveCount(0);
  });

  test("an invalid range is refused by the server with a clear message", async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto("?range=custom&from=2026-05-01&to=2026-01-01");
    await expect(overview.errorState).toBeVisible();
    await expect(overview.errorState).toContainText("ends (2026-01-01) before it starts (2026-05-01)");
  });

  test("a period without data shows the empty state", async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto("?range=custom&from=2015-01-01&to=2015-01-31");
    await expect(overview.emptyState).toBeVisible();
    await overview.emptyState.getByRole("link", { name: "Show the last 12 months" }).click();
    await expect(page).toHaveURL(/\?range=12m$/);
    await expect(overview.tile("mentions")).toBeVisible();
  });

  test("a workspace without a brand or without data says what is missing and how to add it", async ({ page }) => {
    // the filter options as a new workspace answers them (the server side is tests/it/setup.rs)
    const options = (brands: object[]) => ({
      brands,
      platforms: [],
      markets: [],
      data_extent: null,
      time_zone: "UTC",
    });
    await page.route("**/api/filter-options", (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(options([])) }),
    );
    const overview = new OverviewPage(page);
    await overview.goto();
    await expect(overview.firstRun).toHaveAttribute("data-missing", "brand");
    await expect(overview.firstRun).toContainText("resonance brand add");
    await expect(overview.firstRun).toContainText("resonance setup FILE");
    await expect(overview.firstRun.getByRole("link", { name: "Open the Setup page" })).toHaveAttribute("href", "/setup");
    await expect(overview.tile("mentions")).toHaveCount(0);
    await page.screenshot({ path: "test-results/screens/overview-first-run.png", fullPage: true });

    await page.unroute("**/api/filter-options");
    await page.route("**/api/filter-options", (route) =>
      route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify(options([{ id: 1, name: "Voltaro", is_own: true }])),
      }),
    );
    await overview.goto();
    await expect(overview.firstRun).toHaveAttribute("data-missing", "data");
    await overview.firstRun.getByRole("link", { name: "Import a file" }).click();
    await expect(page).toHaveURL(/\/imports$/);
  });

  test("an unknown page says so and links home", async ({ page }) => {
    await page.goto("/no/such/page");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});
