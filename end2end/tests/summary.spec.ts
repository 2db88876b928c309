import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO, SignInPage, signIn } from "../pages/session";
import { SummaryPage } from "../pages/summary";
import { oracle } from "./oracle";

/** `pdfinfo` of some PDF bytes (poppler-utils, installed by .ci/install.sh test). */
function pdf(tool: "pdfinfo" | "pdftotext", bytes: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), "summary-")), "s.pdf");
  writeFileSync(file, bytes);
  return execFileSync(tool, tool === "pdftotext" ? [file, "-"] : [file], { encoding: "utf8" });
}

function pages(bytes: Buffer): number {
  return Number(/Pages:\s+(\d+)/.exec(pdf("pdfinfo", bytes))?.[1] ?? "0");
}

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Net sentiment as the page writes it: one decimal, a true minus. */
function score(v: number): string {
  return v.toFixed(1).replace("-", "−");
}

test.describe("executive summary", () => {
  test("an executive signs in and lands on the summary, whose figures match the raw rows", async ({ page }) => {
    await page.goto("/sign-in");
    await new SignInPage(page).signIn(DEMO.executive.email, DEMO.executive.password);
    await expect(page).toHaveURL(/\/summary$/);
    const summary = new SummaryPage(page);
    await summary.loaded();
    await expect(page.getByRole("link", { name: "Executive summary" })).toHaveAttribute("aria-current", "page");
    await expect(summary.tiles).toHaveCount(8);

    // the last full month, against the month before
    const now = new Date();
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
    const o = oracle(ymd(first), ymd(last));
    expect(o.mentions).toBeGreaterThan(0);
    const net = ((o.positive - o.negative) / (o.positive + o.negative)) * 100;
    await expect(summary.tile("net-sentiment").locator(".report-value")).toHaveText(score(net));
    const sov = (o.mentions / o.all_brands) * 100;
    await expect(summary.tile("share-of-voice").locator(".report-value")).toHaveText(`${sov.toFixed(1)} %`);
    // every tile says what it means
    for (const t of await summary.tiles.all()) {
      expect((await t.getAttribute("title"))?.length ?? 0).toBeGreaterThan(20);
    }
    const sentences = await summary.sentences();
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(6);
    expect(sentences[0]).toContain(`to ${net > 0 ? "+" : ""}${score(net)}`);
  });

  test("switching to a quarter changes the period, the figures and the narrative", async ({ page }) => {
    await signIn(page, "executive");
    const summary = new SummaryPage(page);
    await summary.goto();
    await summary.loaded();
    const month = await summary.narrative.innerText();
    const monthPeriod = await summary.period.innerText();
    await summary.kind("quarter").click();
    await expect(page).toHaveURL(/period=quarter/);
    await expect(summary.period).not.toHaveText(monthPeriod);
    await summary.loaded();
    await expect(summary.narrative).not.toHaveText(month);
    // the quarter before the last full one, from the drop-down ("last full one", this quarter, …)
    const options = summary.which.locator("option");
    const second = await options.nth(3).getAttribute("value");
    await summary.which.selectOption(second ?? "");
    // each option holds the address it leads to
    expect(second).toMatch(/^\/summary\?period=quarter&of=\d{4}-Q\d$/);
    await expect(page).toHaveURL((u) => `${u.pathname}${u.search}` === second);
    await summary.loaded();
    await expect(summary.kind("quarter")).toHaveAttribute("aria-current", "true");
    // same period last year: the demo's year holds no data then, and the page says so
    await page.getByTestId("summary-compare").selectOption({ label: "Same period last year" });
    await expect(page).toHaveURL(/compare=year/);
    await summary.loaded();
    await expect(summary.tile("net-sentiment").locator(".report-change")).toHaveText("no comparison data");
  });

  test("the month, the quarter and the year each print on one A4 page", async ({ page }) => {
    await signIn(page, "executive");
    const summary = new SummaryPage(page);
    for (const period of ["month", "quarter", "ytd"]) {
      await summary.goto(period === "month" ? "" : `?period=${period}`);
      await summary.loaded();
      await page.emulateMedia({ media: "print" });
      await expect(page.locator(".app-header")).toBeHidden();
      await expect(page.getByTestId("summary-print")).toBeHidden();
      const printed = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      expect(pages(printed), period).toBe(1);
      const info = pdf("pdfinfo", printed);
      expect(info, period).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
      // charts are vectors: the text of their axes is text, not pixels
      expect(pdf("pdftotext", printed)).toContain("Share of voice");
      await page.emulateMedia({ media: "screen" });
    }
  });

  test("the PDF and CSV downloads carry the page's period and narrative", async ({ page }) => {
    await signIn(page, "executive");
    const summary = new SummaryPage(page);
    await summary.goto("?period=quarter");
    await summary.loaded();
    const period = await summary.period.innerText();
    const first = (await summary.sentences())[0];
    const [download] = await Promise.all([page.waitForEvent("download"), summary.pdf.click()]);
    expect(download.suggestedFilename()).toMatch(/-summary-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf$/);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(pages(bytes)).toBe(1);
    const text = pdf("pdftotext", bytes).replace(/\s+/g, " ");
    expect(text).toContain(period);
    expect(text).toContain(first);
    const [csv] = await Promise.all([page.waitForEvent("download"), summary.csv.click()]);
    const rows = readFileSync(await csv.path(), "utf8");
    expect(rows.split("\n")[0]).toBe("section,item,value,previous,unit,period,compared with");
    expect(rows).toContain("headline,Net sentiment,");
  });

  test("an admin sets targets, each tile shows its progress, the print stays one page, and clearing removes them", async ({ page }) => {
    await signIn(page, "admin");
    const summary = new SummaryPage(page);
    await summary.goto("?period=quarter");
    await summary.loaded();
    const open = async () => {
      await page.getByTestId("targets-panel").locator("summary").click();
    };
    // saving answers, then the report is fetched again and replaces the (closed) panel
    const save = async () => {
      await Promise.all([
        page.waitForResponse((r) => r.url().includes("/api/summary?")),
        page.getByTestId("targets-save").click(),
      ]);
      await expect(page.getByTestId("targets-panel")).not.toHaveAttribute("open");
    };
    // a wrong value is refused with its reason, and nothing is saved
    await open();
    await page.getByTestId("target-input-net-sentiment").fill("lots");
    await save();
    await expect(page.getByTestId("targets-error")).toContainText("is not a number");
    await expect(page.getByTestId("target-net-sentiment")).toHaveCount(0);

    await open();
    await page.getByTestId("target-input-net-sentiment").fill("40");
    await page.getByTestId("target-input-earned-reach").fill("10 000 000");
    await page.getByTestId("targets-panel").screenshot({ path: "test-results/screens/summary-targets-form.png" });
    await save();
    await expect(page.getByTestId("targets-saved")).toBeVisible();
    // the last full quarter's net sentiment from the raw rows, and its distance to +40.0
    const now = new Date();
    const q = Math.floor(now.getUTCMonth() / 3);
    const o = oracle(ymd(new Date(Date.UTC(now.getUTCFullYear(), 3 * q - 3, 1))), ymd(new Date(Date.UTC(now.getUTCFullYear(), 3 * q, 0))));
    const net = ((o.positive - o.negative) / (o.positive + o.negative)) * 100;
    const gap = net >= 40 ? `met, ${(net - 40).toFixed(1)} pts above` : `${(40 - net).toFixed(1)} pts to go`;
    await expect(page.getByTestId("target-net-sentiment")).toHaveText(`Target +40.0 · ${gap}`);
    await expect(page.getByTestId("target-earned-reach")).toHaveText(/^Target [\d.,]+( [kMB])? · [\d.,]+ % of it$/);
    await expect(page.getByTestId("target-earned-reach").locator("meter")).toHaveCount(1);
    await expect(page.getByTestId("target-roi")).toHaveCount(0);
    await page.screenshot({ path: "test-results/screens/summary-targets.png", fullPage: true });
    await page.emulateMedia({ media: "print" });
    const printed = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pages(printed)).toBe(1);
    expect(pdf("pdftotext", printed)).toContain("Target +40.0");
    await page.emulateMedia({ media: "screen" });
    // the server's PDF carries the same target lines
    const served = await page.request.get("/api/summary.pdf?period=quarter");
    const bytes = Buffer.from(await served.body());
    writeFileSync("test-results/screens/summary-targets.pdf", bytes);
    expect(pages(bytes)).toBe(1);
    expect(pdf("pdftotext", bytes).replace(/\s+/g, " ")).toContain(`Target +40.0 · ${gap}`);

    // an executive sees the progress but not the form
    await page.context().clearCookies();
    await signIn(page, "executive");
    await summary.goto("?period=quarter");
    await summary.loaded();
    await expect(page.getByTestId("target-net-sentiment")).toBeVisible();
    await expect(page.getByTestId("targets-panel")).toHaveCount(0);

    // cleared by the admin: no target lines remain
    await page.context().clearCookies();
    await signIn(page, "admin");
    await summary.goto("?period=quarter");
    await summary.loaded();
    await open();
    await page.getByTestId("target-input-net-sentiment").fill("");
    await page.getByTestId("target-input-earned-reach").fill("");
    await save();
    await expect(page.getByTestId("targets-saved")).toBeVisible();
    await expect(page.locator(".report-target")).toHaveCount(0);
  });

  test("viewers and team leads neither see nor open the summary", async ({ page }) => {
    for (const role of ["viewer", "team_lead"] as const) {
      await page.context().clearCookies();
      await signIn(page, role);
      await page.goto("/");
      await expect(page.getByRole("link", { name: "Overview" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Executive summary" })).toHaveCount(0);
      await page.goto("/summary");
      await expect(page.getByTestId("not-allowed")).toBeVisible();
      const res = await page.request.get("/api/summary.pdf?period=quarter");
      expect(res.status()).toBe(403);
    }
  });

  test("a share link opens the one summary for someone without an account, until it is revoked", async ({ page, browser }) => {
    await signIn(page, "executive");
    const summary = new SummaryPage(page);
    await summary.goto("?period=quarter");
    await summary.loaded();
    const period = await summary.period.innerText();
    await page.getByTestId("share-panel").locator("summary").click();
    await page.getByTestId("share-days").fill("7");
    await page.getByTestId("share-days").dispatchEvent("change");
    await page.getByTestId("share-create").click();
    const url = await page.getByTestId("share-url").inputValue();
    expect(url).toMatch(/\/share\/[0-9a-f]{64}$/);
    await expect(page.getByTestId("share-link")).toHaveCount(1);

    // a fresh browser: no session, no account
    const stranger = await browser.newContext();
    const shared = await stranger.newPage();
    await shared.goto(url);
    await expect(shared.getByTestId("report-period")).toHaveText(period);
    await expect(shared.getByTestId("narrative")).toBeVisible();
    await expect(shared.locator(".app-header, .app-nav, script")).toHaveCount(0);
    await expect(shared.getByTestId("share-note")).toContainText("read-only");
    // its token opens nothing else
    const token = url.split("/share/")[1];
    for (const path of ["/api/summary?query=%3Fperiod%3Dquarter", "/api/overview", "/api/mentions", "/api/me", "/api/summary.pdf?period=quarter"]) {
      const res = await shared.request.get(path, { headers: { cookie: `resonance_session=${token}` } });
      expect(res.status(), path).toBe(401);
    }
    await shared.screenshot({ path: "test-results/screens/summary-shared.png", fullPage: true });

    // the opening is counted; revoking it refuses the next visit
    await page.reload();
    await page.getByTestId("share-panel").locator("summary").click();
    await expect(page.getByTestId("share-link").first().locator("td").nth(5)).toHaveText("1");
    await page.getByTestId("share-revoke").first().click();
    await expect(page.getByTestId("share-link").first()).toContainText("ended");
    const again = await shared.goto(url);
    expect(again?.status()).toBe(410);
    await expect(shared.getByTestId("share-state")).toContainText("revoked");
    await stranger.close();
  });
});
