//! The Setup page: the workspace's brands, markets, teams, people and accounts, each listed with
//! a form to add one. Every form sends a one-record setup file; the server checks it like a
//! whole file and names each problem.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api::{apply_setup, get_setup};
use super::types::{AccountSpec, BrandSpec, MarketSpec, PersonSpec, SetupFile, SetupView, TeamSpec, PLATFORMS, STATUSES};
use crate::auth::Action;
use crate::ui::widgets::access::{allowed, NotAllowed};
use crate::ui::widgets::load::loadable;
use crate::ui::widgets::notice::{Notice, NoticeText};
use crate::ui::widgets::table::{Cell, Column, DataTable};

/// What a form needs to send a record: the notice to fill and the list to reload.
#[derive(Clone, Copy)]
struct Sender {
    notice: RwSignal<Option<NoticeText>>,
    version: RwSignal<u32>,
}

impl Sender {
    /// Sends `file`; on success says what was added, reloads the lists and runs `done`.
    fn send(self, file: SetupFile, done: impl Fn() + 'static) {
        spawn_local(async move {
            match apply_setup(file).await {
                Ok(report) => {
                    let what = report.added.join(", ");
                    self.notice.set(Some(NoticeText::Done(format!("Added {what}."))));
                    self.version.update(|v| *v += 1);
                    done();
                }
                Err(e) => self.notice.set(Some(NoticeText::Failed(e.to_string()))),
            }
        });
    }
}

fn input(label: &'static str, value: RwSignal<String>, placeholder: &'static str) -> impl IntoView {
    view! {
        <label class="field">{label}
            <input type="text" aria-label=label placeholder=placeholder prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

fn choice(label: &'static str, value: RwSignal<String>, none: &'static str, options: Vec<(String, String)>) -> impl IntoView {
    view! {
        <label class="field">{label}
            <select aria-label=label prop:value=value on:change=move |ev| value.set(event_target_value(&ev))>
                {(!none.is_empty()).then(|| view! { <option value="">{none}</option> })}
                {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
        </label>
    }
}

fn some(v: String) -> Option<String> {
    Some(v.trim().to_string()).filter(|v| !v.is_empty())
}

fn section(title: &'static str, caption: &'static str, testid: &'static str, table: AnyView, form: AnyView) -> impl IntoView {
    view! {
        <section class="panel table-panel setup-section" data-testid=testid>
            <div class="panel-header setup-header">
                <h2 class="panel-title">{title}</h2>
                <p class="panel-caption">{caption}</p>
                {form}
            </div>
            {table}
        </section>
    }
}

#[component]
pub fn SetupPage() -> impl IntoView {
    if !allowed(Action::EditBrands) {
        return view! { <NotAllowed/> }.into_any();
    }
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        get_setup()
    });
    let notice = RwSignal::new(None::<NoticeText>);
    let sender = Sender { notice, version };
    view! {
        <div class="page">
            <header class="page-header">
                <h1>"Setup"</h1>
                <p class="page-subtitle">
                    "What this workspace describes: its brands and the competitors it tracks, the markets in use, the hub and local teams, "
                    "the people who own accounts, and every social account. To change or describe many at once, apply a setup file: "
                    <code>"resonance setup FILE"</code>"."
                </p>
            </header>
            <Notice notice error_testid="setup-error"/>
            {loadable(data, move |file| view! { <Sections file sender/> })}
        </div>
    }
    .into_any()
}

#[component]
fn Sections(file: SetupView, sender: Sender) -> impl IntoView {
    // drop-down choices: (value, label) from the first columns of each table
    let pairs = |rows: &[Vec<String>], label: fn(&[String]) -> String| -> Vec<(String, String)> {
        rows.iter().filter(|r| !r.is_empty()).map(|r| (r[0].clone(), label(r))).collect()
    };
    let markets = pairs(&file.markets, |r| format!("{} ({})", r.get(1).cloned().unwrap_or_default(), r[0]));
    let brands = pairs(&file.brands, |r| r[0].clone());
    let teams = pairs(&file.teams, |r| r[0].clone());
    let people: Vec<(String, String)> = file
        .people
        .iter()
        .filter(|r| r.len() > 1)
        .map(|r| (r[1].clone(), format!("{} <{}>", r[0], r[1])))
        .collect();
    view! {
        <BrandSection rows=file.brands sender/>
        <MarketSection rows=file.markets sender/>
        <TeamSection rows=file.teams markets=markets.clone() sender/>
        <PersonSection rows=file.people teams=teams.clone() sender/>
        <AccountSection rows=file.accounts brands markets teams people sender/>
    }
}

/// A section's table of texts.
fn table(rows: Vec<Vec<String>>, headers: &[&'static str], csv: &'static str, testid: &'static str, row: &'static str, empty: &'static str) -> AnyView {
    let columns = headers.iter().map(|h| Column::text(h)).collect();
    let rows = rows.into_iter().map(|r| r.into_iter().map(Cell::text).collect()).collect();
    view! { <DataTable columns rows csv_name=csv testid row_testid=row empty/> }.into_any()
}

#[component]
fn BrandSection(rows: Vec<Vec<String>>, sender: Sender) -> impl IntoView {
    let (name, keywords, colour) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let own = RwSignal::new(rows.is_empty());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let spec = BrandSpec {
            name: name.get_untracked(),
            own: own.get_untracked(),
            keywords: keywords.get_untracked().split(',').map(str::to_string).collect(),
            colour: colour.get_untracked(),
        };
        sender.send(SetupFile { brands: vec![spec], ..SetupFile::default() }, move || {
            name.set(String::new());
            keywords.set(String::new());
        });
    };
    let form = view! {
        <form class="inline-form" on:submit=submit data-testid="brand-form">
            {input("Name", name, "Voltaro")}
            {input("Keywords and hashtags", keywords, "voltaro, #voltaro")}
            {input("Colour", colour, "#3867d6")}
            <label class="field field-check"><input type="checkbox" prop:checked=own on:change=move |ev| own.set(event_target_checked(&ev))/>"Our own brand"</label>
            <button class="button button-primary" type="submit">"Add brand"</button>
        </form>
    }
    .into_any();
    let table = table(rows, &["Brand", "Kind", "Keywords", "Colour"], "brands.csv", "brands-table", "brand-row",
        "No brand yet: add your own brand first, then the competitors you track.");
    section("Brands", "Mentions are assigned to a brand by its keywords when an export covers several.", "brands", table, form)
}

#[component]
fn MarketSection(rows: Vec<Vec<String>>, sender: Sender) -> impl IntoView {
    let (code, name, tz) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new("UTC".to_string()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let spec = MarketSpec { code: code.get_untracked(), name: name.get_untracked(), time_zone: tz.get_untracked() };
        sender.send(SetupFile { markets: vec![spec], ..SetupFile::default() }, move || {
            code.set(String::new());
            name.set(String::new());
        });
    };
    let form = view! {
        <form class="inline-form" on:submit=submit data-testid="market-form">
            {input("Code", code, "DE")}
            {input("Name", name, "Germany")}
            {input("Time zone", tz, "Europe/Berlin")}
            <button class="button button-primary" type="submit">"Add market"</button>
        </form>
    }
    .into_any();
    let table = table(rows, &["Code", "Market", "Time zone"], "markets.csv", "markets-table", "market-row", "No market yet.");
    section("Markets", "The countries or regions accounts and teams serve.", "markets", table, form)
}

#[component]
fn TeamSection(rows: Vec<Vec<String>>, markets: Vec<(String, String)>, sender: Sender) -> impl IntoView {
    let (name, kind, market) = (RwSignal::new(String::new()), RwSignal::new("spoke".to_string()), RwSignal::new(String::new()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let spec = TeamSpec { name: name.get_untracked(), kind: kind.get_untracked(), market: some(market.get_untracked()) };
        sender.send(SetupFile { teams: vec![spec], ..SetupFile::default() }, move || name.set(String::new()));
    };
    let kinds = vec![("spoke".to_string(), "Local spoke".to_string()), ("hub".to_string(), "Global hub".to_string())];
    let form = view! {
        <form class="inline-form" on:submit=submit data-testid="team-form">
            {input("Name", name, "Germany Team")}
            {choice("Kind", kind, "", kinds)}
            {choice("Market", market, "No market", markets)}
            <button class="button button-primary" type="submit">"Add team"</button>
        </form>
    }
    .into_any();
    let table = table(rows, &["Team", "Kind", "Market"], "teams.csv", "teams-table", "team-row", "No team yet.");
    section("Teams", "The global hub and the local teams that run accounts.", "teams", table, form)
}

#[component]
fn PersonSection(rows: Vec<Vec<String>>, teams: Vec<(String, String)>, sender: Sender) -> impl IntoView {
    let (name, email, team) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let spec = PersonSpec { name: name.get_untracked(), email: email.get_untracked(), team: team.get_untracked(), left_on: None };
        sender.send(SetupFile { people: vec![spec], ..SetupFile::default() }, move || {
            name.set(String::new());
            email.set(String::new());
        });
    };
    let form = view! {
        <form class="inline-form" on:submit=submit data-testid="person-form">
            {input("Name", name, "Hanna Weber")}
            {input("Email", email, "hanna@example.com")}
            {choice("Team", team, "Choose a team", teams)}
            <button class="button button-primary" type="submit">"Add person"</button>
        </form>
    }
    .into_any();
    let table = table(rows, &["Person", "Email", "Team", "Status"], "people.csv", "people-table", "person-row", "No one yet.");
    section("People", "Who can own, back up or keep the credentials of an account.", "people", table, form)
}

#[component]
fn AccountSection(
    rows: Vec<Vec<String>>,
    brands: Vec<(String, String)>,
    markets: Vec<(String, String)>,
    teams: Vec<(String, String)>,
    people: Vec<(String, String)>,
    sender: Sender,
) -> impl IntoView {
    let text = || RwSignal::new(String::new());
    let (platform, handle, brand, name, platform_id) = (RwSignal::new("instagram".to_string()), text(), text(), text(), text());
    let (market, team, owner, backup, status) = (text(), text(), text(), text(), RwSignal::new("official".to_string()));
    let first_brand = brands.first().map(|(v, _)| v.clone()).unwrap_or_default();
    brand.set(first_brand);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let spec = AccountSpec {
            platform: platform.get_untracked(),
            handle: handle.get_untracked(),
            brand: brand.get_untracked(),
            name: some(name.get_untracked()),
            platform_id: some(platform_id.get_untracked()),
            url: None,
            market: some(market.get_untracked()),
            team: some(team.get_untracked()),
            owner: some(owner.get_untracked()),
            backup: some(backup.get_untracked()),
            custodian: None,
            status: Some(status.get_untracked()),
        };
        sender.send(SetupFile { accounts: vec![spec], ..SetupFile::default() }, move || {
            handle.set(String::new());
            name.set(String::new());
            platform_id.set(String::new());
        });
    };
    let platforms = PLATFORMS.iter().map(|(c, n)| (c.to_string(), n.to_string())).collect();
    let statuses = STATUSES.iter().map(|s| (s.to_string(), s.to_string())).collect();
    let form = view! {
        <form class="inline-form" on:submit=submit data-testid="account-form">
            {choice("Platform", platform, "", platforms)}
            {input("Handle", handle, "voltaro_de")}
            {choice("Brand", brand, "", brands)}
            {input("Name on the platform", name, "Voltaro Deutschland")}
            {input("Platform id", platform_id, "Facebook page id")}
            {choice("Market", market, "No market", markets)}
            {choice("Team", team, "No team", teams)}
            {choice("Owner", owner, "No owner", people.clone())}
            {choice("Backup owner", backup, "No backup", people)}
            {choice("Status", status, "", statuses)}
            <button class="button button-primary" type="submit">"Add account"</button>
        </form>
    }
    .into_any();
    let table = table(
        rows,
        &["Account", "Name", "Brand", "Market", "Team", "Owner", "Backup", "Status"],
        "accounts.csv",
        "setup-accounts-table",
        "setup-account-row",
        "No account yet.",
    );
    section(
        "Accounts",
        "Every social account: its brand, market, owning team, owner and backup owner. Post exports find their account by handle, name or platform id.",
        "accounts",
        table,
        form,
    )
}
