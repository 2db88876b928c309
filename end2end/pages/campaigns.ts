import { expect, type Locator, type Page } from "@playwright/test";

/** The campaigns page (`/campaigns`): the list, the chooser and the comparison, by test ids. */
export class CampaignsPage {
  readonly heading: Locator;
  readonly chooser: Locator;
  readonly hint: Locator;
  readonly list: Locator;
  readonly listRows: Locator;
  readonly comparison: Locator;
  readonly compareTable: Locator;
  readonly timelines: Locator;
  readonly lift: Locator;
  readonly markets: Locator;
  readonly errorState: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByTestId("campaigns-heading");
    this.chooser = page.getByTestId("campaign-chooser");
    this.hint = page.getByTestId("compare-hint");
    this.list = page.getByTestId("campaigns-table");
    this.listRows = page.getByTestId("campaign-row");
    this.comparison = page.getByTestId("comparison");
    this.compareTable = page.getByTestId("compare-table");
    this.timelines = page.getByTestId("timelines");
    this.lift = page.getByTestId("lift");
    this.markets = page.getByTestId("markets");
    this.errorState = page.getByTestId("error-state");
  }

  async goto(query = "") {
    await this.page.goto(`/campaigns${query}`);
  }

  /** Waits until everything the URL asks for is on screen. */
  async loaded() {
    await expect(this.heading).toBeVisible();
    await expect(this.page.locator(".loadable.is-pending")).toHaveCount(0);
    await expect(this.list).toBeVisible();
  }

  /** The chooser's toggle of one campaign. */
  chip(name: string): Locator {
    return this.chooser.getByRole("button", { name, exact: true });
  }

  /** A row of the side-by-side table (`mentions`, `roi`, …). */
  metricRow(token: string): Locator {
    return this.compareTable.locator(`[data-testid=compare-row][data-metric="${token}"]`);
  }

  /** The value cells of a metric's row, one per compared campaign. */
  cells(token: string): Locator {
    return this.metricRow(token).locator("td");
  }

  /** The compared campaigns' names, in column order. */
  async names(): Promise<string[]> {
    return this.compareTable.locator("thead th .cell-strong").allTextContents();
  }

  /** The drill-down link of the n-th compared campaign to its mentions. */
  mentionsLink(n: number): Locator {
    return this.compareTable.getByTestId("campaign-mentions").nth(n);
  }

  timeline(which: "mentions" | "engagements"): Locator {
    return this.page.getByTestId(`timeline-${which}`);
  }
}
