import { expect, test } from "@playwright/test";
import { SetupPage } from "../pages/setup";
import { Shell, signIn } from "../pages/session";

test.describe("setup", () => {
  test("an admin adds a brand, a team, a person and an account; wrong input is named", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/");
    await new Shell(page).link("Setup").click();
    const setup = new SetupPage(page);
    await expect(setup.section("brands").getByTestId("brand-row").first()).toBeVisible();

    await setup.add("brand", { Name: "Nordwind", "Keywords and hashtags": "nordwind, #nordwind", Colour: "#aa3300" });
    await expect(setup.notice).toContainText("Added brand Nordwind.");
    const brand = setup.section("brands").getByTestId("brand-row").filter({ hasText: "Nordwind" });
    await expect(brand).toContainText("competitor");
    await expect(brand).toContainText("nordwind, #nordwind");

    // wrong input: each problem named, nothing added
    await setup.add("brand", { Name: "Südwind", Colour: "blue" });
    await expect(setup.error).toContainText('Colour: "blue" is not a colour; write it as #rrggbb');
    await expect(setup.section("brands").getByTestId("brand-row").filter({ hasText: "Südwind" })).toHaveCount(0);
    // adding what exists is refused with the way to change it
    await setup.add("brand", { Name: "Nordwind", Colour: "#aa3300" });
    await expect(setup.error).toContainText("exists already");

    await setup.add("team", { Name: "Nordic Team", Kind: "spoke", Market: "DE" });
    await expect(setup.notice).toContainText("Added team Nordic Team.");
    await setup.add("person", { Name: "Liv Berg", Email: "liv.berg@example.com", Team: "Nordic Team" });
    await expect(setup.notice).toContainText("Added person liv.berg@example.com.");
    await setup.add("person", { Name: "No Mail", Email: "not-an-email", Team: "Nordic Team" });
    await expect(setup.error).toContainText('Email: "not-an-email" is not an email address');

    await setup.add("account", {
      Platform: "instagram",
      Handle: "@nordwind_no",
      Brand: "Nordwind",
      "Name on the platform": "Nordwind Norge",
      Team: "Nordic Team",
      Owner: "liv.berg@example.com",
    });
    await expect(setup.notice).toContainText("Added account instagram:nordwind_no.");
    const account = setup.section("accounts").getByTestId("setup-account-row").filter({ hasText: "instagram:nordwind_no" });
    await expect(account).toContainText("Nordwind Norge");
    await expect(account).toContainText("liv.berg@example.com");
    await page.screenshot({ path: "test-results/screens/setup.png", fullPage: true });

    // and the account is on the governance page with its owner
    await page.goto("/governance");
    await expect(page.getByTestId("matrix-account").filter({ hasText: "nordwind_no" })).toBeVisible();
  });

  test("an admin edits and removes records; what data refers to is refused with the reason", async ({ page }) => {
    await signIn(page, "admin");
    const setup = new SetupPage(page);
    await setup.goto();
    const brands = setup.section("brands");
    await setup.add("brand", { Name: "Ostwind", "Keywords and hashtags": "ostwind", Colour: "#225588" });
    await expect(setup.notice).toContainText("Added brand Ostwind.");

    // Edit fills the form with the row; the name is fixed; Save changes it in place
    await setup.rowAction("brands", "Ostwind", "Edit");
    const form = setup.form("brand");
    await expect(form.getByLabel("Name", { exact: true })).toHaveValue("Ostwind");
    await expect(form.getByLabel("Name", { exact: true })).toBeDisabled();
    await expect(form.getByLabel("Keywords and hashtags", { exact: true })).toHaveValue("ostwind");
    await setup.add("brand", { "Keywords and hashtags": "ostwind, #ostwindenergie", Colour: "nope" });
    await expect(setup.error).toContainText('Colour: "nope" is not a colour');
    await setup.add("brand", { Colour: "#336699" });
    await expect(setup.notice).toContainText("Saved brand Ostwind.");
    const row = brands.getByTestId("brand-row").filter({ hasText: "Ostwind" });
    await expect(row).toContainText("#ostwindenergie");
    await expect(row).toContainText("#336699");
    await expect(form.getByRole("button", { name: "Add brand" })).toBeVisible();

    // removed when nothing refers to it; the demo brand's mentions keep it
    await setup.rowAction("brands", "Ostwind", "Remove");
    await expect(setup.notice).toContainText("Removed brand Ostwind.");
    await expect(row).toHaveCount(0);
    await setup.rowAction("brands", "Voltaro", "Remove");
    await expect(setup.error).toContainText("brand Voltaro cannot be removed");
    await expect(brands.getByTestId("brand-row").filter({ hasText: "Voltaro" }).first()).toBeVisible();

    // a person who leaves is marked with the day, and an account's owner changes (evented)
    await setup.add("person", { Name: "Ida Lund", Email: "ida.lund@example.com", Team: "Germany Team" });
    await expect(setup.notice).toContainText("Added person ida.lund@example.com.");
    await setup.rowAction("people", "Ida Lund", "Edit");
    await setup.add("person", { "Left on": "31.12.2026" });
    await expect(setup.error).toContainText('Left on: "31.12.2026" is not a day; write it as YYYY-MM-DD');
    await setup.add("person", { "Left on": "2026-11-30" });
    await expect(setup.notice).toContainText("Saved person ida.lund@example.com.");
    await expect(setup.section("people").getByTestId("person-row").filter({ hasText: "ida.lund@example.com" })).toContainText("left 2026-11-30");

    const accounts = setup.section("accounts").getByTestId("setup-account-row");
    await setup.add("account", { Platform: "x", Handle: "ostwind_test", Brand: "Voltaro", Team: "Germany Team" });
    await expect(setup.notice).toContainText("Added account x:ostwind_test.");
    await setup.rowAction("accounts", "x:ostwind_test", "Edit");
    await expect(setup.form("account").getByLabel("Handle", { exact: true })).toBeDisabled();
    await expect(setup.form("account").getByLabel("Team", { exact: true })).toHaveValue("Germany Team");
    await setup.add("account", { "Credential custodian": "ida.lund@example.com", Status: "dormant" });
    await expect(setup.notice).toContainText("Saved account x:ostwind_test.");
    const edited = accounts.filter({ hasText: "x:ostwind_test" });
    await expect(edited).toContainText("dormant");
    await expect(edited).toContainText("ida.lund@example.com");
    // its history (account_events) is kept: removal is refused, archiving is the way
    await setup.rowAction("accounts", "x:ostwind_test", "Remove");
    await expect(setup.error).toContainText("account x:ostwind_test cannot be removed");
    await expect(setup.error).toContainText("archive it instead");
    await setup.rowAction("accounts", "x:ostwind_test", "Edit");
    await setup.add("account", { Status: "archived" });
    await expect(setup.notice).toContainText("Saved account x:ostwind_test.");
    await expect(edited).toContainText("archived");

    // the workspace settings (EUR, the demo's money: other specs read it)
    const currency = setup.form("workspace").getByLabel("Currency", { exact: true });
    await setup.add("workspace", { Currency: "chf" });
    await expect(setup.notice).toContainText("setting currency (EUR → CHF)");
    await expect(currency).toHaveValue("CHF");
    await setup.add("workspace", { Currency: "eur" });
    await expect(setup.notice).toContainText("setting currency (CHF → EUR)");
    await expect(currency).toHaveValue("EUR");
    await expect(setup.form("workspace").getByLabel("Reporting time zone", { exact: true })).toBeDisabled();
    await page.screenshot({ path: "test-results/screens/setup-edit.png", fullPage: true });
  });

  test("a team lead keeps their own team's accounts, and no other", async ({ page }) => {
    await signIn(page, "team_lead");
    await page.goto("/");
    await new Shell(page).link("Setup").click();
    const setup = new SetupPage(page);
    await expect(page.locator(".page-subtitle")).toContainText("The accounts of your team, Germany Team");
    for (const kind of ["workspace", "brands", "markets", "teams", "people"] as const) {
      await expect(setup.section(kind)).toHaveCount(0);
    }
    const rows = setup.section("accounts").getByTestId("setup-account-row");
    await expect(rows.first()).toBeVisible();
    for (const team of await rows.locator("td:nth-child(5)").allTextContents()) expect(team).toBe("Germany Team");
    // the team is theirs, and cannot be another
    const team = setup.form("account").getByLabel("Team", { exact: true });
    await expect(team).toHaveValue("Germany Team");
    expect(await team.locator("option").allTextContents()).toEqual(["Germany Team"]);
    await setup.add("account", { Platform: "tiktok", Handle: "voltaro_de_tt", "Name on the platform": "Voltaro DE" });
    await expect(setup.notice).toContainText("Added account tiktok:voltaro_de_tt.");
    await expect(rows.filter({ hasText: "tiktok:voltaro_de_tt" })).toContainText("Germany Team");
    await page.screenshot({ path: "test-results/screens/setup-team-lead.png", fullPage: true });

    // the server refuses another team's account, whatever the page sends
    const res = await page.request.post("/api/setup-apply", {
      headers: { "x-resonance-client": "e2e" },
      data: { file: { accounts: [{ platform: "x", handle: "sneaky_hub", brand: "Voltaro", team: "Global Hub" }] } },
    });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain("only their own team's accounts (Germany Team)");
  });

  test("viewers and executives have no setup page and cannot call it", async ({ page }) => {
    for (const role of ["viewer", "executive"] as const) {
      await page.context().clearCookies();
      await signIn(page, role);
      await page.goto("/");
      const shell = new Shell(page);
      await expect(shell.link("Overview")).toBeVisible();
      await expect(shell.link("Setup")).toHaveCount(0);
      await page.goto("/setup");
      await expect(shell.notAllowed).toBeVisible();
      expect((await page.request.get("/api/setup")).status()).toBe(403);
      const res = await page.request.post("/api/setup-apply", {
        headers: { "x-resonance-client": "e2e" },
        data: { file: { brands: [{ name: "Sneaky" }] } },
      });
      expect(res.status()).toBe(403);
    }
  });
});
