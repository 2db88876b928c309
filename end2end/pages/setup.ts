import { type Locator, type Page } from "@playwright/test";

/** The Setup page (`/setup`): a section per kind of record, each with its table and add form. */
export class SetupPage {
  readonly notice: Locator;
  readonly error: Locator;

  constructor(private readonly page: Page) {
    this.notice = page.getByRole("status");
    this.error = page.getByTestId("setup-error");
  }

  async goto() {
    await this.page.goto("/setup");
  }

  /** The section of `kind`: brands, markets, teams, people or accounts. */
  section(kind: "brands" | "markets" | "teams" | "people" | "accounts"): Locator {
    return this.page.getByTestId(kind);
  }

  form(kind: "brand" | "market" | "team" | "person" | "account"): Locator {
    return this.page.getByTestId(`${kind}-form`);
  }

  /** Fills the labelled fields of a form (text inputs and drop-downs) and sends it. */
  async add(kind: "brand" | "market" | "team" | "person" | "account", fields: Record<string, string>) {
    const form = this.form(kind);
    for (const [label, value] of Object.entries(fields)) {
      const field = form.getByLabel(label, { exact: true });
      if ((await field.evaluate((e) => e.tagName)) === "SELECT") await field.selectOption(value);
      else await field.fill(value);
    }
    await form.getByRole("button").click();
  }
}
