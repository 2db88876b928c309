import { expect, type Locator, type Page } from "@playwright/test";

/** The mention list (`/mentions`), by test ids. */
export class MentionsPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly scope: Locator;
  readonly tabs: Locator;
  readonly errorState: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId("mentions-table");
    this.rows = page.getByTestId("mention-row");
    this.scope = page.getByTestId("mentions-scope");
    this.tabs = page.getByTestId("sentiment-tabs");
    this.errorState = page.getByTestId("error-state");
  }

  async goto(query = "") {
    await this.page.goto(`/mentions${query}`);
  }

  /** Waits until the list for the current URL is on screen. */
  async loaded() {
    await expect(this.page.getByTestId("mentions-heading")).toBeVisible();
    await expect(this.page.locator(".loadable.is-pending")).toHaveCount(0);
    await expect(this.table).toBeVisible();
  }

  /** The row of one mention. */
  row(id: string | number | null): Locator {
    return this.page.locator(`[data-mention-id="${id}"]`);
  }

  /** The control that sets a mention's sentiment by hand (managers and admins only). */
  overrides(): Locator {
    return this.page.getByTestId("override");
  }
}
