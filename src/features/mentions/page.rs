//! The mention list: the posts behind a bar of the overview's sentiment chart, each with its
//! sentiment and where it came from (scored, import, by hand). Managers and admins can set a
//! mention's sentiment by hand, or hand it back to the scorer.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use crate::ui::widgets::load::loadable;
use super::api::{list_mentions, override_sentiment};
use crate::format;
use super::types::{MentionPage, MentionQuery, MentionRow, SentimentOrigin, SentimentOverride};
use crate::model::Sentiment;

#[component]
pub fn MentionsPage() -> impl IntoView {
    let query_map = use_query_map();
    let query = Memo::new(move |_| query_map.with(|q| MentionQuery::from_query(|k| q.get(k))));
    let page = LocalResource::new(move || list_mentions(query.get()));
    let link = move |change: &dyn Fn(&mut MentionQuery)| {
        let mut q = query.get();
        change(&mut q);
        format!("/mentions{}", q.to_query_string())
    };
    let tabs = move || {
        let current = query.get().sentiment;
        [None, Some(Sentiment::Positive), Some(Sentiment::Neutral), Some(Sentiment::Negative)]
            .into_iter()
            .map(|s| {
                let href = link(&|q| {
                    q.sentiment = s;
                    q.page = 0;
                });
                let label = s.map_or("All", Sentiment::label);
                view! {
                    <a class="tab" href=href aria-current=(current == s).then_some("page")>{label}</a>
                }
            })
            .collect_view()
    };
    let back = move || {
        let q = query.get();
        let mut pairs = Vec::new();
        pairs.extend(q.from.map(|d| ("from", d.to_string())));
        pairs.extend(q.to.map(|d| ("to", d.to_string())));
        pairs.extend(q.brand.map(|b| ("brand", b.to_string())));
        pairs.extend(q.platform.clone().map(|p| ("platform", p)));
        pairs.extend(q.market.clone().map(|m| ("market", m)));
        format!("/{}", crate::model::query_string(&pairs))
    };
    view! {
        <div class="page mentions-page">
            <header class="page-header">
                <h1 data-testid="mentions-heading">"Mentions"</h1>
                <p class="page-subtitle">
                    "The posts behind the overview's figures, newest first. Sentiment precedence: set by hand, then the import's label, then Resonance's score. "
                    <a href=back>"Back to the overview"</a>
                </p>
            </header>
            {move || query.get().campaign.map(|_| {
                let all = link(&|q| {
                    q.campaign = None;
                    q.page = 0;
                });
                view! {
                    <p class="notice" data-testid="campaign-filter">
                        "Only the mentions attributed to the campaign named below: its import named the campaign, or the mention carries one of its hashtags or keywords in its markets and dates. "
                        <a href=all>"Show every mention"</a> " · " <a href="/campaigns">"Back to the campaigns"</a>
                    </p>
                }
            })}
            <nav class="tabs" aria-label="Sentiment" data-testid="sentiment-tabs">{tabs}</nav>
            {loadable(page, move |p| view! { <MentionTable page=p query/> })}
        </div>
    }
}

#[component]
fn MentionTable(page: MentionPage, query: Memo<MentionQuery>) -> impl IntoView {
    let can_override = page.can_override;
    let last_page = (page.total.max(1) - 1) / i64::from(page.page_size);
    let scope = {
        let q = query.get_untracked();
        let range = match (q.from, q.to) {
            (Some(f), Some(t)) if f == t => format::day_long(f),
            (Some(f), Some(t)) => format!("{} – {}", format::day_long(f), format::day_long(t)),
            _ => "the last 30 days".into(),
        };
        let mut parts = vec![page.brand.clone(), range];
        parts.extend(page.campaign.clone());
        parts.extend(q.platform.clone());
        parts.extend(q.market.clone());
        parts.extend(q.sentiment.map(|s| s.label().to_string()));
        format!("{} mentions · {}", format::thousands(page.total), parts.join(" · "))
    };
    let pager = move |delta: i64| {
        let mut q = query.get_untracked();
        let target = i64::from(q.page) + delta;
        (0..=last_page).contains(&target).then(|| {
            q.page = target as u32;
            format!("/mentions{}", q.to_query_string())
        })
    };
    let first = i64::from(page.page) * i64::from(page.page_size) + 1;
    let shown = format!(
        "{}–{} of {}",
        format::thousands(first.min(page.total)),
        format::thousands((first - 1 + page.rows.len() as i64).min(page.total)),
        format::thousands(page.total)
    );
    let empty = page.rows.is_empty();
    let rows = page.rows.into_iter().map(|m| view! { <MentionLine mention=m can_override/> }).collect_view();
    view! {
        <section class="panel table-panel">
            <p class="table-caption" data-testid="mentions-scope">{scope}</p>
            <table class="data-table mention-table" data-testid="mentions-table">
                <thead><tr>
                    <th>"Day"</th><th>"Where"</th><th>"Mention"</th><th>"Reach"</th><th>"Sentiment"</th>
                    {can_override.then(|| view! { <th>"Set by hand"</th> })}
                </tr></thead>
                <tbody>
                    {rows}
                    {empty.then(|| view! {
                        <tr><td colspan="6" class="cell-empty">"No mentions match. Try another sentiment or a longer range."</td></tr>
                    })}
                </tbody>
            </table>
            {(!empty).then(|| view! {
                <footer class="pager">
                    {pager(-1).map(|href| view! { <a class="button" href=href>"Newer"</a> })}
                    <span class="pager-status">{shown}</span>
                    {pager(1).map(|href| view! { <a class="button" href=href data-testid="next-page">"Older"</a> })}
                </footer>
            })}
        </section>
    }
}

fn origin_text(m: &MentionRow) -> String {
    let score = m.computed_score.map(|s| format!("score {s:+.2}"));
    match m.origin {
        SentimentOrigin::Computed => match (&m.unscored_reason, score) {
            (Some(reason), _) => reason.clone(),
            (None, Some(score)) => format!("scored, {score}"),
            (None, None) => "scored".into(),
        },
        SentimentOrigin::Imported => match score {
            Some(score) => format!("from the import (Resonance: {score})"),
            None => "from the import".into(),
        },
        SentimentOrigin::Manual => match score {
            Some(score) => format!("set by hand (Resonance: {score})"),
            None => "set by hand".into(),
        },
        SentimentOrigin::Generated => "demo label".into(),
    }
}

#[component]
fn MentionLine(mention: MentionRow, can_override: bool) -> impl IntoView {
    let row = RwSignal::new(mention);
    let error = RwSignal::new(None::<String>);
    let id = row.get_untracked().id;
    let change = move |value: String| {
        let sentiment = Sentiment::from_token(&value);
        spawn_local(async move {
            match override_sentiment(SentimentOverride { mention_id: id, sentiment }).await {
                Ok(updated) => {
                    error.set(None);
                    row.set(updated);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let m = row.get_untracked();
    let language = m.language.clone().unwrap_or_default();
    view! {
        <tr data-testid="mention-row" data-mention-id=id.to_string()>
            <td class="cell-nowrap">{format::day_short(m.day)}</td>
            <td class="cell-nowrap">
                <span class="cell-strong">{m.platform.clone()}</span>
                <span class="cell-sub">{format!("{} · @{}", m.market, m.author)}</span>
            </td>
            <td class="cell-text" lang=language.clone()>{m.text.clone()}</td>
            <td class="cell-number">{format::thousands(m.reach)}</td>
            <td class="cell-sentiment">
                {move || {
                    let m = row.get();
                    view! {
                        <span class=format!("badge badge-{}", m.sentiment.token()) data-testid="mention-sentiment">
                            {m.sentiment.label()}
                        </span>
                        <span class="cell-sub" data-testid="mention-origin">
                            {format!("{} · {}", m.language.clone().unwrap_or_else(|| "?".into()), origin_text(&m))}
                        </span>
                        {(!m.explanation.is_empty()).then(|| {
                            let words: Vec<String> =
                                m.explanation.iter().map(|(w, v)| format!("{w} {v:+.1}")).collect();
                            view! {
                                <span class="cell-why" data-testid="mention-why" title="The words the score rests on, after negation, boosters and contrast">
                                    {format!("why: {}", words.join(" · "))}
                                </span>
                            }
                        })}
                    }
                }}
                {move || error.get().map(|e| view! { <span class="cell-error" role="alert">{e}</span> })}
            </td>
            {can_override.then(|| {
                let manual = m.manual_label.map(|s| s.token()).unwrap_or("");
                view! {
                    <td>
                        <select
                            aria-label="Set sentiment by hand"
                            data-testid="override"
                            on:change=move |ev| change(event_target_value(&ev))
                        >
                            <option value="" selected=manual.is_empty()>"Not set"</option>
                            {Sentiment::ALL.into_iter().map(|s| view! {
                                <option value=s.token() selected=manual == s.token()>{s.label()}</option>
                            }).collect_view()}
                        </select>
                    </td>
                }
            })}
        </tr>
    }
}
