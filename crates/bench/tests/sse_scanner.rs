use plugboard_bench::sse::SseScanner;

#[derive(Debug, PartialEq, Eq)]
struct Seen {
    name: String,
    data: String,
    id: Option<String>,
}

fn seen(name: &str, data: &str, id: Option<&str>) -> Seen {
    Seen {
        name: name.to_owned(),
        data: data.to_owned(),
        id: id.map(str::to_owned),
    }
}

fn scan_chunks<'a>(chunks: impl IntoIterator<Item = &'a [u8]>) -> (Vec<Seen>, usize) {
    let mut scanner = SseScanner::new();
    let mut events = Vec::new();
    for chunk in chunks {
        scanner.feed(chunk, |event| {
            events.push(Seen {
                name: String::from_utf8_lossy(event.name()).into_owned(),
                data: String::from_utf8_lossy(&event.data()).into_owned(),
                id: event
                    .id()
                    .map(|id| String::from_utf8_lossy(id).into_owned()),
            });
        });
    }
    (events, scanner.pending_len())
}

fn scan(stream: &[u8]) -> Vec<Seen> {
    let (events, pending) = scan_chunks([stream]);
    assert_eq!(pending, 0, "a complete stream leaves nothing pending");
    events
}

const TWO_EVENTS: &[u8] =
    b"id: 17\nevent: participant_update\ndata: {\"overlay_text\":\"mark-3\"}\n\n\
:keep-alive\n\n\
event: participant_sync_end\ndata: null\n\n";

fn two_events() -> Vec<Seen> {
    vec![
        seen(
            "participant_update",
            "{\"overlay_text\":\"mark-3\"}",
            Some("17"),
        ),
        seen("participant_sync_end", "null", None),
    ]
}

#[test]
fn events_in_one_chunk() {
    assert_eq!(scan(TWO_EVENTS), two_events());
}

#[test]
fn every_split_point_gives_the_same_events() {
    for split in 0..=TWO_EVENTS.len() {
        let (head, tail) = TWO_EVENTS.split_at(split);
        let (events, pending) = scan_chunks([head, tail]);
        assert_eq!(events, two_events(), "split at {split}");
        assert_eq!(pending, 0, "split at {split}");
    }
}

#[test]
fn byte_by_byte_gives_the_same_events() {
    let (events, pending) = scan_chunks(TWO_EVENTS.chunks(1));
    assert_eq!(events, two_events());
    assert_eq!(pending, 0);
}

#[test]
fn unfinished_event_waits_for_its_blank_line() {
    let (events, pending) = scan_chunks([&b"event: stage\ndata: []\n"[..]]);
    assert!(events.is_empty());
    assert_eq!(pending, b"event: stage\ndata: []\n".len());

    let (events, pending) = scan_chunks([&b"event: stage\ndata: []\n"[..], b"\n"]);
    assert_eq!(events, vec![seen("stage", "[]", None)]);
    assert_eq!(pending, 0);
}

#[test]
fn crlf_line_endings() {
    let stream = b"event: participant_create\r\ndata: {}\r\n\r\nevent: participant_sync_end\r\ndata: null\r\n\r\n";
    let expected = vec![
        seen("participant_create", "{}", None),
        seen("participant_sync_end", "null", None),
    ];
    assert_eq!(scan(stream), expected);
    for split in 0..=stream.len() {
        let (head, tail) = stream.split_at(split);
        assert_eq!(scan_chunks([head, tail]).0, expected, "split at {split}");
    }
}

#[test]
fn cr_alone_ends_lines() {
    // The final `\r` could still be half of `\r\n`, so the last event completes with the next byte.
    let stream = &b"event: bye\rdata: null\r\revent: x\rdata: 1\r\r"[..];
    let (events, pending) = scan_chunks([stream]);
    assert_eq!(events, vec![seen("bye", "null", None)]);
    assert_eq!(pending, b"event: x\rdata: 1\r\r".len());

    let (events, _) = scan_chunks([stream, b":"]);
    assert_eq!(
        events,
        vec![seen("bye", "null", None), seen("x", "1", None)]
    );
}

#[test]
fn cr_at_the_end_of_a_chunk_waits_for_a_possible_lf() {
    let (events, _) = scan_chunks([&b"event: a\r\ndata: 1\r\n\r"[..]]);
    assert!(events.is_empty(), "the last \\r may be half of \\r\\n");
    let (events, pending) = scan_chunks([&b"event: a\r\ndata: 1\r\n\r"[..], b"\n"]);
    assert_eq!(events, vec![seen("a", "1", None)]);
    assert_eq!(pending, 0);
}

#[test]
fn comments_alone_are_not_events() {
    let (events, pending) = scan_chunks([&b":\n\n: ping\n\n:keepalive 1\n\n"[..]]);
    assert!(events.is_empty());
    assert_eq!(pending, 0);
}

#[test]
fn comment_lines_inside_an_event_are_skipped() {
    assert_eq!(
        scan(b": hello\nevent: layout\n: between\ndata: {\"view\":\"1:0\"}\n\n"),
        vec![seen("layout", "{\"view\":\"1:0\"}", None)]
    );
}

#[test]
fn data_lines_are_joined_with_newlines() {
    assert_eq!(
        scan(b"event: message_received\ndata: first\ndata:second\ndata:  third\n\n"),
        vec![seen("message_received", "first\nsecond\n third", None)]
    );
}

#[test]
fn unnamed_event_is_message() {
    assert_eq!(scan(b"data: 1\n\n"), vec![seen("message", "1", None)]);
}

#[test]
fn named_event_without_data_is_delivered() {
    assert_eq!(
        scan(b"event: refresh_token\n\n"),
        vec![seen("refresh_token", "", None)]
    );
}

#[test]
fn id_or_retry_alone_is_not_an_event() {
    assert!(scan(b"id: 4\n\nretry: 1000\n\n").is_empty());
}

#[test]
fn field_without_colon_has_empty_value() {
    assert_eq!(scan(b"event: e\ndata\n\n"), vec![seen("e", "", None)]);
}

#[test]
fn many_events_split_unevenly_match_one_chunk() {
    let mut stream = Vec::new();
    for index in 0..200 {
        stream.extend_from_slice(
            format!(
                "id: {index}\nevent: participant_create\ndata: {{\"uuid\":\"{index}\"}}\n\n:\n\n"
            )
            .as_bytes(),
        );
    }
    let whole = scan(&stream);
    assert_eq!(whole.len(), 200);
    for chunk_len in [1, 2, 3, 7, 64, 1000] {
        let (events, pending) = scan_chunks(stream.chunks(chunk_len));
        assert_eq!(events, whole, "chunks of {chunk_len}");
        assert_eq!(pending, 0);
    }
}
