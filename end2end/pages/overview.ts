import { expect, type Locator, type Page } from "@playwright/test";

/** The overview page, by roles and test ids. */
export class OverviewPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly period: Locator;
  readonly mentionsChart: Locator;
  readonly engagementChart: Locator;
  readonly errorState: Locator;
  readonly emptyState: Locator;
  /** What a workspace without a brand, or without data, shows instead of the overview. */
  readonly firstRun: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByTestId("overview-heading");
    this.period = page.getByTestId("period");
    this.mentionsChart = page.getByTestId("chart-mentions");
    this.engagementChart = page.getByTestId("chart-engagement");
    this.errorState = page.getByTestId("error-state");
    this.emptyState = page.getByTestId("empty-state");
    this.firstRun = page.getByTestId("first-run");
  }

  async goto(query = "") {
    await this.page.goto(`/${query}`);
  }

  /** Waits until the figures for the current URL are on screen. */
  async loaded() {
    await expect(this.heading).toBeVisible();
    await expect(this.page.locator(".loadable.is-pending")).toHaveCount(0);
  }

  tile(token: string): Locator {
    return this.page.getByTestId(`tile-${token}`);
  }

  /** The shown (compact) value of a tile. */
  async tileValue(token: string): Promise<string> {
    return (await this.tile(token).getByTestId("tile-value").innerText()).trim();
  }

  /** The exact value of a tile, from its hover title. */
  async tileExact(token: string): Promise<string> {
    return (await this.tile(token).getByTestId("tile-value").getAttribute("title")) ?? "";
  }

  /** A drop-down of the filter bar: `market`, `platform`, `compare` or `brand`. */
  filter(name: "market" | "platform" | "compare" | "brand"): Locator {
    return this.page.getByTestId(name);
  }

  preset(token: string): Locator {
    return this.page.getByTestId(`preset-${token}`);
  }

  chartBars(chart: Locator): Locator {
    return chart.locator(".ct-trigger");
  }

  legendItem(chart: Locator, name: string): Locator {
    return chart.getByRole("button", { name, exact: true });
  }

  readout(chart: Locator): Locator {
    return chart.getByTestId("chart-readout");
  }
}
