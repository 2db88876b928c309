import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { type Locator, type Page } from "@playwright/test";

/** The governance page (`/governance`), by test ids. */
export class GovernancePage {
  readonly matrix: Locator;
  readonly gaps: Locator;
  readonly register: Locator;
  readonly registerRows: Locator;
  readonly people: Locator;
  readonly account: Locator;
  readonly done: Locator;
  readonly error: Locator;

  constructor(private readonly page: Page) {
    this.matrix = page.getByTestId("matrix");
    this.gaps = page.getByTestId("matrix-gap");
    this.register = page.getByTestId("register");
    this.registerRows = page.getByTestId("register-row");
    this.people = page.getByTestId("people");
    this.account = page.getByTestId("account");
    this.done = page.getByTestId("act-done");
    this.error = page.getByTestId("act-error");
  }

  async goto(query = "") {
    await this.page.goto(`/governance${query}`);
  }

  /** The count tile of a risk (`any` for accounts at risk). */
  tile(risk: string): Locator {
    return this.page.locator(`[data-testid=risk-tile][data-risk="${risk}"] .tile-value`);
  }

  /** The number a tile shows. */
  async tileCount(risk: string): Promise<number> {
    const text = (await this.tile(risk).textContent()) ?? "";
    return Number(text.trim().split(/\s+/)[0]);
  }

  /** An account's page, by its handle as the matrix links it. */
  async openAccount(handle: string) {
    await this.matrix.getByRole("link", { name: `@${handle}`, exact: true }).first().click();
  }
}

export interface GovernanceOracle {
  today: string;
  counts: Record<string, number>;
  at_risk: number;
  accounts: number;
  gaps: number;
}

/** Each risk's count and the matrix's gaps, recomputed from the raw tables (governance_oracle.py). */
export function governanceOracle(): GovernanceOracle {
  const db = process.env.E2E_DATABASE_URL ?? "";
  const out = execFileSync("python3", [join(__dirname, "..", "governance_oracle.py"), db], { encoding: "utf8" });
  return JSON.parse(out) as GovernanceOracle;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `2026-12-07` as the page writes it: `7 Dec 2026`. */
export function dayLong(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
