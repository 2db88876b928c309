//! The accounts page: who owns which social account. Managers and admins edit any account;
//! team leads only their own team's; everyone else reads.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ui::widgets::load::loadable;
use crate::ui::widgets::notice::{Notice, NoticeText};
use super::api::{get_accounts, update_account};
use super::types::{AccountStatus, AccountUpdate, GovernanceAccount, GovernanceView, PersonChoice};

#[component]
pub fn AccountsPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let view_data = LocalResource::new(move || {
        version.track();
        get_accounts()
    });
    let notice = RwSignal::new(None::<NoticeText>);
    view! {
        <div class="page">
            <header class="page-header">
                <h1>"Accounts"</h1>
                <p class="page-subtitle">"Every social account, its owner and backup owner. Saving an account also marks it reviewed today."</p>
            </header>
            <Notice notice error_testid="accounts-error"/>
            {loadable(view_data, move |v| view! { <AccountTable data=v version notice/> })}
        </div>
    }
}

#[component]
fn AccountTable(
    data: GovernanceView,
    version: RwSignal<u32>,
    notice: RwSignal<Option<NoticeText>>,
) -> impl IntoView {
    let people = StoredValue::new(data.people);
    let empty = data.accounts.is_empty();
    let rows = data
        .accounts
        .into_iter()
        .map(|a| {
            let editable = data.editable.contains(&a.id);
            view! { <AccountRow account=a editable people version notice/> }
        })
        .collect_view();
    view! {
        <section class="panel table-panel">
            <table class="data-table" data-testid="accounts-table">
                <thead><tr>
                    <th>"Account"</th><th>"Team"</th><th>"Owner"</th><th>"Backup owner"</th>
                    <th>"Status"</th><th>"Reviewed"</th><th></th>
                </tr></thead>
                <tbody>
                    {rows}
                    {empty.then(|| view! {
                        <tr><td colspan="7" class="cell-empty">"No accounts yet: they arrive with the demo data or an import."</td></tr>
                    })}
                </tbody>
            </table>
        </section>
    }
}

fn person_options(people: &[PersonChoice], selected: Option<i64>) -> impl IntoView {
    people
        .iter()
        .map(|p| {
            let label = if p.left {
                format!("{} ({}, left)", p.name, p.team)
            } else {
                format!("{} ({})", p.name, p.team)
            };
            view! { <option value=p.id.to_string() selected=selected == Some(p.id)>{label}</option> }
        })
        .collect_view()
}

#[component]
fn AccountRow(
    account: GovernanceAccount,
    editable: bool,
    people: StoredValue<Vec<PersonChoice>>,
    version: RwSignal<u32>,
    notice: RwSignal<Option<NoticeText>>,
) -> impl IntoView {
    let a = account;
    let owner = RwSignal::new(a.owner_id);
    let backup = RwSignal::new(a.backup_owner_id);
    let status = RwSignal::new(a.status);
    let id = a.id;
    let handle = a.handle.clone();
    let save = move |_| {
        let update = AccountUpdate {
            account_id: id,
            owner_id: owner.get_untracked(),
            backup_owner_id: backup.get_untracked(),
            status: status.get_untracked(),
            reason: String::new(),
        };
        let handle = handle.clone();
        spawn_local(async move {
            match update_account(update).await {
                Ok(()) => {
                    notice.set(Some(NoticeText::Done(format!("{handle} saved."))));
                    version.update(|v| *v += 1);
                }
                Err(e) => notice.set(Some(NoticeText::Failed(e.to_string()))),
            }
        });
    };
    let warn_owner = a.owner_left || a.owner_id.is_none();
    let title = format!("{} · {}", a.platform, a.handle);
    let subtitle =
        format!("{}{}", a.brand, a.market.as_deref().map(|m| format!(" · {m}")).unwrap_or_default());
    let reviewed = a.last_reviewed_on.map(|d| d.to_string()).unwrap_or_else(|| "never".into());
    let person_select = move |signal: RwSignal<Option<i64>>, label: &'static str| {
        view! {
            <select aria-label=label on:change=move |ev| signal.set(event_target_value(&ev).parse().ok())>
                <option value="">"Nobody"</option>
                {people.with_value(|p| person_options(p, signal.get_untracked()))}
            </select>
        }
    };
    let cells = if editable {
        view! {
            <td>{person_select(owner, "Owner")}</td>
            <td>{person_select(backup, "Backup owner")}</td>
            <td>
                <select aria-label="Status" on:change=move |ev| {
                    if let Some(s) = AccountStatus::from_token(&event_target_value(&ev)) { status.set(s) }
                }>
                    {AccountStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.token() selected=s == a.status>{s.label()}</option>
                    }).collect_view()}
                </select>
            </td>
            <td class="cell-sub">{reviewed}</td>
            <td><button class="button button-small" data-testid="save-account" on:click=save>"Save"</button></td>
        }
        .into_any()
    } else {
        view! {
            <td class:cell-warn=warn_owner>{a.owner.clone().unwrap_or_else(|| "Nobody".into())}{a.owner_left.then_some(" (left)")}</td>
            <td>{a.backup_owner.clone().unwrap_or_else(|| "Nobody".into())}</td>
            <td>{a.status.label()}</td>
            <td class="cell-sub">{reviewed}</td>
            <td class="cell-sub">"Read only"</td>
        }
        .into_any()
    };
    view! {
        <tr data-testid="account-row" data-account=a.id.to_string() data-editable=editable.to_string()>
            <td><div class="cell-main">{title}</div><div class="cell-sub">{subtitle}</div></td>
            <td>{a.team.clone().unwrap_or_else(|| "—".into())}</td>
            {cells}
        </tr>
    }
}
