//! Reading export files as they come: CSV (any delimiter, UTF-8 with or without BOM, UTF-16 with
//! BOM, Windows-1252 fields), JSON (an array or one object per line), the X archive's
//! `window.YTD… = [...]` scripts, Excel workbooks (.xlsx/.xls) and zip archives of any of these.
//! Everything is streamed: a row is handed on as soon as it is read, so memory stays flat however
//! large the file (workbooks excepted: they are small, and limited). Zip entries are checked
//! against size and ratio limits before and while they are read.

use std::io::{BufRead, BufReader, Cursor, Read, Seek};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde::de::{DeserializeSeed, SeqAccess, Visitor};

/// Limits that protect the server from hostile files.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest uncompressed entry of a zip archive.
    pub max_entry_bytes: u64,
    /// Largest uncompressed ÷ compressed size of a zip entry (zip bombs are ≫ 1,000).
    pub max_ratio: u64,
    /// Most entries in a zip archive.
    pub max_entries: usize,
    /// Largest workbook (.xlsx/.xls), read whole.
    pub max_workbook_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_entry_bytes: 4 << 30, max_ratio: 200, max_entries: 10_000, max_workbook_bytes: 64 << 20 }
    }
}

/// What a reader hands on.
#[derive(Debug)]
pub enum Item {
    /// A row of a table (CSV, sheet): its line and cells.
    Row(u64, Vec<String>),
    /// A JSON record (nested keys flattened with dots): its number and (key, value) pairs.
    Record(u64, Vec<(String, String)>),
    /// A row or record that could not be read at all.
    Unreadable(u64, String),
    /// The account an archive belongs to (X archive `account.js`).
    Account(String),
}

/// Whether to go on reading.
pub type Keep = bool;

/// How far through the file the reader is, in bytes.
#[derive(Debug, Clone, Default)]
pub struct Position(pub Arc<AtomicU64>);

struct Counting<R> {
    inner: R,
    position: Position,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.position.0.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: Seek> Seek for Counting<R> {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        let at = self.inner.seek(pos)?;
        self.position.0.store(at, Ordering::Relaxed);
        Ok(at)
    }
}

/// Reads `path` and hands every row or record to `sink`; `Err` is a message for the user when
/// the file as a whole cannot be read (nothing of it should then be kept).
pub fn read_file(
    path: &std::path::Path,
    limits: &Limits,
    position: &Position,
    sink: &mut dyn FnMut(Item) -> Keep,
) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open the file: {e}"))?;
    let mut file = Counting { inner: file, position: position.clone() };
    let mut magic = [0u8; 8];
    let n = read_up_to(&mut file, &mut magic).map_err(|e| format!("cannot read the file: {e}"))?;
    file.seek(std::io::SeekFrom::Start(0)).map_err(|e| format!("cannot read the file: {e}"))?;
    match &magic[..n] {
        [b'P', b'K', 3, 4, ..] => read_zip(file, limits, sink),
        [0xD0, 0xCF, 0x11, 0xE0, ..] => {
            let len = file.inner.metadata().map(|m| m.len()).unwrap_or(0);
            if len > limits.max_workbook_bytes {
                return Err(too_big_workbook(limits));
            }
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).map_err(|e| format!("cannot read the file: {e}"))?;
            read_workbook(bytes, sink)
        }
        _ => read_text(file, sink),
    }
}

fn too_big_workbook(limits: &Limits) -> String {
    format!(
        "the workbook is larger than {} MB; save it as CSV and import that",
        limits.max_workbook_bytes >> 20
    )
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// A text file: CSV, JSON or an X archive script, in UTF-8 or (with a BOM) UTF-16.
pub fn read_text(input: impl Read, sink: &mut dyn FnMut(Item) -> Keep) -> Result<(), String> {
    // UTF-16 (and UTF-8) byte-order marks are honoured; without one the bytes pass through and
    // fields that are not UTF-8 are read as Windows-1252.
    let mut decoded =
        encoding_rs_io::DecodeReaderBytesBuilder::new().bom_sniffing(true).utf8_passthru(true).build(input);
    // the first 4 KB (or the whole file when shorter) tell what the file is
    let mut start = Vec::with_capacity(1 << 13);
    let mut buffer = [0u8; 1 << 12];
    while start.len() < buffer.len() {
        match decoded.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => start.extend_from_slice(&buffer[..n]),
            Err(e) => return Err(format!("cannot read the file: {e}")),
        }
    }
    if start.starts_with(b"\xef\xbb\xbf") {
        // a UTF-8 byte-order mark (passed through)
        start.drain(..3);
    }
    let blank = start.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let blank_lines = start[..blank].iter().filter(|b| **b == b'\n').count() as u64;
    start.drain(..blank);
    if start.is_empty() {
        // whitespace only so far: the rest decides (rare; a file of blank lines is empty)
        let mut rest = Vec::new();
        decoded
            .by_ref()
            .take(1 << 20)
            .read_to_end(&mut rest)
            .map_err(|e| format!("cannot read the file: {e}"))?;
        if rest.iter().all(u8::is_ascii_whitespace) {
            return Err("the file is empty".into());
        }
        return Err("the file starts with more than 4 KB of blank space; it is not an export".into());
    }
    let mut reader = BufReader::with_capacity(1 << 16, Cursor::new(start.clone()).chain(decoded));
    if start.starts_with(b"window.YTD") {
        // `window.YTD.tweets.part0 = [ ... ]`
        let mut prefix = Vec::new();
        reader.read_until(b'=', &mut prefix).map_err(|e| format!("cannot read the file: {e}"))?;
        let name = String::from_utf8_lossy(&prefix).to_string();
        if name.contains(".account.") {
            return read_json(reader, &mut |item| match item {
                Item::Record(_, pairs) => {
                    let user = pairs.iter().find(|(k, _)| k == "username").map(|(_, v)| v.clone());
                    user.is_none_or(|u| sink(Item::Account(u)))
                }
                _ => true,
            });
        }
        return read_json(reader, sink);
    }
    if matches!(start.first(), Some(b'[' | b'{')) {
        return read_json(reader, sink);
    }
    read_csv(reader, &start, blank_lines + 1, sink)
}

/// The delimiter of a CSV file: the most frequent of `,`, `;`, tab in its first line.
fn sniff_delimiter(start: &[u8]) -> u8 {
    let line = start.split(|b| *b == b'\n').next().unwrap_or(start);
    let mut best = (b',', 0);
    for d in [b',', b';', b'\t'] {
        let mut count = 0;
        let mut quoted = false;
        for b in line {
            match *b {
                b'"' => quoted = !quoted,
                c if c == d && !quoted => count += 1,
                _ => {}
            }
        }
        if count > best.1 {
            best = (d, count);
        }
    }
    best.0
}

/// A CSV field as text: UTF-8, or (an old export) Windows-1252.
pub fn field_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Records where each line ends, as the bytes go by (the csv crate's own line numbers are off
/// by one in files with CRLF line ends; its byte positions put a record after CRLF at the `\n`,
/// hence `<=` below).
/// It also refuses a line longer than `MAX_LINE_BYTES`: the CSV reader holds a whole row in
/// memory, so a file without line breaks (or an absurd field) must not be read as one row.
struct LineEnds<R> {
    inner: R,
    offset: u64,
    ends: std::rc::Rc<std::cell::RefCell<std::collections::VecDeque<u64>>>,
    last_end: u64,
}

/// The longest line a CSV file may have.
pub const MAX_LINE_BYTES: u64 = 16 << 20;

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut ends = self.ends.borrow_mut();
        for (i, _) in buf[..n].iter().enumerate().filter(|(_, b)| **b == b'\n') {
            self.last_end = self.offset + i as u64;
            ends.push_back(self.last_end);
        }
        self.offset += n as u64;
        if self.offset - self.last_end > MAX_LINE_BYTES {
            return Err(std::io::Error::other(format!(
                "a line is longer than {} MB (is this a CSV file?)",
                MAX_LINE_BYTES >> 20
            )));
        }
        Ok(n)
    }
}

fn read_csv(
    input: impl Read,
    start: &[u8],
    first_line: u64,
    sink: &mut dyn FnMut(Item) -> Keep,
) -> Result<(), String> {
    let ends = std::rc::Rc::default();
    let input = LineEnds { inner: input, offset: 0, ends: std::rc::Rc::clone(&ends), last_end: 0 };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .delimiter(sniff_delimiter(start))
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let mut line = first_line;
    let mut line_of = |byte: u64| {
        let mut ends = ends.borrow_mut();
        while ends.front().is_some_and(|end| *end <= byte) {
            ends.pop_front();
            line += 1;
        }
        line
    };
    loop {
        let at = reader.position().byte();
        match reader.read_byte_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let line = line_of(record.position().map(|p| p.byte()).unwrap_or(at));
                if !sink(Item::Row(line, record.iter().map(field_text).collect())) {
                    return Ok(());
                }
            }
            Err(e) => match e.kind() {
                csv::ErrorKind::Io(io) => return Err(format!("cannot read the file: {io}")),
                _ => {
                    let line = line_of(e.position().map(|p| p.byte()).unwrap_or(at));
                    if !sink(Item::Unreadable(line, format!("unreadable row: {e}"))) {
                        return Ok(());
                    }
                }
            },
        }
    }
}

/// Flattens a JSON record: nested objects as `a.b`, arrays of values joined with `, `; a record
/// wrapped in one object (`{"tweet": {…}}`, Talkwalker's `chunk_result.data.data`) is unwrapped.
pub fn flatten(value: serde_json::Value) -> Option<Vec<(String, String)>> {
    use serde_json::Value;
    let mut value = value;
    loop {
        let Value::Object(map) = &mut value else { return None };
        if let Some(inner) =
            map.get_mut("chunk_result").and_then(|c| c.get_mut("data")).and_then(|d| d.get_mut("data"))
        {
            value = inner.take();
            continue;
        }
        if map.len() == 1 && map.values().next().is_some_and(Value::is_object) {
            value = map.values_mut().next().map(Value::take).unwrap_or(Value::Null);
            continue;
        }
        break;
    }
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    walk(&key, v, out);
                }
            }
            Value::Array(items) => {
                let scalars: Vec<String> = items.iter().filter_map(scalar).collect();
                if !scalars.is_empty() {
                    out.push((prefix.to_string(), scalars.join(", ")));
                }
            }
            v => {
                if let Some(s) = scalar(v) {
                    out.push((prefix.to_string(), s));
                }
            }
        }
    }
    fn scalar(v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    let mut out = Vec::new();
    walk("", &value, &mut out);
    Some(out)
}

struct EachElement<'s> {
    sink: &'s mut dyn FnMut(Item) -> Keep,
    count: &'s mut u64,
}

impl<'de> Visitor<'de> for EachElement<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element::<serde_json::Value>()? {
            *self.count += 1;
            let item = match flatten(value) {
                Some(pairs) => Item::Record(*self.count, pairs),
                None => Item::Unreadable(*self.count, "the record is not an object".into()),
            };
            if !(self.sink)(item) {
                // the rest is skipped, still parsed (serde cannot stop a sequence early)
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                return Ok(());
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for EachElement<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

fn json_error(e: serde_json::Error, count: u64) -> String {
    if e.is_eof() {
        format!("the file ends in the middle of record {} (is it cut off?)", count + 1)
    } else {
        format!(
            "the JSON is malformed at line {}, column {} (record {}): {e}",
            e.line(),
            e.column(),
            count + 1
        )
    }
}

/// JSON: an array of records (streamed element by element) or one record per line.
fn read_json(mut input: impl BufRead, sink: &mut dyn FnMut(Item) -> Keep) -> Result<(), String> {
    let first = input.fill_buf().map_err(|e| format!("cannot read the file: {e}"))?;
    let array = first.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    let mut count = 0u64;
    if array {
        let mut de = serde_json::Deserializer::from_reader(input);
        // what follows the array (a script's `;`) is not read
        EachElement { sink, count: &mut count }.deserialize(&mut de).map_err(|e| json_error(e, count))?;
        return Ok(());
    }
    for value in serde_json::Deserializer::from_reader(input).into_iter::<serde_json::Value>() {
        let value = value.map_err(|e| json_error(e, count))?;
        count += 1;
        let item = match flatten(value) {
            Some(pairs) => Item::Record(count, pairs),
            None => Item::Unreadable(count, "the record is not an object".into()),
        };
        if !sink(item) {
            break;
        }
    }
    Ok(())
}

/// An Excel workbook: the first sheet (a note row above the header is fine).
fn read_workbook(bytes: Vec<u8>, sink: &mut dyn FnMut(Item) -> Keep) -> Result<(), String> {
    use calamine::{Data, Reader};
    // calamine panics on some damaged .xls files (found by tests/import_fuzz.rs): a panic while
    // the sheet is read is a damaged workbook, not a crash
    let opened = std::panic::catch_unwind(move || -> Result<(String, calamine::Range<Data>), String> {
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
            .map_err(|e| format!("the workbook cannot be read: {e}"))?;
        let name = book.sheet_names().first().ok_or("the workbook has no sheets")?.clone();
        let range =
            book.worksheet_range(&name).map_err(|e| format!("the sheet {name:?} cannot be read: {e}"))?;
        Ok((name, range))
    });
    let (_, range) = opened.map_err(|_| "the workbook is damaged and cannot be read".to_string())??;
    let first_row = range.start().map(|(r, _)| r as u64).unwrap_or(0);
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Data::Empty => String::new(),
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                Data::Int(n) => n.to_string(),
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 9e15 => format!("{}", *f as i64),
                Data::Float(f) => f.to_string(),
                Data::Bool(b) => b.to_string(),
                Data::DateTime(d) => {
                    d.as_datetime().map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string()).unwrap_or_default()
                }
                Data::Error(e) => format!("#{e:?}"),
            })
            .collect();
        if !sink(Item::Row(first_row + i as u64 + 1, cells)) {
            break;
        }
    }
    Ok(())
}

/// A reader that fails once more than `limit` bytes come out of it (a zip entry that lies about
/// its size).
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            return Err(std::io::Error::other("the entry is larger than the limit (a zip bomb?)"));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

fn read_zip<R: Read + Seek>(
    input: R,
    limits: &Limits,
    sink: &mut dyn FnMut(Item) -> Keep,
) -> Result<(), String> {
    let mut zip =
        zip::ZipArchive::new(input).map_err(|e| format!("the zip archive cannot be read (cut off?): {e}"))?;
    if zip.len() > limits.max_entries {
        return Err(format!(
            "the archive has {} entries; at most {} are read",
            zip.len(),
            limits.max_entries
        ));
    }
    let mut entries: Vec<(usize, String, u64, u64)> = Vec::new();
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| format!("the zip archive cannot be read: {e}"))?;
        if !entry.is_dir() {
            entries.push((i, entry.name().to_string(), entry.size(), entry.compressed_size()));
        }
    }
    let check = |name: &str, size: u64, compressed: u64| -> Result<u64, String> {
        if size > limits.max_entry_bytes {
            return Err(format!(
                "{name} unpacks to {size} bytes, more than the limit of {}",
                limits.max_entry_bytes
            ));
        }
        if size > 1 << 20 && size / compressed.max(1) > limits.max_ratio {
            return Err(format!(
                "{name} unpacks {}× larger than it is packed (limit {}×): refused as a zip bomb",
                size / compressed.max(1),
                limits.max_ratio
            ));
        }
        Ok(size.min(limits.max_entry_bytes))
    };
    let base = |name: &str| name.rsplit('/').next().unwrap_or(name).to_lowercase();
    // an Excel workbook is a zip too
    if entries.iter().any(|(_, n, _, _)| n == "xl/workbook.xml") {
        let mut total = 0;
        for (_, name, size, compressed) in &entries {
            total += check(name, *size, *compressed)?;
        }
        if total > limits.max_workbook_bytes * 8 {
            return Err(too_big_workbook(limits));
        }
        let mut inner = zip.into_inner();
        inner.seek(std::io::SeekFrom::Start(0)).map_err(|e| e.to_string())?;
        let mut bytes = Vec::new();
        inner.take(limits.max_workbook_bytes + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        if bytes.len() as u64 > limits.max_workbook_bytes {
            return Err(too_big_workbook(limits));
        }
        return read_workbook(bytes, sink);
    }
    // an X archive: account.js first, then every tweets part
    let is_tweets = |n: &str| {
        let b = base(n);
        b == "tweets.js" || (b.starts_with("tweets-part") && b.ends_with(".js")) || b == "tweet.js"
    };
    let mut chosen: Vec<&(usize, String, u64, u64)> =
        entries.iter().filter(|(_, n, _, _)| base(n) == "account.js").collect();
    let mut tweets: Vec<&(usize, String, u64, u64)> =
        entries.iter().filter(|(_, n, _, _)| is_tweets(n)).collect();
    tweets.sort_by(|a, b| a.1.cmp(&b.1));
    if tweets.is_empty() {
        chosen.clear();
        let importable = |n: &str| {
            let b = base(n);
            !b.starts_with('.')
                && [".csv", ".tsv", ".txt", ".json", ".ndjson", ".js"].iter().any(|e| b.ends_with(e))
        };
        let files: Vec<&(usize, String, u64, u64)> =
            entries.iter().filter(|(_, n, _, _)| importable(n)).collect();
        match files.as_slice() {
            [one] => chosen.push(one),
            [] => return Err("the archive holds no CSV, JSON or X archive file".into()),
            many => {
                let names: Vec<&str> = many.iter().take(5).map(|e| e.1.as_str()).collect();
                return Err(format!(
                    "the archive holds {} files that could be imports ({}…); import them one by one",
                    many.len(),
                    names.join(", ")
                ));
            }
        }
    } else {
        chosen.extend(tweets);
    }
    for (index, name, size, compressed) in chosen {
        let cap = check(name, *size, *compressed)?;
        let entry = zip.by_index(*index).map_err(|e| format!("{name} cannot be read: {e}"))?;
        let mut keep = true;
        read_text(Capped { inner: entry, left: cap }, &mut |item| {
            keep = sink(item);
            keep
        })
        .map_err(|e| format!("{name}: {e}"))?;
        if !keep {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(bytes: &[u8]) -> Result<Vec<Item>, String> {
        let mut out = Vec::new();
        read_text(bytes, &mut |i| {
            out.push(i);
            true
        })?;
        Ok(out)
    }

    #[test]
    fn csv_in_utf16_semicolons_and_latin_1_is_read() {
        let text = "id;text\n1;schön\n";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let rows = items(&utf16).expect("read");
        assert!(matches!(&rows[1], Item::Row(2, cells) if cells == &["1", "schön"]), "{rows:?}");
        let rows = items(b"\xef\xbb\xbfid,text\n1,sch\xf6n\n").expect("read");
        assert!(matches!(&rows[1], Item::Row(2, cells) if cells[1] == "schön"));
        // line numbers with CRLF, a quoted line break and blank lines before the header
        let rows = items(b"\r\n\r\nid,text\r\n1,\"two\r\nlines\"\r\n\"\"\r\n3,c\r\n").expect("read");
        let lines: Vec<u64> =
            rows.iter().filter_map(|r| if let Item::Row(l, _) = r { Some(*l) } else { None }).collect();
        assert_eq!(lines, [3, 4, 6, 7]);
    }

    #[test]
    fn json_arrays_lines_and_x_scripts_are_streamed_and_flattened() {
        let rows = items(b"  [{\"a\": 1, \"b\": {\"c\": \"x\"}}, {\"tweet\": {\"id_str\": \"7\", \"tags\": [\"p\", \"q\"]}}]")
            .expect("read");
        assert!(
            matches!(&rows[0], Item::Record(1, p) if p == &[("a".into(), "1".into()), ("b.c".into(), "x".into())])
        );
        assert!(
            matches!(&rows[1], Item::Record(2, p) if p[0] == ("id_str".into(), "7".into()) && p[1].1 == "p, q")
        );
        let rows = items(b"window.YTD.tweets.part0 = [ {\"tweet\": {\"id\": \"1\"}} ]").expect("read");
        assert_eq!(rows.len(), 1);
        let rows = items(b"{\"a\": 1}\n{\"a\": 2}\n").expect("read");
        assert_eq!(rows.len(), 2);
        let mut endless = b"id,text\n1,\"".to_vec();
        endless.resize(endless.len() + (MAX_LINE_BYTES as usize) + 10, b'a');
        let err = items(&endless).expect_err("one endless line");
        assert!(err.contains("a line is longer than 16 MB"), "{err}");
        let err = items(b"[{\"a\": 1}, {\"a\": ").expect_err("cut off");
        assert!(err.contains("ends in the middle of record 2"), "{err}");
        assert_eq!(items(b" \n ").expect_err("empty"), "the file is empty");
    }
}
