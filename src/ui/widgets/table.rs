//! The sortable data table every list page shares: click a header to sort by it (again to turn
//! the order), and download the rows as CSV — the values as the table shows them, exactly.
//! Sorting is of the rows on screen (a page that pages its rows sorts each page).
//!
//! Pages hand it plain cells rather than their own row types: one table in the client however
//! many pages use it (a generic one would be compiled once per row type, all in the first load).

use std::cmp::Ordering;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::format::csv_line;

/// A column's header and how its cells align.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub header: &'static str,
    /// Classes of the column's cells (`cell-number` right-aligns).
    pub class: &'static str,
    /// Largest first on the first click (counts and times read best that way).
    pub descending_first: bool,
}

impl Column {
    pub const fn text(header: &'static str) -> Column {
        Column { header, class: "", descending_first: false }
    }

    /// A right-aligned number column.
    pub const fn number(header: &'static str) -> Column {
        Column { header, class: "cell-number", descending_first: true }
    }

    pub const fn class(self, class: &'static str) -> Column {
        Column { class, ..self }
    }

    /// Largest (latest) first on the first click.
    pub const fn newest_first(self) -> Column {
        Column { descending_first: true, ..self }
    }
}

/// How a cell shows beyond its text.
#[derive(Debug, Clone, PartialEq)]
pub enum Look {
    Plain,
    /// As code (`user.created`).
    Code,
    /// Its text, and a second line below.
    Sub(String),
    /// In the warning colour.
    Warn,
    /// A download link to the cell's text (its address), shown as this label; none when empty.
    Download(&'static str),
}

/// One cell: its text (what the CSV holds and, without `number`, what it sorts by).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// The value to sort by, for numbers and times.
    pub number: Option<f64>,
    pub look: Look,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), number: None, look: Look::Plain }
    }

    /// A cell shown as `text`, sorted by `number`.
    pub fn number(text: impl Into<String>, number: f64) -> Cell {
        Cell { text: text.into(), number: Some(number), look: Look::Plain }
    }

    pub fn look(self, look: Look) -> Cell {
        Cell { look, ..self }
    }
}

/// Buttons at the end of each row (`Edit`, `Remove`): a click calls `on` with the row's texts and
/// the button's label. Each button is named for its row too (`Edit Voltaro`, by the first cell).
#[derive(Clone, Copy)]
pub struct RowActions {
    pub labels: &'static [&'static str],
    pub on: Callback<(Vec<String>, &'static str)>,
}

/// A CSV file of the rows: the header, then each row's texts.
pub fn to_csv(columns: &[Column], rows: &[Vec<Cell>]) -> String {
    let mut out = csv_line(columns.iter().map(|c| c.header));
    for row in rows {
        out.push_str(&csv_line(row.iter().map(|c| c.text.as_str())));
    }
    out
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str) {
    let parts = web_sys::js_sys::Array::new();
    parts.push(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = link {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The rows ordered by column `by` (`None`: as given), ascending or descending; stable.
fn sorted(rows: &[Vec<Cell>], by: Option<(usize, bool)>) -> Vec<Vec<Cell>> {
    let mut out = rows.to_vec();
    if let Some((i, ascending)) = by {
        out.sort_by(|a, b| {
            let (a, b) = (a.get(i), b.get(i));
            let order = match (a.and_then(|c| c.number), b.and_then(|c| c.number)) {
                (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
                _ => {
                    // ASCII case folding: the full Unicode one would add its tables to the client
                    let text = |c: Option<&Cell>| c.map(|c| c.text.to_ascii_lowercase()).unwrap_or_default();
                    text(a).cmp(&text(b))
                }
            };
            if ascending {
                order
            } else {
                order.reverse()
            }
        });
    }
    out
}

fn cell_view(cell: Cell, class: &'static str) -> impl IntoView {
    let content = match cell.look {
        Look::Plain => cell.text.into_any(),
        Look::Code => view! { <code>{cell.text}</code> }.into_any(),
        Look::Sub(sub) => {
            view! { <span class="cell-strong">{cell.text}</span><span class="cell-sub">{sub}</span> }
                .into_any()
        }
        Look::Warn => view! { <span class="cell-warn">{cell.text}</span> }.into_any(),
        Look::Download(label) => {
            (!cell.text.is_empty()).then(|| view! { <a href=cell.text download="">{label}</a> }).into_any()
        }
    };
    view! { <td class=class>{content}</td> }
}

/// A sortable table of `rows` with a CSV download.
#[component]
pub fn DataTable(
    /// The columns, left to right.
    columns: Vec<Column>,
    /// The rows, in their first order, a cell per column.
    rows: Vec<Vec<Cell>>,
    /// The CSV file's name (`….csv`).
    #[prop(into)]
    csv_name: String,
    /// `data-testid` of the table (its CSV button is `<testid>-csv`).
    testid: &'static str,
    /// `data-testid` of each row.
    row_testid: &'static str,
    /// Said in place of the rows when there are none.
    empty: &'static str,
    /// `data-testid` of the empty line.
    #[prop(optional)]
    empty_testid: &'static str,
    /// Buttons at the end of each row (not in the CSV).
    #[prop(default = None)]
    actions: Option<RowActions>,
) -> impl IntoView {
    let count = rows.len();
    let width = (columns.len() + usize::from(actions.is_some())).to_string();
    let rows = StoredValue::new(rows);
    let columns = StoredValue::new(columns);
    let sort = RwSignal::new(None::<(usize, bool)>);
    let headers = columns.with_value(|cols| {
        cols.iter()
            .enumerate()
            .map(|(i, c)| {
                let Column { header, class, descending_first } = *c;
                let state = move || match sort.get() {
                    Some((j, true)) if j == i => "ascending",
                    Some((j, false)) if j == i => "descending",
                    _ => "none",
                };
                let click = move |_| {
                    sort.update(|s| {
                        *s = match *s {
                            Some((j, ascending)) if j == i => Some((i, !ascending)),
                            _ => Some((i, !descending_first)),
                        }
                    })
                };
                view! {
                    <th class=class aria-sort=state>
                        <button class="sort-button" type="button" on:click=click
                            title=format!("Sort by {}", header.to_ascii_lowercase())>
                            {header}
                            <span class="sort-mark" aria-hidden="true">{move || match state() {
                                "ascending" => "▲",
                                "descending" => "▼",
                                _ => "",
                            }}</span>
                        </button>
                    </th>
                }
            })
            .collect_view()
    });
    let actions_header = actions.map(|_| view! { <th><span class="sr-only">"Actions"</span></th> });
    let row_actions = move |row: &[Cell]| {
        actions.map(|RowActions { labels, on }| {
            let texts: Vec<String> = row.iter().map(|c| c.text.clone()).collect();
            let buttons = labels
                .iter()
                .map(|&label| {
                    let texts = texts.clone();
                    let name = format!("{label} {}", texts.first().map_or("", String::as_str));
                    view! {
                        <button class="button button-small" type="button" aria-label=name
                            on:click=move |_| on.run((texts.clone(), label))>{label}</button>
                    }
                })
                .collect_view();
            view! { <td class="cell-actions">{buttons}</td> }
        })
    };
    let body = move || {
        let by = sort.get();
        let classes: Vec<&'static str> = columns.with_value(|cols| cols.iter().map(|c| c.class).collect());
        rows.with_value(|rows| sorted(rows, by))
            .into_iter()
            .map(|row| {
                let end = row_actions(&row);
                let cells = row
                    .into_iter()
                    .enumerate()
                    .map(|(i, cell)| cell_view(cell, classes.get(i).copied().unwrap_or("")))
                    .collect_view();
                view! { <tr data-testid=row_testid>{cells}{end}</tr> }
            })
            .collect_view()
    };
    let export = move |_| {
        let csv = rows
            .with_value(|rows| columns.with_value(|cols| to_csv(cols, &sorted(rows, sort.get_untracked()))));
        download(&csv_name, &csv);
    };
    view! {
        <table class="data-table" data-testid=testid>
            <thead><tr>{headers}{actions_header}</tr></thead>
            <tbody>
                {body}
                {(count == 0).then(|| view! {
                    <tr><td colspan=width class="cell-empty" data-testid=empty_testid>{empty}</td></tr>
                })}
            </tbody>
        </table>
        {(count > 0).then(|| view! {
            <div class="table-footer">
                <button class="button button-small" type="button" data-testid=format!("{testid}-csv") on:click=export>
                    "Download CSV"
                </button>
            </div>
        })}
    }
}
