import { type Locator, type Page } from "@playwright/test";

/** The account governance page (`/accounts`), by test ids. */
export class AccountsPage {
  readonly rows: Locator;
  readonly editable: Locator;
  readonly readOnly: Locator;
  readonly saveButtons: Locator;
  readonly status: Locator;

  constructor(private readonly page: Page) {
    this.rows = page.getByTestId("account-row");
    this.editable = page.locator('[data-testid=account-row][data-editable="true"]');
    this.readOnly = page.locator('[data-testid=account-row][data-editable="false"]');
    this.saveButtons = page.getByTestId("save-account");
    this.status = page.getByRole("status");
  }

  async goto() {
    await this.page.goto("/accounts");
  }

  /** Sets an editable row's backup owner (`""` for none) and status, and saves it. */
  async edit(row: Locator, change: { backupOwner?: string; status?: string }) {
    if (change.backupOwner !== undefined) await row.getByLabel("Backup owner").selectOption(change.backupOwner);
    if (change.status !== undefined) await row.getByLabel("Status").selectOption(change.status);
    await row.getByTestId("save-account").click();
  }
}
