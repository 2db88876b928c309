import { type Locator, type Page } from "@playwright/test";

/** The Users page (`/admin/users`), by test ids and labels. */
export class UsersPage {
  readonly form: Locator;
  readonly oneTimePassword: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByTestId("new-user-form");
    this.oneTimePassword = page.getByTestId("one-time-password").locator("code");
  }

  async goto() {
    await this.page.goto("/admin/users");
  }

  /** Fills and sends the new-user form. */
  async addUser(user: { email: string; name: string; role: string }) {
    await this.form.getByLabel("Email").fill(user.email);
    await this.form.getByLabel("Name").fill(user.name);
    await this.form.getByLabel("Role").selectOption(user.role);
    await this.form.getByRole("button", { name: "Add user" }).click();
  }

  /** The row of the user with `email`. */
  row(email: string): Locator {
    return this.page.locator(`[data-testid=user-row][data-email="${email}"]`);
  }
}

/** The audit log page (`/admin/audit`), by test ids and labels. */
export class AuditPage {
  readonly action: Locator;
  readonly rows: Locator;
  readonly table: Locator;
  readonly empty: Locator;

  constructor(private readonly page: Page) {
    this.action = page.getByTestId("audit-action");
    this.rows = page.getByTestId("audit-row");
    this.table = page.getByTestId("audit-table");
    this.empty = page.getByTestId("audit-empty");
  }

  async goto() {
    await this.page.goto("/admin/audit");
  }

  /** A column header's sort button. */
  sortBy(header: string): Locator {
    return this.table.getByRole("button", { name: header, exact: true });
  }

  /** The table's "Download CSV" button. */
  csv(): Locator {
    return this.page.getByTestId("audit-table-csv");
  }

  /** Narrows the log to the days from `from` to `to` (YYYY-MM-DD). */
  async dates(from: string, to: string) {
    await this.page.getByLabel("From").fill(from);
    await this.page.getByLabel("To").fill(to);
    await this.page.getByLabel("To").blur();
  }
}
