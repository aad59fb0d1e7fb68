//! A cheap incremental scanner for `text/event-stream` bodies.
//!
//! The benchmark reads thousands of streams on the same two cores as the node, so the scanner works on
//! borrowed bytes: complete events are handed out as slices of the received chunk (or of a small carry-over
//! buffer when an event straddles chunks), nothing is decoded or allocated per event, and each byte is
//! looked at a bounded number of times however the stream is chunked.

use memchr::{memchr, memchr2};

/// One complete event: its name (`message` when the block has no `event:` field) and its raw field lines.
#[derive(Debug, Clone, Copy)]
pub struct SseEvent<'a> {
    name: &'a [u8],
    block: &'a [u8],
}

impl<'a> SseEvent<'a> {
    pub fn name(&self) -> &'a [u8] {
        self.name
    }

    /// The value of each `data:` field, in order (the SSE standard joins them with `\n`).
    pub fn data_lines(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        fields(self.block).filter_map(|(field, value)| (field == b"data").then_some(value))
    }

    /// The value of the last `id:` field, if any.
    pub fn id(&self) -> Option<&'a [u8]> {
        fields(self.block)
            .filter_map(|(field, value)| (field == b"id").then_some(value))
            .last()
    }

    /// The data as the standard defines it (lines joined with `\n`). Allocates: meant for tests and errors.
    pub fn data(&self) -> Vec<u8> {
        let mut joined = Vec::new();
        for (index, line) in self.data_lines().enumerate() {
            if index > 0 {
                joined.push(b'\n');
            }
            joined.extend_from_slice(line);
        }
        joined
    }
}

/// Splits a byte stream into events. Feed it chunks as they arrive; it keeps only the unfinished tail.
#[derive(Debug, Default)]
pub struct SseScanner {
    pending: Vec<u8>,
    /// Offset in `pending` of the first line not yet known to be complete. Lines before it belong to the
    /// unfinished event and are known not to be blank, so they are not scanned again.
    resume_at: usize,
}

impl SseScanner {
    pub fn new() -> Self {
        Self::default()
    }

    /// Scans `chunk` and calls `on_event` for every event it completes, in stream order.
    pub fn feed(&mut self, mut chunk: &[u8], mut on_event: impl FnMut(SseEvent<'_>)) {
        // Finish the carried-over event line by line, so that only its own bytes are copied (chunks can
        // be hundreds of KiB of coalesced events, and the carry-over buffer keeps its capacity).
        while !self.pending.is_empty() && !chunk.is_empty() {
            let line_len = memchr2(b'\n', b'\r', chunk).map_or(chunk.len(), |end| end + 1);
            self.pending.extend_from_slice(&chunk[..line_len]);
            chunk = &chunk[line_len..];
            let scan = scan_blocks(&self.pending, self.resume_at, &mut on_event);
            self.pending.drain(..scan.consumed);
            self.resume_at = scan.resume_at - scan.consumed;
        }
        if self.pending.is_empty() && !chunk.is_empty() {
            let scan = scan_blocks(chunk, 0, &mut on_event);
            self.pending.extend_from_slice(&chunk[scan.consumed..]);
            self.resume_at = scan.resume_at - scan.consumed;
        }
    }

    /// Bytes held back because they do not yet form a complete event.
    pub fn pending_len(&self) -> usize {
        self.pending.len()
    }
}

struct Scan {
    /// Bytes up to the end of the last complete event.
    consumed: usize,
    /// Start of the first line that was not complete.
    resume_at: usize,
}

/// Finds every event in `bytes` that is terminated by a blank line. `from` is a line start at or after the
/// start of the first unfinished event.
fn scan_blocks(bytes: &[u8], from: usize, on_event: &mut impl FnMut(SseEvent<'_>)) -> Scan {
    let mut block_start = 0;
    let mut line_start = from;
    while let Some((line_end, next_line)) = next_line_break(bytes, line_start) {
        if line_end == line_start {
            dispatch(&bytes[block_start..line_start], on_event);
            block_start = next_line;
        }
        line_start = next_line;
    }
    Scan {
        consumed: block_start,
        resume_at: line_start,
    }
}

/// Returns where the line starting at `start` ends and where the next one begins, or `None` when the line
/// is not complete yet. A `\r` at the very end is undecided: it may be the first half of `\r\n`.
fn next_line_break(bytes: &[u8], start: usize) -> Option<(usize, usize)> {
    let offset = memchr2(b'\n', b'\r', &bytes[start..])?;
    let end = start + offset;
    match (bytes[end], bytes.get(end + 1)) {
        (b'\n', _) => Some((end, end + 1)),
        (_, Some(b'\n')) => Some((end, end + 2)),
        (_, Some(_)) => Some((end, end + 1)),
        (_, None) => None,
    }
}

fn dispatch(block: &[u8], on_event: &mut impl FnMut(SseEvent<'_>)) {
    let mut name: Option<&[u8]> = None;
    let mut has_data = false;
    for (field, value) in fields(block) {
        match field {
            b"event" => name = Some(value),
            b"data" => has_data = true,
            _ => {}
        }
    }
    // A block of comments (keep-alives) or of `id:`/`retry:` alone is not an event.
    if name.is_none() && !has_data {
        return;
    }
    on_event(SseEvent {
        name: name.filter(|name| !name.is_empty()).unwrap_or(b"message"),
        block,
    });
}

/// The `(field, value)` pairs of an event block, skipping comments. `block` holds complete lines only.
fn fields(block: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut rest = block;
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        let (line, after) = split_complete_line(rest);
        rest = after;
        if line.first() == Some(&b':') {
            continue;
        }
        return Some(split_field(line));
    })
}

/// Splits off the first line of text whose end is known (inside a finished block a trailing `\r` is a
/// complete line break).
fn split_complete_line(text: &[u8]) -> (&[u8], &[u8]) {
    match memchr2(b'\n', b'\r', text) {
        Some(end) if text[end] == b'\r' && text.get(end + 1) == Some(&b'\n') => {
            (&text[..end], &text[end + 2..])
        }
        Some(end) => (&text[..end], &text[end + 1..]),
        None => (text, &text[text.len()..]),
    }
}

fn split_field(line: &[u8]) -> (&[u8], &[u8]) {
    match memchr(b':', line) {
        Some(colon) => {
            let value = &line[colon + 1..];
            (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
        }
        None => (line, &line[line.len()..]),
    }
}
