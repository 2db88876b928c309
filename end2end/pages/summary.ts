import { expect, type Locator, type Page } from "@playwright/test";

/** The executive summary page, by test ids. */
export class SummaryPage {
  readonly page: Page;
  readonly report: Locator;
  readonly period: Locator;
  readonly narrative: Locator;
  readonly tiles: Locator;
  readonly pdf: Locator;
  readonly csv: Locator;
  readonly which: Locator;

  constructor(page: Page) {
    this.page = page;
    this.report = page.getByTestId("report");
    this.period = page.getByTestId("report-period");
    this.narrative = page.getByTestId("narrative");
    this.tiles = page.locator(".report-tile");
    this.pdf = page.getByTestId("summary-pdf");
    this.csv = page.getByTestId("summary-csv");
    this.which = page.getByTestId("summary-of");
  }

  async goto(query = "") {
    await this.page.goto(`/summary${query}`);
  }

  kind(token: "month" | "quarter" | "ytd" | "custom"): Locator {
    return this.page.getByTestId(`period-${token}`);
  }

  tile(token: string): Locator {
    return this.page.getByTestId(`tile-${token}`);
  }

  /** Waits until the report for the current URL is on screen. */
  async loaded() {
    await expect(this.report).toBeVisible();
    await expect(this.page.locator(".loadable.is-pending")).toHaveCount(0);
  }

  /** The narrative's sentences. */
  async sentences(): Promise<string[]> {
    const text = (await this.narrative.innerText()).trim();
    return text.split(/(?<=\.)\s+(?=[A-Z0-9])/).filter((s) => s.length > 0);
  }
}
