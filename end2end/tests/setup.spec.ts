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
    await page.goto("/accounts");
    await expect(page.getByTestId("account-row").filter({ hasText: "nordwind_no" })).toBeVisible();
  });

  test("viewers and team leads have no setup page and cannot call it", async ({ page }) => {
    for (const role of ["viewer", "team_lead"] as const) {
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
