//! Admin pages: users (create, change role, deactivate, reset password) and the audit log.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ui::widgets::load::loadable;
use crate::ui::widgets::table::{Cell, Column, DataTable, Look};
use crate::ui::widgets::access::{allowed, use_session, NotAllowed};
use super::api::{audit_log, create_user, list_users, reset_user_password, set_user_active, set_user_role};
use crate::auth::{limits, Action, AuditFilter, AuditPage, OneTimePassword, Role, UserDirectory, UserForm};
use crate::format::timestamp;

/// What the last admin action said: a notice, an error, or a one-time password to pass on.
#[derive(Clone)]
enum Notice {
    Done(String),
    Failed(String),
    Password(OneTimePassword),
}

/// The users page.
#[component]
pub fn UsersPage() -> impl IntoView {
    if !allowed(Action::ManageUsers) {
        return view! { <NotAllowed/> }.into_any();
    }
    let version = RwSignal::new(0u32);
    let directory = LocalResource::new(move || {
        version.track();
        list_users()
    });
    let notice = RwSignal::new(None::<Notice>);
    let done = move |result: Result<Notice, crate::error::ApiError>| {
        notice.set(Some(result.unwrap_or_else(|e| Notice::Failed(e.to_string()))));
        version.update(|v| *v += 1);
    };
    view! {
        <div class="page">
            <header class="page-header">
                <h1>"Users"</h1>
                <p class="page-subtitle">"Who can sign in, with which role. New users and password resets get a one-time password they must change at first sign-in."</p>
            </header>
            {move || notice.get().map(|n| match n {
                Notice::Done(text) => view! { <p class="notice notice-ok" role="status">{text}</p> }.into_any(),
                Notice::Failed(text) => view! { <p class="notice notice-error" role="alert" data-testid="admin-error">{text}</p> }.into_any(),
                Notice::Password(otp) => view! {
                    <div class="notice notice-ok" role="status" data-testid="one-time-password">
                        "One-time password for " <strong>{otp.email}</strong> ": "
                        <code class="secret">{otp.password}</code>
                        " — pass it on securely; it is not shown again."
                    </div>
                }.into_any(),
            })}
            {loadable(directory, move |d| view! { <UserTable directory=d done/> })}
        </div>
    }
    .into_any()
}

#[component]
fn UserTable(
    directory: UserDirectory,
    done: impl Fn(Result<Notice, crate::error::ApiError>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let teams = StoredValue::new(directory.teams.clone());
    let team_options = move |selected: Option<i64>| {
        teams.with_value(|teams| {
            teams
                .iter()
                .map(|t| view! { <option value=t.id.to_string() selected=selected == Some(t.id)>{t.name.clone()}</option> })
                .collect_view()
        })
    };
    let role_options = move |selected: Role| {
        Role::ALL
            .into_iter()
            .map(|r| view! { <option value=r.token() selected=r == selected>{r.label()}</option> })
            .collect_view()
    };
    let me = use_session().map(|s| s.with_untracked(|u| u.id));
    let rows = directory
        .users
        .into_iter()
        .map(|u| {
            let role = RwSignal::new(u.role);
            let team = RwSignal::new(u.team_id);
            let id = u.id;
            let status = match (u.active, u.is_demo, u.must_change_password) {
                (false, _, _) => "Deactivated",
                (true, true, _) => "Active · demo password",
                (true, false, true) => "Active · one-time password",
                (true, false, false) => "Active",
            };
            let active = u.active;
            let email = u.email.clone();
            // Admins cannot change their own role or deactivate themselves (the server refuses too).
            let is_me = me == Some(u.id);
            let save_role = move |_| {
                spawn_local(async move {
                    let r = set_user_role(id, role.get_untracked(), team.get_untracked()).await;
                    done(r.map(|_| Notice::Done("Role changed.".into())));
                })
            };
            let toggle = move |_| {
                spawn_local(async move {
                    let r = set_user_active(id, !active).await;
                    done(r.map(|_| Notice::Done(if active { "User deactivated; their sessions ended." } else { "User reactivated." }.into())));
                })
            };
            let reset = move |_| {
                spawn_local(async move { done(reset_user_password(id).await.map(Notice::Password)) })
            };
            view! {
                <tr class:row-muted=!u.active data-testid="user-row" data-email=email>
                    <td>
                        <div class="cell-main">{u.name}{is_me.then_some(" (you)")}</div>
                        <div class="cell-sub">{u.email}</div>
                    </td>
                    <td>
                        <select aria-label="Role" disabled=is_me on:change=move |ev| {
                            if let Some(r) = Role::from_token(&event_target_value(&ev)) { role.set(r) }
                        }>{role_options(u.role)}</select>
                        <Show when=move || role.get() == Role::TeamLead>
                            <select aria-label="Team" on:change=move |ev| team.set(event_target_value(&ev).parse().ok())>
                                <option value="">"Choose a team"</option>
                                {team_options(team.get_untracked())}
                            </select>
                        </Show>
                    </td>
                    <td class="cell-sub">{status}</td>
                    <td class="cell-sub">{timestamp(u.created_at)}</td>
                    <td class="cell-actions">
                        <button class="button button-small" disabled=is_me on:click=save_role>"Save role"</button>
                        <button class="button button-small" disabled=is_me title="Use the Password page for your own" on:click=reset>"Reset password"</button>
                        <button class="button button-small" data-testid="toggle-active" disabled=is_me on:click=toggle>
                            {if active { "Deactivate" } else { "Reactivate" }}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel">
            <h2 class="panel-title">"Add a user"</h2>
            <NewUserForm teams=directory.teams done/>
        </section>
        <section class="panel table-panel">
            <table class="data-table" data-testid="users-table">
                <thead><tr><th>"User"</th><th>"Role"</th><th>"Status"</th><th>"Created"</th><th></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
fn NewUserForm(
    teams: Vec<crate::auth::TeamChoice>,
    done: impl Fn(Result<Notice, crate::error::ApiError>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Viewer);
    let team = RwSignal::new(None::<i64>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = UserForm {
            email: email.get_untracked(),
            name: name.get_untracked(),
            role: role.get_untracked(),
            team_id: team.get_untracked(),
        };
        spawn_local(async move {
            let result = create_user(form).await;
            if result.is_ok() {
                email.set(String::new());
                name.set(String::new());
            }
            done(result.map(Notice::Password));
        });
    };
    view! {
        <form class="inline-form" on:submit=submit data-testid="new-user-form">
            <label class="field">"Email"
                <input type="email" required maxlength=limits::EMAIL_MAX.to_string() prop:value=email
                    on:input=move |ev| email.set(event_target_value(&ev))/>
            </label>
            <label class="field">"Name"
                <input type="text" required maxlength=limits::NAME_MAX.to_string() prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))/>
            </label>
            <label class="field">"Role"
                <select on:change=move |ev| if let Some(r) = Role::from_token(&event_target_value(&ev)) { role.set(r) }>
                    {Role::ALL.into_iter().map(|r| view! { <option value=r.token() selected=r == Role::Viewer>{r.label()}</option> }).collect_view()}
                </select>
            </label>
            <Show when=move || role.get() == Role::TeamLead>
                <label class="field">"Team"
                    <select on:change=move |ev| team.set(event_target_value(&ev).parse().ok())>
                        <option value="">"Choose a team"</option>
                        {teams.iter().map(|t| view! { <option value=t.id.to_string()>{t.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
            </Show>
            <button class="button button-primary" type="submit">"Add user"</button>
        </form>
    }
}

/// The audit log page: every sign-in, failed sign-in, user change and write, newest first.
#[component]
pub fn AuditPageView() -> impl IntoView {
    if !allowed(Action::ReadAuditLog) {
        return view! { <NotAllowed/> }.into_any();
    }
    let filter = RwSignal::new(AuditFilter::default());
    let page = LocalResource::new(move || audit_log(filter.get()));
    view! {
        <div class="page">
            <header class="page-header">
                <h1>"Audit log"</h1>
                <p class="page-subtitle">"Append-only: sign-ins, failed sign-ins, user and role changes and every write. Times in UTC."</p>
            </header>
            {loadable(page, move |p| view! { <AuditTable page=p filter/> })}
        </div>
    }
    .into_any()
}

#[component]
fn AuditTable(page: AuditPage, filter: RwSignal<AuditFilter>) -> impl IntoView {
    let current = filter.get_untracked();
    let set = move |f: &dyn Fn(&mut AuditFilter)| {
        filter.update(|x| {
            f(x);
            x.before_id = None;
        })
    };
    let action_options = page
        .actions
        .iter()
        .map(|a| view! { <option value=a.clone() selected=current.action.as_deref() == Some(a.as_str())>{a.clone()}</option> })
        .collect_view();
    let user_options = page
        .users
        .iter()
        .map(|(id, email)| view! { <option value=id.to_string() selected=current.user_id == Some(*id)>{email.clone()}</option> })
        .collect_view();
    let next = page.next_before_id;
    let columns = vec![
        Column::text("When").class("cell-sub nowrap").newest_first(),
        Column::text("Action"),
        Column::text("By"),
        Column::text("Target").class("cell-sub"),
        Column::text("Detail").class("cell-detail"),
        Column::text("Address").class("cell-sub"),
    ];
    let entries: Vec<Vec<Cell>> = page
        .entries
        .into_iter()
        .map(|e| {
            let target = match (&e.target_kind, &e.target_id) {
                (Some(k), Some(id)) => format!("{k} {id}"),
                _ => String::new(),
            };
            vec![
                Cell::number(timestamp(e.at), e.at as f64),
                Cell::text(e.action).look(Look::Code),
                Cell::text(e.user_email.unwrap_or_else(|| "—".into())),
                Cell::text(target),
                Cell::text(e.detail),
                Cell::text(e.ip.unwrap_or_default()),
            ]
        })
        .collect();
    view! {
        <div class="filter-bar" data-testid="audit-filters">
            <label class="field">"Action"
                <select data-testid="audit-action" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(&|f| f.action = Some(v.clone()).filter(|v| !v.is_empty()));
                }>
                    <option value="">"All actions"</option>
                    {action_options}
                </select>
            </label>
            <label class="field">"User"
                <select on:change=move |ev| {
                    let v = event_target_value(&ev).parse().ok();
                    set(&|f| f.user_id = v);
                }>
                    <option value="">"All users"</option>
                    {user_options}
                </select>
            </label>
            <label class="field">"From"
                <input type="date" prop:value=current.from.map(|d| d.to_string()).unwrap_or_default()
                    on:change=move |ev| { let v = event_target_value(&ev).parse().ok(); set(&|f| f.from = v); }/>
            </label>
            <label class="field">"To"
                <input type="date" prop:value=current.to.map(|d| d.to_string()).unwrap_or_default()
                    on:change=move |ev| { let v = event_target_value(&ev).parse().ok(); set(&|f| f.to = v); }/>
            </label>
        </div>
        <section class="panel table-panel">
            <DataTable rows=entries columns csv_name="audit-log.csv" testid="audit-table" row_testid="audit-row"
                empty="No entries match these filters." empty_testid="audit-empty"/>
            {next.map(|id| view! {
                <button class="button" on:click=move |_| filter.update(|f| f.before_id = Some(id))>"Older entries"</button>
            })}
        </section>
    }
}
