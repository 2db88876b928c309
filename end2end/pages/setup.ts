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

  /** The section of `kind`: the workspace settings, brands, markets, teams, people or accounts. */
  section(kind: "workspace" | "brands" | "markets" | "teams" | "people" | "accounts"): Locator {
    return this.page.getByTestId(kind);
  }

  form(kind: "workspace" | "brand" | "market" | "team" | "person" | "account"): Locator {
    return this.page.getByTestId(`${kind}-form`);
  }

  /** Fills the labelled fields of a form (text inputs and drop-downs) and sends it. */
  async add(kind: "workspace" | "brand" | "market" | "team" | "person" | "account", fields: Record<string, string>) {
    const form = this.form(kind);
    for (const [label, value] of Object.entries(fields)) {
      const field = form.getByLabel(label, { exact: true });
      if ((await field.evaluate((e) => e.tagName)) === "SELECT") await field.selectOption(value);
      else await field.fill(value);
    }
    await form.locator("button[type=submit]").click();
  }

  /** Clicks `action` (Edit or Remove) in the row named `name` of a section's table; a removal's
   * confirmation is accepted. */
  async rowAction(kind: "brands" | "markets" | "teams" | "people" | "accounts", name: string, action: "Edit" | "Remove") {
    if (action === "Remove") this.page.once("dialog", (dialog) => dialog.accept());
    await this.section(kind).getByRole("button", { name: `${action} ${name}`, exact: true }).click();
  }
}
