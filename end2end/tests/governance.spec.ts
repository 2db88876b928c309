import { expect, test } from "@playwright/test";
import { GovernancePage, dayLong, governanceOracle } from "../pages/governance";
import { addDays } from "./oracle";
import { APP_HEADERS, signIn } from "../pages/session";

const RISKS = ["orphaned", "unofficial", "no_custodian", "no_backup", "dormant", "review_overdue"];

test.describe("account governance", () => {
  test("the matrix shows the demo's gaps and risks with the counts the raw rows give", async ({ page }) => {
    await signIn(page, "manager");
    const gov = new GovernancePage(page);
    await gov.goto();
    await expect(gov.matrix).toBeVisible();
    const oracle = governanceOracle();
    // the global hub first, then every market
    await expect(page.getByTestId("matrix-row").first()).toHaveAttribute("data-market", "hub");
    await expect(gov.gaps).toHaveCount(oracle.gaps);
    expect(oracle.gaps).toBeGreaterThan(0);
    expect(await gov.tileCount("any")).toBe(oracle.at_risk);
    for (const risk of RISKS) {
      expect(await gov.tileCount(risk), risk).toBe(oracle.counts[risk]);
      // each flag in the matrix is one account with that risk
      await expect(gov.matrix.locator(`[data-risk="${risk}"]`), risk).toHaveCount(oracle.counts[risk]);
    }
    expect(oracle.counts.orphaned).toBeGreaterThan(0);
    expect(oracle.counts.dormant).toBeGreaterThan(0);
    await expect(gov.matrix).toContainText("Hub");
    await expect(gov.matrix).toContainText("Local");
    await page.screenshot({ path: "test-results/screens/governance-matrix.png", fullPage: true });

    // a tile opens the register filtered to its risk, most severe first; the state is the URL
    await page.locator('[data-testid=risk-tile][data-risk="orphaned"]').click();
    await expect(page).toHaveURL(/view=register&risk=orphaned/);
    await expect(gov.registerRows).toHaveCount(oracle.counts.orphaned);
    await page.goto("/governance?view=register");
    await expect(gov.registerRows.first()).toHaveAttribute("data-risk", "orphaned");
    const total = RISKS.reduce((n, r) => n + oracle.counts[r], 0);
    await expect(gov.registerRows).toHaveCount(total);
    await page.screenshot({ path: "test-results/screens/governance-register.png", fullPage: true });
    // ordered by account instead, and back
    await page.getByTestId("sort-account").click();
    await expect(page).toHaveURL(/sort=account&dir=asc/);
    // the filters narrow the matrix and live in the URL
    await page.goto("/governance");
    await page.getByTestId("filter-status").selectOption({ label: "Unofficial" });
    await expect(page).toHaveURL(/status=unofficial/);
    await expect(page.getByTestId("matrix-account")).toHaveCount(oracle.counts.unofficial);
    // the CSVs hold what the filters show
    const csv = await page.request.get("/api/governance.csv?table=register&risk=dormant");
    expect(csv.status()).toBe(200);
    expect((await csv.text()).trim().split("\n").length).toBe(1 + oracle.counts.dormant);
  });

  test("a manager hands a person's accounts over; the history keeps who, when and why", async ({ page }) => {
    await signIn(page, "manager");
    const gov = new GovernancePage(page);
    await gov.goto("?view=people");
    await expect(gov.people).toBeVisible();
    await page.screenshot({ path: "test-results/screens/governance-people.png", fullPage: true });
    const row = page.getByTestId("person-row").filter({ hasText: "with the company" }).filter({ has: page.getByTestId("handover-link") }).first();
    const name = (await row.locator(".cell-main").textContent()) ?? "";
    await row.getByTestId("handover-link").click();
    const form = page.getByTestId("handover");
    await expect(form).toContainText(`Hand over ${name}`);
    const duties = form.getByTestId("handover-duty");
    const n = await duties.count();
    expect(n).toBeGreaterThan(0);
    // every duty to the first person offered (someone with the company)
    for (let i = 0; i < n; i++) {
      await duties.nth(i).locator("select").selectOption({ index: 1 });
    }
    const account = await duties.first().getAttribute("data-account");
    await page.screenshot({ path: "test-results/screens/governance-handover.png", fullPage: true });
    // a reason is needed
    page.on("dialog", (d) => d.accept());
    await form.getByTestId("handover-reason").fill("Left the company at the end of November");
    await form.getByTestId("handover-save").click();
    await expect(gov.done).toContainText(`${name} is marked as left; all ${n} duties were handed over.`);
    await gov.goto("?view=people");
    await expect(page.getByTestId("person-row").filter({ hasText: name })).toContainText("left on");
    // the account's history names the change and its reason
    await gov.goto(`?account=${account}`);
    await expect(page.getByTestId("history-row").first()).toContainText("Left the company at the end of November");
    await expect(page.getByTestId("history-row").first()).toContainText("manager@demo.resonance");
  });

  test("a manager opens an access review round; it lists each team's accounts to confirm", async ({ page }) => {
    await signIn(page, "manager");
    const gov = new GovernancePage(page);
    await gov.goto("?view=reviews");
    await expect(page.getByTestId("no-round")).toBeVisible();
    // a due day in the past is refused, with the field named
    await page.getByTestId("round-due").fill("2001-01-01");
    await page.getByTestId("round-open").click();
    await expect(gov.error).toContainText("Due on");
    await page.getByTestId("round-name").fill("Year-end access review");
    await page.getByTestId("round-due").fill(addDays(governanceOracle().today, 21));
    await page.getByTestId("round-open").click();
    await expect(gov.done).toContainText("Year-end access review is open");
    await expect(page.getByTestId("round")).toContainText("Year-end access review");
    await expect(page.getByTestId("round-team").first()).toBeVisible();
    await page.screenshot({ path: "test-results/screens/governance-reviews.png", fullPage: true });
  });

  test("a team lead confirms a review of their own team's account and is refused another team's", async ({ page }) => {
    await signIn(page, "team_lead");
    const gov = new GovernancePage(page);
    // the round asks the lead's team first
    await gov.goto("?view=reviews");
    const mine = page.getByTestId("round-team").first();
    await expect(mine).toContainText("Germany Team");
    const before = (await mine.getByTestId("round-team-progress").textContent()) ?? "";
    await gov.goto();
    await expect(gov.matrix).toBeVisible();
    // the lead's own account (the German accounts are the Germany Team's): the form is live
    const own = page.locator('[data-testid=matrix-row][data-market="DE"] [data-testid=matrix-account]').first();
    const ownId = await own.getAttribute("data-account");
    await own.getByTestId("account-link").click();
    await expect(gov.account).toBeVisible();
    await expect(page.getByTestId("account-save")).toBeEnabled();
    await page.getByTestId("account-form").locator('input[name="reason"]').fill("Quarterly review: all correct");
    await page.getByTestId("account-save").click();
    await expect(gov.done).toContainText("saved and marked reviewed today");
    await expect(page.getByTestId("account-risk").filter({ hasText: "Review overdue" })).toHaveCount(0);
    await expect(gov.account).toContainText(`last reviewed ${dayLong(governanceOracle().today)}`);
    await expect(page.getByTestId("history-row").first()).toContainText("Quarterly review: all correct");
    await page.screenshot({ path: "test-results/screens/governance-account.png", fullPage: true });
    // the round counts the confirmation for the team
    await gov.goto("?view=reviews");
    const confirmed = (text: string) => Number(text.trim().split(/\s+/)[0]);
    const after = (await page.getByTestId("round-team").first().getByTestId("round-team-progress").textContent()) ?? "";
    expect(confirmed(after)).toBe(confirmed(before) + 1);

    // another team's account: read only on the page, refused by the server
    await gov.goto();
    const other = page.locator('[data-testid=matrix-row][data-market="FR"] [data-testid=matrix-account]').first();
    const otherId = await other.getAttribute("data-account");
    expect(otherId).not.toBe(ownId);
    await other.getByTestId("account-link").click();
    await expect(gov.account).toBeVisible();
    await expect(page.getByTestId("account-save")).toBeDisabled();
    await expect(page.getByTestId("account-form")).toContainText("belongs to another team");
    const answer = await page.request.post("/api/governance-update", {
      headers: APP_HEADERS,
      data: { form: `account=${otherId}&status=official&reason=sneaky` },
    });
    expect(answer.status()).toBe(403);
    expect(await answer.text()).toContain("team leads change only their own team's accounts");
  });

  test("an admin sets the rules' days and the risks follow them", async ({ page }) => {
    await signIn(page, "admin");
    const gov = new GovernancePage(page);
    await gov.goto();
    await expect(gov.matrix).toBeVisible();
    const rules = page.getByTestId("rules");
    await rules.locator("summary").click();
    await rules.getByTestId("rules-dormant").fill("0");
    await rules.getByTestId("rules-save").click();
    await expect(gov.error).toContainText("Dormant after");
    await rules.getByTestId("rules-dormant").fill("3650");
    await rules.getByTestId("rules-save").click();
    await expect(gov.done).toContainText("dormant after 3650 days");
    await expect.poll(() => gov.tileCount("dormant")).toBe(governanceOracle().counts.dormant);
    // back to the default
    await page.getByTestId("rules").locator("summary").click();
    await page.getByTestId("rules-dormant").fill("90");
    await page.getByTestId("rules-save").click();
    await expect(gov.done).toContainText("dormant after 90 days");
    await expect.poll(() => gov.tileCount("dormant")).toBe(governanceOracle().counts.dormant);
  });

  test("a possibly unofficial account found in the mentions is registered, another dismissed", async ({ page }) => {
    await signIn(page, "manager");
    const gov = new GovernancePage(page);
    const before = governanceOracle().counts.unofficial;
    await gov.goto("?view=found");
    const rows = page.getByTestId("found-row");
    await expect(rows.first()).toBeVisible();
    // the registered fan account is not offered again
    await expect(page.locator('[data-testid=found-row][data-handle="voltaro_fans_nl"]')).toHaveCount(0);
    await page.screenshot({ path: "test-results/screens/governance-found.png", fullPage: true });
    const deals = page.locator('[data-testid=found-row][data-handle="voltaro_deals"]');
    await deals.getByTestId("found-register").click();
    await expect(gov.done).toContainText("@voltaro_deals is registered as an unofficial account");
    await expect(deals).toHaveCount(0);
    const reseller = page.locator('[data-testid=found-row][data-handle="voltaro_ebikes_uk"]');
    await reseller.getByTestId("found-dismiss").click();
    await expect(gov.done).toContainText("dismissed");
    await expect(reseller).toHaveCount(0);
    // the new account is in the matrix with its risk, and the counts follow the raw rows
    await gov.goto();
    await expect(gov.matrix.getByRole("link", { name: "@voltaro_deals", exact: true })).toBeVisible();
    expect(governanceOracle().counts.unofficial).toBe(before + 1);
    expect(await gov.tileCount("unofficial")).toBe(before + 1);
  });
});
