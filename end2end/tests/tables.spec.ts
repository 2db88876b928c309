import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { AuditPage } from "../pages/admin";
import { signIn } from "../pages/session";

test.describe("data tables", () => {
  test("a header sorts the rows, again reverses them, and the CSV holds the rows as shown", async ({ page }) => {
    await signIn(page, "admin");
    // a few entries by different users, so there is something to sort
    await signIn(page, "viewer");
    await signIn(page, "admin");
    const audit = new AuditPage(page);
    await audit.goto();
    await expect(audit.rows.first()).toBeVisible();
    const byColumn = () => audit.rows.locator("td:nth-child(3)").allTextContents();
    const shown = await byColumn();
    expect(new Set(shown).size).toBeGreaterThan(1);

    await audit.sortBy("By").click();
    await expect(audit.table.locator("th[aria-sort=ascending]")).toHaveCount(1);
    const ascending = await byColumn();
    // by code point, case aside; a stable sort, so equal cells keep their order
    const cmp = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
    expect(ascending).toEqual([...shown].sort(cmp));
    await audit.sortBy("By").click();
    await expect(audit.table.locator("th[aria-sort=descending]")).toHaveCount(1);
    expect(await byColumn()).toEqual([...shown].sort((a, b) => cmp(b, a)));

    const [download] = await Promise.all([page.waitForEvent("download"), audit.csv().click()]);
    expect(download.suggestedFilename()).toBe("audit-log.csv");
    const lines = readFileSync(await download.path(), "utf8").trim().split("\r\n");
    expect(lines[0]).toBe("When,Action,By,Target,Detail,Address");
    expect(lines).toHaveLength(shown.length + 1);
    // in the order on screen: the third field of each line is the "By" cell
    expect(lines.slice(1).map((l) => l.split(",")[2])).toEqual(await byColumn());
  });
});
