import { readFileSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ImportsPage } from "../pages/imports";
import { OverviewPage } from "../pages/overview";
import { Shell, signIn } from "../pages/session";
import { addDays, oracle, thousands } from "./oracle";

/** A generic mentions CSV over the last 7 demo days: `rows` rows, every `badEvery`th with a bad date. */
function mentionsFile(path: string, last: string, rows: number, badEvery: number): number {
  const texts = [
    "Das neue Voltaro ist super, ich bin begeistert!",
    "Worst delivery ever, the box arrived broken.",
    "Is the Voltaro shop open on Sunday?",
  ];
  const lines = ["id,platform,published_at,author,author_followers,market,text,reach,likes,comments,shares"];
  let bad = 0;
  for (let i = 1; i <= rows; i++) {
    const day = addDays(last, -(i % 7));
    const date = i % badEvery === 0 ? "someday" : `${day}T${String(8 + (i % 12)).padStart(2, "0")}:15:00Z`;
    if (i % badEvery === 0) bad++;
    lines.push(`e2e-${i},x,${date},e2e_user_${i % 400},${100 + i},DE,"${texts[i % 3]} #${i}",${500 + i},${i % 30},${i % 7},${i % 3}`);
  }
  writeFileSync(path, lines.join("\n") + "\n");
  return bad;
}

test.describe("imports", () => {
  test("a manager uploads a file, sees progress and the summary, downloads the rejects and sees the data in the overview", async ({ page }, info) => {
    await signIn(page, "manager");
    const last = oracle("2000-01-01", "2100-01-01").last_day;
    const overview = new OverviewPage(page);
    await overview.goto("?range=7d");
    await overview.loaded();
    const before = Number((await overview.tileExact("mentions")).replace(/,/g, ""));
    expect(before).toBeGreaterThan(0);

    const rows = 2_100;
    const file = info.outputPath("voltaro-mentions.csv");
    const bad = mentionsFile(file, last, rows, 150);
    await new Shell(page).link("Imports").click();
    const imports = new ImportsPage(page);
    await expect(imports.heading).toBeVisible();
    await imports.upload(file);
    const summary = imports.summary;
    await expect(summary).toBeVisible({ timeout: 60_000 });
    await expect(summary).toContainText("voltaro-mentions.csv — Generic mentions (CSV/JSON)");
    await expect(imports.counts).toHaveText(
      `${thousands(rows)} rows read · ${thousands(rows - bad)} inserted · 0 updated · ${bad} rejected`,
    );

    // the rejects, as CSV: one line per rejected row with its line, column and reason
    const [download] = await Promise.all([page.waitForEvent("download"), imports.rejects.click()]);
    expect(download.suggestedFilename()).toMatch(/^rejects-batch-\d+\.csv$/);
    const csv = readFileSync(await download.path(), "utf8").trim().split("\n");
    expect(csv).toHaveLength(bad + 1);
    expect(csv[0]).toBe("line,column,reason,row");
    expect(csv[1]).toMatch(/^151,published_at,"""someday"" is not a date/);

    // the batch is listed with who imported it
    const latest = imports.latestBatch();
    await expect(latest).toContainText("voltaro-mentions.csv");
    await expect(latest).toContainText("manager@demo.resonance");

    // and the overview counts the new mentions
    await page.getByRole("link", { name: "See the overview" }).click();
    await overview.goto("?range=7d");
    await overview.loaded();
    await expect.poll(() => overview.tileExact("mentions")).toBe(thousands(before + rows - bad));
  });

  test("a file of the wrong kind says why and changes nothing; viewers have no import page", async ({ page }, info) => {
    await signIn(page, "admin");
    const last = oracle("2000-01-01", "2100-01-01").last_day;
    const before = oracle(addDays(last, -365), last).mentions;
    const file = info.outputPath("people.csv");
    writeFileSync(file, "name,email\nAnna,anna@example.com\n");
    const imports = new ImportsPage(page);
    await imports.goto();
    await imports.pick(file);
    await expect(imports.error).toContainText("no known header (found: name, email)");
    await expect(imports.error).toContainText("nothing was imported");
    expect(oracle(addDays(last, -365), last).mentions).toBe(before);

    await page.context().clearCookies();
    await signIn(page, "viewer");
    await page.goto("/");
    const shell = new Shell(page);
    await expect(shell.link("Overview")).toBeVisible();
    await expect(shell.link("Imports")).toHaveCount(0);
    await imports.goto();
    await expect(page.getByText("You do not have access")).toBeVisible();
  });
});
