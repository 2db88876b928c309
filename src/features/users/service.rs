//! User administration, shared by the admin page's server functions and `resonance user …`:
//! validation, one-time passwords, the first admin, demo users.

use crate::auth::{limits, OneTimePassword, Role, UserForm};
use crate::server::auth::{generate_password, hash_password, now};
use crate::server::store::{Audit, DynStore, NewUser, StoreError, StoreResult};

/// The demo users, one per role: (email, name, role, team name, password). Demo only: a server
/// on a database that is not a demo database refuses to start while any of them is active.
pub const DEMO_USERS: [(&str, &str, Role, Option<&str>, &str); 5] = [
    ("admin@demo.resonance", "Ada Admin", Role::Admin, None, "demo-admin-pass"),
    ("manager@demo.resonance", "Max Manager", Role::Manager, None, "demo-manager-pass"),
    ("executive@demo.resonance", "Eva Executive", Role::Executive, None, "demo-executive-pass"),
    ("lead.de@demo.resonance", "Lena Lead", Role::TeamLead, Some("Germany Team"), "demo-teamlead-pass"),
    ("viewer@demo.resonance", "Vic Viewer", Role::Viewer, None, "demo-viewer-pass"),
];

/// Checks and normalises a user form: a plausible email, a name, a team for team leads
/// (one of `teams`), no team for other roles.
pub fn validate(form: &UserForm, teams: &[i64]) -> Result<UserForm, String> {
    let email = form.email.trim().to_lowercase();
    let name = form.name.trim().to_string();
    let plausible = email.len() <= limits::EMAIL_MAX
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'));
    if !plausible {
        return Err(format!(
            "{:?} is not an email address (at most {} characters).",
            clip(&email),
            limits::EMAIL_MAX
        ));
    }
    if name.is_empty() || name.chars().count() > limits::NAME_MAX {
        return Err(format!("Give a name of 1 to {} characters.", limits::NAME_MAX));
    }
    let team_id = match (form.role, form.team_id) {
        (Role::TeamLead, Some(team)) if teams.contains(&team) => Some(team),
        (Role::TeamLead, Some(team)) => return Err(format!("There is no team with id {team}.")),
        (Role::TeamLead, None) => return Err("A team lead needs a team.".into()),
        _ => None,
    };
    Ok(UserForm { email, name, role: form.role, team_id })
}

fn clip(s: &str) -> String {
    s.chars().take(60).collect()
}

/// Creates a user with a one-time password they must change at first sign-in.
pub async fn create(store: &DynStore, form: &UserForm, audit: Audit) -> StoreResult<OneTimePassword> {
    let teams: Vec<i64> = store.teams().await?.into_iter().map(|t| t.id).collect();
    let form = validate(form, &teams).map_err(StoreError::Invalid)?;
    let password = generate_password();
    let user = NewUser {
        email: form.email.clone(),
        name: form.name.clone(),
        password_hash: hash_password(&password),
        role: form.role,
        team_id: form.team_id,
        is_demo: false,
        must_change_password: true,
        created_at: now(),
    };
    let audit = audit.detail(
        serde_json::json!({ "email": form.email, "role": form.role.token(), "team_id": form.team_id }),
    );
    let user_id = store.create_user(&user, audit).await?;
    Ok(OneTimePassword { user_id, email: form.email, password })
}

/// Gives a user a new one-time password and ends their sessions.
pub async fn reset_password(store: &DynStore, user_id: i64, audit: Audit) -> StoreResult<OneTimePassword> {
    let user = store.user(user_id).await?.ok_or_else(|| StoreError::NotFound(format!("user {user_id}")))?;
    let password = generate_password();
    store.set_password(user_id, &hash_password(&password), true, None, audit.target("user", user_id)).await?;
    Ok(OneTimePassword { user_id, email: user.email, password })
}

/// Changes a user's role (and team, for team leads).
pub async fn set_role(
    store: &DynStore,
    user_id: i64,
    role: Role,
    team_id: Option<i64>,
    audit: Audit,
) -> StoreResult<()> {
    let user = store.user(user_id).await?.ok_or_else(|| StoreError::NotFound(format!("user {user_id}")))?;
    let teams: Vec<i64> = store.teams().await?.into_iter().map(|t| t.id).collect();
    let form = UserForm { email: user.email.clone(), name: user.name.clone(), role, team_id };
    let form = validate(&form, &teams).map_err(StoreError::Invalid)?;
    if user.role == Role::Admin && role != Role::Admin {
        ensure_another_admin(store, user_id).await?;
    }
    let audit = audit.target("user", user_id).detail(serde_json::json!({
        "from": user.role.token(), "to": role.token(), "team_id": form.team_id
    }));
    store.set_role(user_id, role, form.team_id, audit).await
}

/// Deactivates (or reactivates) a user; the last active admin cannot be deactivated.
pub async fn set_active(store: &DynStore, user_id: i64, active: bool, audit: Audit) -> StoreResult<()> {
    let user = store.user(user_id).await?.ok_or_else(|| StoreError::NotFound(format!("user {user_id}")))?;
    if !active && user.role == Role::Admin {
        ensure_another_admin(store, user_id).await?;
    }
    let audit = audit.target("user", user_id).detail(serde_json::json!({ "email": user.email }));
    store.set_active(user_id, active, audit).await
}

async fn ensure_another_admin(store: &DynStore, user_id: i64) -> StoreResult<()> {
    let others = store
        .users()
        .await?
        .into_iter()
        .filter(|u| u.active && u.role == Role::Admin && u.id != user_id)
        .count();
    if others == 0 {
        return Err(StoreError::Invalid(
            "This is the last active admin; make another user admin first.".into(),
        ));
    }
    Ok(())
}

/// On a database without users, creates the first admin with a one-time password.
pub async fn ensure_first_admin(store: &DynStore) -> StoreResult<Option<OneTimePassword>> {
    if store.count_users().await? > 0 {
        return Ok(None);
    }
    let form = UserForm {
        email: "admin@localhost.local".into(),
        name: "Administrator".into(),
        role: Role::Admin,
        team_id: None,
    };
    let audit = Audit::new(now(), None, "user.created", None);
    create(store, &form, audit).await.map(Some)
}

/// Adds the demo users that are missing (one per role, known passwords, marked as demo).
pub async fn add_demo_users(store: &DynStore) -> StoreResult<usize> {
    let teams = store.teams().await?;
    let mut added = 0;
    for (email, name, role, team, password) in DEMO_USERS {
        if store.user_by_email(email).await?.is_some() {
            continue;
        }
        let team_id = team.and_then(|t| teams.iter().find(|c| c.name == t)).map(|t| t.id);
        let user = NewUser {
            email: email.into(),
            name: name.into(),
            password_hash: hash_password(password),
            role,
            team_id,
            is_demo: true,
            must_change_password: false,
            created_at: now(),
        };
        let audit = Audit::new(now(), None, "user.created", None)
            .detail(serde_json::json!({ "email": email, "demo": true }));
        store.create_user(&user, audit).await?;
        added += 1;
    }
    Ok(added)
}

/// The active users that still have a demo password; a non-demo server refuses to start while
/// there are any.
pub async fn demo_passwords_in_use(store: &DynStore) -> StoreResult<Vec<String>> {
    Ok(store.users().await?.into_iter().filter(|u| u.active && u.is_demo).map(|u| u.email).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(email: &str, role: Role, team: Option<i64>) -> UserForm {
        UserForm { email: email.into(), name: " Kim ".into(), role, team_id: team }
    }

    #[test]
    fn forms_are_checked_and_normalised() {
        let ok = validate(&form(" Kim@Example.COM ", Role::Viewer, Some(3)), &[3]).expect("valid");
        assert_eq!((ok.email.as_str(), ok.name.as_str(), ok.team_id), ("kim@example.com", "Kim", None));
        assert!(validate(&form("kim", Role::Viewer, None), &[]).is_err());
        assert!(validate(&form("kim@localhost", Role::Viewer, None), &[]).is_err());
        assert!(validate(&form(&format!("{}@x.io", "k".repeat(300)), Role::Viewer, None), &[]).is_err());
        assert!(validate(&form("k@x.io", Role::TeamLead, None), &[3])
            .expect_err("refused")
            .contains("needs a team"));
        assert!(validate(&form("k@x.io", Role::TeamLead, Some(9)), &[3])
            .expect_err("refused")
            .contains("no team"));
        assert_eq!(validate(&form("k@x.io", Role::TeamLead, Some(3)), &[3]).expect("lead").team_id, Some(3));
        let long_name = UserForm { name: "n".repeat(101), ..form("k@x.io", Role::Viewer, None) };
        assert!(validate(&long_name, &[]).is_err());
    }
}
