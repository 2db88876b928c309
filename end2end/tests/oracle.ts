import { execFileSync } from "node:child_process";
import { join } from "node:path";

export interface Oracle {
  mentions: number;
  positive: number;
  neutral: number;
  negative: number;
  all_brands: number;
  engagements: number;
  last_day: string;
}

/** Counts from the raw tables of the e2e database (Python's sqlite3, or psql for PostgreSQL). */
export function oracle(from: string, to: string): Oracle {
  const db = process.env.E2E_DATABASE_URL ?? "";
  const out = execFileSync("python3", [join(__dirname, "..", "oracle.py"), db, from, to], { encoding: "utf8" });
  return JSON.parse(out) as Oracle;
}

export interface CampaignOracle {
  mentions: number;
  engagements: number;
  posts: number;
  /** Engagements of its five most engaging posts, most first. */
  top: number[];
}

/** A campaign's attributed mentions, owned-post engagements, posts and top posts' engagements from FROM to TO, from the raw tables. */
export function campaignOracle(id: number, from: string, to: string): CampaignOracle {
  const db = process.env.E2E_DATABASE_URL ?? "";
  const out = execFileSync("python3", [join(__dirname, "..", "oracle.py"), db, from, to, String(id)], { encoding: "utf8" });
  return JSON.parse(out) as CampaignOracle;
}

export function thousands(n: number): string {
  return n.toLocaleString("en-US");
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The own brand's mentions in `markets` from FROM to TO that carry one of `terms` and no import named a campaign for. */
export function termsOracle(terms: string[], markets: string[], from: string, to: string): number {
  const db = process.env.E2E_DATABASE_URL ?? "";
  const args = [join(__dirname, "..", "oracle.py"), db, from, to, `terms=${terms.join(",")}`, `markets=${markets.join(",")}`];
  return (JSON.parse(execFileSync("python3", args, { encoding: "utf8" })) as { mentions: number }).mentions;
}
