//! The Setup page: the workspace settings and its brands, markets, teams, people and accounts,
//! each listed with a form to add one and, in each row, Edit (the form takes the row's values and
//! saves them) and Remove. Every form sends a one-record setup file; the server checks it like a
//! whole file and names each problem. What a role may change decides what it sees: a team lead
//! sees only their own team's accounts.

use leptos::html::Form;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api::{apply_setup, get_setup, remove_setup, save_setup};
use super::types::{
    AccountSpec, BrandSpec, MarketSpec, PersonSpec, SetupFile, SetupKey, SetupView, TeamSpec, WorkspaceSpec, PLATFORMS,
    STATUSES,
};
use crate::auth::Action;
use crate::ui::widgets::access::{allowed, use_session, NotAllowed};
use crate::ui::widgets::load::loadable;
use crate::ui::widgets::notice::{Notice, NoticeText};
use crate::ui::widgets::table::{Cell, Column, DataTable, RowActions};

/// What a form needs to send a record: the notice to fill and the list to reload (which renders
/// the sections, and so their forms, anew).
#[derive(Clone, Copy)]
struct Sender {
    notice: RwSignal<Option<NoticeText>>,
    version: RwSignal<u32>,
}

impl Sender {
    /// Adds `file`'s record, or with `edit` saves it; on success says what happened and reloads.
    fn send(self, file: SetupFile, edit: bool) {
        spawn_local(async move {
            let result = if edit { save_setup(file).await } else { apply_setup(file).await };
            match result {
                Ok(report) => {
                    let text = if !report.added.is_empty() {
                        format!("Added {}.", report.added.join(", "))
                    } else if !report.changed.is_empty() {
                        format!("Saved {}.", report.changed.join(", "))
                    } else {
                        "Nothing to save: the record already says that.".to_string()
                    };
                    self.notice.set(Some(NoticeText::Done(text)));
                    self.version.update(|v| *v += 1);
                }
                Err(e) => self.notice.set(Some(NoticeText::Failed(e.to_string()))),
            }
        });
    }

    /// Removes `key`'s record once the user confirms; the server refuses what data refers to.
    fn remove(self, key: SetupKey) {
        let question = format!("Remove {}? This cannot be undone.", key.label());
        let sure = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
        if !sure {
            return;
        }
        spawn_local(async move {
            match remove_setup(key).await {
                Ok(text) => {
                    self.notice.set(Some(NoticeText::Done(text)));
                    self.version.update(|v| *v += 1);
                }
                Err(e) => self.notice.set(Some(NoticeText::Failed(e.to_string()))),
            }
        });
    }
}

/// A section's form state: whether it edits a row (then the key fields are fixed), and the form,
/// to bring into view when a row's Edit fills it.
#[derive(Clone, Copy)]
struct Editing {
    on: RwSignal<bool>,
    form: NodeRef<Form>,
}

impl Editing {
    fn new() -> Editing {
        Editing { on: RwSignal::new(false), form: NodeRef::new() }
    }

    /// After a row's values are in the form.
    fn start(self) {
        self.on.set(true);
        if let Some(form) = self.form.get_untracked() {
            form.scroll_into_view();
        }
    }

    /// The form's buttons: add, or save and cancel while editing.
    fn buttons(self, add: &'static str, reset: Callback<()>) -> impl IntoView {
        let on = self.on;
        view! {
            <button class="button button-primary" type="submit">{move || if on.get() { "Save changes" } else { add }}</button>
            <Show when=move || on.get()>
                <button class="button" type="button" on:click=move |_| { on.set(false); reset.run(()); }>"Cancel"</button>
            </Show>
        }
    }
}

fn input(label: &'static str, value: RwSignal<String>, placeholder: &'static str) -> impl IntoView {
    view! {
        <label class="field">{label}
            <input type="text" aria-label=label placeholder=placeholder prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

/// An input that names the record: fixed while the record is edited (a rename is a new record).
fn key_input(label: &'static str, value: RwSignal<String>, placeholder: &'static str, editing: Editing) -> impl IntoView {
    view! {
        <label class="field">{label}
            <input type="text" aria-label=label placeholder=placeholder prop:value=value prop:disabled=move || editing.on.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
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

/// `2026-03-31` as a day (chrono's parser would add its whole format machinery to the client).
fn date(text: &str) -> Option<chrono::NaiveDate> {
    let mut parts = text.trim().splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// A row's value at `i`, empty where the table shows a dash.
fn cell(row: &[String], i: usize) -> String {
    row.get(i).filter(|v| v.as_str() != "—").cloned().unwrap_or_default()
}

fn section(title: &'static str, caption: &'static str, testid: &'static str, table: AnyView, form: Option<AnyView>) -> impl IntoView {
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
    if !allowed(Action::EditAccounts) {
        return view! { <NotAllowed/> }.into_any();
    }
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        get_setup()
    });
    let notice = RwSignal::new(None::<NoticeText>);
    let sender = Sender { notice, version };
    let team = own_team();
    let subtitle = match &team {
        Some(team) => format!(
            "The accounts of your team, {team}: add one, or change its owner, backup owner, credential custodian or status. \
             Brands, markets, teams and people are set up by an admin."
        ),
        None => "What this workspace describes: its brands and the competitors it tracks, the markets in use, the hub and local \
                 teams, the people who own accounts, and every social account. To change or describe many at once, apply a \
                 setup file with resonance setup FILE."
            .to_string(),
    };
    view! {
        <div class="page">
            <header class="page-header">
                <h1>"Setup"</h1>
                <p class="page-subtitle">{subtitle}</p>
            </header>
            <Notice notice error_testid="setup-error"/>
            {loadable(data, move |file| view! { <Sections file sender team=team.clone()/> })}
        </div>
    }
    .into_any()
}

/// The signed-in team lead's team (`None` for roles not kept to a team).
fn own_team() -> Option<String> {
    use_session().and_then(|s| s.with_untracked(|u| u.role.team_scoped().then(|| u.team.clone().unwrap_or_default())))
}

#[component]
fn Sections(file: SetupView, sender: Sender, team: Option<String>) -> impl IntoView {
    // drop-down choices: (value, label) from the first columns of each table
    let pairs = |rows: &[Vec<String>], label: fn(&[String]) -> String| -> Vec<(String, String)> {
        rows.iter().filter(|r| !r.is_empty()).map(|r| (r[0].clone(), label(r))).collect()
    };
    let markets = pairs(&file.markets, |r| format!("{} ({})", r.get(1).cloned().unwrap_or_default(), r[0]));
    let brands = pairs(&file.brands, |r| r[0].clone());
    let teams = match &team {
        Some(team) => vec![(team.clone(), team.clone())],
        None => pairs(&file.teams, |r| r[0].clone()),
    };
    let people: Vec<(String, String)> = file
        .people
        .iter()
        .filter(|r| r.len() > 1)
        .map(|r| (r[1].clone(), format!("{} <{}>", r[0], r[1])))
        .collect();
    let workspace = allowed(Action::EditWorkspace);
    let accounts = view! { <AccountSection rows=file.accounts brands markets=markets.clone() teams=teams.clone() people team sender/> };
    if !allowed(Action::EditBrands) {
        return accounts.into_any();
    }
    view! {
        {workspace.then(|| view! { <WorkspaceSection values=file.workspace sender/> })}
        <BrandSection rows=file.brands sender/>
        <MarketSection rows=file.markets sender edit=workspace/>
        <TeamSection rows=file.teams markets sender edit=workspace/>
        <PersonSection rows=file.people teams sender edit=workspace/>
        {accounts}
    }
    .into_any()
}

/// A section's table of texts, with Edit and Remove in each row when `on` is given.
fn table(
    rows: Vec<Vec<String>>,
    headers: &[&'static str],
    csv: &'static str,
    testid: &'static str,
    row: &'static str,
    empty: &'static str,
    on: Option<Callback<(Vec<String>, &'static str)>>,
) -> AnyView {
    let columns = headers.iter().map(|h| Column::text(h)).collect();
    let rows = rows.into_iter().map(|r| r.into_iter().map(Cell::text).collect()).collect();
    let actions = on.map(|on| RowActions { labels: &["Edit", "Remove"], on });
    view! { <DataTable columns rows csv_name=csv testid row_testid=row empty actions/> }.into_any()
}

#[component]
fn WorkspaceSection(values: Vec<String>, sender: Sender) -> impl IntoView {
    let zone = RwSignal::new(cell(&values, 0));
    let currency = RwSignal::new(cell(&values, 1));
    let fixed = cell(&values, 2) == "fixed";
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let spec = WorkspaceSpec { reporting_time_zone: some(zone.get_untracked()), currency: some(currency.get_untracked()) };
        sender.send(SetupFile { workspace: Some(spec), ..SetupFile::default() }, true);
    };
    let caption = if fixed {
        "Days are counted in the reporting time zone; it is fixed now that data is imported. Money figures are in the currency."
    } else {
        "Days are counted in the reporting time zone (it is fixed once data is imported). Money figures are in the currency."
    };
    view! {
        <section class="panel setup-section" data-testid="workspace">
            <div class="panel-header setup-header">
                <h2 class="panel-title">"Workspace"</h2>
                <p class="panel-caption">{caption}</p>
                <form class="inline-form" on:submit=submit data-testid="workspace-form">
                    <label class="field">"Reporting time zone"
                        <input type="text" aria-label="Reporting time zone" placeholder="Europe/Berlin" prop:value=zone prop:disabled=fixed
                            on:input=move |ev| zone.set(event_target_value(&ev))/>
                    </label>
                    {input("Currency", currency, "EUR")}
                    <button class="button button-primary" type="submit">"Save settings"</button>
                </form>
            </div>
        </section>
    }
}

#[component]
fn BrandSection(rows: Vec<Vec<String>>, sender: Sender) -> impl IntoView {
    let (name, keywords, colour) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let first = rows.is_empty();
    let own = RwSignal::new(first);
    let editing = Editing::new();
    let reset = move || {
        name.set(String::new());
        keywords.set(String::new());
        colour.set(String::new());
        own.set(first);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let spec = BrandSpec {
            name: name.get_untracked(),
            own: own.get_untracked(),
            keywords: keywords.get_untracked().split(',').map(str::to_string).collect(),
            colour: colour.get_untracked(),
        };
        sender.send(SetupFile { brands: vec![spec], ..SetupFile::default() }, editing.on.get_untracked());
    };
    let on = Callback::new(move |(row, action): (Vec<String>, &'static str)| {
        if action == "Remove" {
            return sender.remove(SetupKey::Brand(cell(&row, 0)));
        }
        name.set(cell(&row, 0));
        own.set(cell(&row, 1) == "own brand");
        keywords.set(cell(&row, 2));
        colour.set(cell(&row, 3));
        editing.start();
    });
    let form = view! {
        <form class="inline-form" on:submit=submit data-testid="brand-form" node_ref=editing.form>
            {key_input("Name", name, "Voltaro", editing)}
            {input("Keywords and hashtags", keywords, "voltaro, #voltaro")}
            {input("Colour", colour, "#3867d6")}
            <label class="field field-check"><input type="checkbox" prop:checked=own on:change=move |ev| own.set(event_target_checked(&ev))/>"Our own brand"</label>
            {editing.buttons("Add brand", Callback::new(move |()| reset()))}
        </form>
    }
    .into_any();
    let table = table(rows, &["Brand", "Kind", "Keywords", "Colour"], "brands.csv", "brands-table", "brand-row",
        "No brand yet: add your own brand first, then the competitors you track.", Some(on));
    section("Brands", "Mentions are assigned to a brand by its keywords when an export covers several.", "brands", table, Some(form))
}

#[component]
fn MarketSection(rows: Vec<Vec<String>>, sender: Sender, edit: bool) -> impl IntoView {
    let (code, name, tz) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new("UTC".to_string()));
    let editing = Editing::new();
    let reset = move || {
        code.set(String::new());
        name.set(String::new());
        tz.set("UTC".into());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let spec = MarketSpec { code: code.get_untracked(), name: name.get_untracked(), time_zone: tz.get_untracked() };
        sender.send(SetupFile { markets: vec![spec], ..SetupFile::default() }, editing.on.get_untracked());
    };
    let on = Callback::new(move |(row, action): (Vec<String>, &'static str)| {
        if action == "Remove" {
            return sender.remove(SetupKey::Market(cell(&row, 0)));
        }
        code.set(cell(&row, 0));
        name.set(cell(&row, 1));
        tz.set(cell(&row, 2));
        editing.start();
    });
    let form = edit.then(|| {
        view! {
            <form class="inline-form" on:submit=submit data-testid="market-form" node_ref=editing.form>
                {key_input("Code", code, "DE", editing)}
                {input("Name", name, "Germany")}
                {input("Time zone", tz, "Europe/Berlin")}
                {editing.buttons("Add market", Callback::new(move |()| reset()))}
            </form>
        }
        .into_any()
    });
    let table = table(rows, &["Code", "Market", "Time zone"], "markets.csv", "markets-table", "market-row", "No market yet.", edit.then_some(on));
    section("Markets", "The countries or regions accounts and teams serve.", "markets", table, form)
}

#[component]
fn TeamSection(rows: Vec<Vec<String>>, markets: Vec<(String, String)>, sender: Sender, edit: bool) -> impl IntoView {
    let (name, kind, market) = (RwSignal::new(String::new()), RwSignal::new("spoke".to_string()), RwSignal::new(String::new()));
    let editing = Editing::new();
    let reset = move || {
        name.set(String::new());
        kind.set("spoke".into());
        market.set(String::new());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let spec = TeamSpec { name: name.get_untracked(), kind: kind.get_untracked(), market: some(market.get_untracked()) };
        sender.send(SetupFile { teams: vec![spec], ..SetupFile::default() }, editing.on.get_untracked());
    };
    let on = Callback::new(move |(row, action): (Vec<String>, &'static str)| {
        if action == "Remove" {
            return sender.remove(SetupKey::Team(cell(&row, 0)));
        }
        name.set(cell(&row, 0));
        kind.set(cell(&row, 1));
        market.set(cell(&row, 2));
        editing.start();
    });
    let kinds = vec![("spoke".to_string(), "Local spoke".to_string()), ("hub".to_string(), "Global hub".to_string())];
    let form = edit.then(|| {
        view! {
            <form class="inline-form" on:submit=submit data-testid="team-form" node_ref=editing.form>
                {key_input("Name", name, "Germany Team", editing)}
                {choice("Kind", kind, "", kinds)}
                {choice("Market", market, "No market", markets)}
                {editing.buttons("Add team", Callback::new(move |()| reset()))}
            </form>
        }
        .into_any()
    });
    let table = table(rows, &["Team", "Kind", "Market"], "teams.csv", "teams-table", "team-row", "No team yet.", edit.then_some(on));
    section("Teams", "The global hub and the local teams that run accounts.", "teams", table, form)
}

#[component]
fn PersonSection(rows: Vec<Vec<String>>, teams: Vec<(String, String)>, sender: Sender, edit: bool) -> impl IntoView {
    let text = || RwSignal::new(String::new());
    let (name, email, team, left) = (text(), text(), text(), text());
    let editing = Editing::new();
    let reset = move || {
        for field in [name, email, team, left] {
            field.set(String::new());
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // an unreadable date is sent as none, so it is said here instead of being dropped
        let left_on = match some(left.get_untracked()) {
            None => None,
            Some(day) => match date(&day) {
                Some(day) => Some(day),
                None => {
                    let text = format!("Left on: {day:?} is not a day; write it as YYYY-MM-DD, or leave it empty while they are active");
                    return sender.notice.set(Some(NoticeText::Failed(text)));
                }
            },
        };
        let spec = PersonSpec { name: name.get_untracked(), email: email.get_untracked(), team: team.get_untracked(), left_on };
        sender.send(SetupFile { people: vec![spec], ..SetupFile::default() }, editing.on.get_untracked());
    };
    let on = Callback::new(move |(row, action): (Vec<String>, &'static str)| {
        if action == "Remove" {
            return sender.remove(SetupKey::Person(cell(&row, 1)));
        }
        name.set(cell(&row, 0));
        email.set(cell(&row, 1));
        team.set(cell(&row, 2));
        left.set(cell(&row, 3).strip_prefix("left ").unwrap_or_default().to_string());
        editing.start();
    });
    let form = edit.then(|| {
        view! {
            <form class="inline-form" on:submit=submit data-testid="person-form" node_ref=editing.form>
                {input("Name", name, "Hanna Weber")}
                {key_input("Email", email, "hanna@example.com", editing)}
                {choice("Team", team, "Choose a team", teams)}
                <Show when=move || editing.on.get()>
                    {input("Left on", left, "YYYY-MM-DD, empty while active")}
                </Show>
                {editing.buttons("Add person", Callback::new(move |()| reset()))}
            </form>
        }
        .into_any()
    });
    let table = table(rows, &["Person", "Email", "Team", "Status"], "people.csv", "people-table", "person-row", "No one yet.", edit.then_some(on));
    section(
        "People",
        "Who can own, back up or keep the credentials of an account. Someone who leaves is marked with the day they left (Edit), not removed: their accounts then show as orphaned.",
        "people",
        table,
        form,
    )
}

#[component]
fn AccountSection(
    rows: Vec<Vec<String>>,
    brands: Vec<(String, String)>,
    markets: Vec<(String, String)>,
    teams: Vec<(String, String)>,
    people: Vec<(String, String)>,
    team: Option<String>,
    sender: Sender,
) -> impl IntoView {
    let text = || RwSignal::new(String::new());
    let (platform, handle, brand, name, platform_id, url) = (RwSignal::new("instagram".to_string()), text(), text(), text(), text(), text());
    let (market, owning, owner, backup, custodian, status) = (text(), text(), text(), text(), text(), RwSignal::new("official".to_string()));
    let first_brand = brands.first().map(|(v, _)| v.clone()).unwrap_or_default();
    let own_team = team.clone().unwrap_or_default();
    let editing = Editing::new();
    let reset = move || {
        for field in [handle, name, platform_id, url, market, owner, backup, custodian] {
            field.set(String::new());
        }
        platform.set("instagram".into());
        status.set("official".into());
        brand.set(first_brand.clone());
        owning.set(own_team.clone());
    };
    reset();
    let reset = StoredValue::new_local(reset);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let spec = AccountSpec {
            platform: platform.get_untracked(),
            handle: handle.get_untracked(),
            brand: brand.get_untracked(),
            name: some(name.get_untracked()),
            platform_id: some(platform_id.get_untracked()),
            url: some(url.get_untracked()),
            market: some(market.get_untracked()),
            team: some(owning.get_untracked()),
            owner: some(owner.get_untracked()),
            backup: some(backup.get_untracked()),
            custodian: some(custodian.get_untracked()),
            status: Some(status.get_untracked()),
        };
        sender.send(SetupFile { accounts: vec![spec], ..SetupFile::default() }, editing.on.get_untracked());
    };
    let on = Callback::new(move |(row, action): (Vec<String>, &'static str)| {
        let id = cell(&row, 0);
        let (p, h) = id.split_once(':').unwrap_or(("", &id));
        if action == "Remove" {
            return sender.remove(SetupKey::Account { platform: p.to_string(), handle: h.to_string() });
        }
        platform.set(p.to_string());
        handle.set(h.to_string());
        let fields = [(name, 1), (brand, 2), (market, 3), (owning, 4), (owner, 5), (backup, 6), (status, 7), (platform_id, 8), (url, 9), (custodian, 10)];
        for (field, i) in fields {
            field.set(cell(&row, i));
        }
        editing.start();
    });
    let platforms: Vec<(String, String)> = PLATFORMS.iter().map(|(c, n)| (c.to_string(), n.to_string())).collect();
    let statuses = STATUSES.iter().map(|s| (s.to_string(), s.to_string())).collect();
    let team_none = if team.is_some() { "" } else { "No team" };
    let form = view! {
        <form class="inline-form" on:submit=submit data-testid="account-form" node_ref=editing.form>
            <label class="field">"Platform"
                <select aria-label="Platform" prop:value=platform prop:disabled=move || editing.on.get()
                    on:change=move |ev| platform.set(event_target_value(&ev))>
                    {platforms.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </label>
            {key_input("Handle", handle, "voltaro_de", editing)}
            {choice("Brand", brand, "", brands)}
            {input("Name on the platform", name, "Voltaro Deutschland")}
            {input("Platform id", platform_id, "Facebook page id")}
            {input("Link", url, "https://www.instagram.com/voltaro_de")}
            {choice("Market", market, "No market", markets)}
            {choice("Team", owning, team_none, teams)}
            {choice("Owner", owner, "No owner", people.clone())}
            {choice("Backup owner", backup, "No backup", people.clone())}
            {choice("Credential custodian", custodian, "No custodian", people)}
            {choice("Status", status, "", statuses)}
            {editing.buttons("Add account", Callback::new(move |()| reset.with_value(|r| r())))}
        </form>
    }
    .into_any();
    let table = table(
        rows,
        &["Account", "Name", "Brand", "Market", "Team", "Owner", "Backup", "Status", "Platform id", "Link", "Custodian"],
        "accounts.csv",
        "setup-accounts-table",
        "setup-account-row",
        if team.is_some() { "Your team has no account yet." } else { "No account yet." },
        Some(on),
    );
    section(
        "Accounts",
        "Every social account: its brand, market, owning team, owner, backup owner and who keeps its credentials. Post exports find their account by handle, name or platform id. An account is archived, not removed, once data refers to it.",
        "accounts",
        table,
        Some(form),
    )
}
