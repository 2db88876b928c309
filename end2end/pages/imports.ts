import { type Locator, type Page } from "@playwright/test";

/** The Imports page (`/imports`), by test ids. */
export class ImportsPage {
  readonly heading: Locator;
  readonly file: Locator;
  readonly start: Locator;
  readonly summary: Locator;
  readonly counts: Locator;
  readonly rejects: Locator;
  readonly batches: Locator;
  readonly error: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Imports" });
    this.file = page.getByTestId("import-file");
    this.start = page.getByTestId("import-start");
    this.summary = page.getByTestId("import-summary");
    this.counts = page.getByTestId("import-counts");
    this.rejects = page.getByTestId("import-rejects");
    this.batches = page.getByTestId("import-batches");
    this.error = page.getByTestId("import-error");
  }

  async goto() {
    await this.page.goto("/imports");
  }

  /** Picks `path` and starts the import; resolves once the progress bar has appeared. */
  async upload(path: string) {
    await this.file.setInputFiles(path);
    const progress = this.page.waitForSelector('[data-testid="import-progress"]', { state: "attached" });
    await this.start.click();
    await progress;
  }

  /** Picks `path` and starts the import, without waiting for progress (a small or refused file). */
  async pick(path: string) {
    await this.file.setInputFiles(path);
    await this.start.click();
  }

  /** The newest batch in the list of recent imports. */
  latestBatch(): Locator {
    return this.batches.locator("tbody tr").first();
  }
}
