//! Writing zip archives byte by byte, so that tests can build what no well-behaved zip writer produces:
//! escaping names, duplicate and overlapping entries, symbolic links, encrypted flags, lying sizes.

/// One entry of a hand-made archive (stored, unless `method` says otherwise).
#[derive(Debug, Clone)]
pub struct RawEntry {
    pub name: Vec<u8>,
    pub data: Vec<u8>,
    /// 0 stored, 8 deflated (the data is then written as is: it is never inflated in these tests).
    pub method: u16,
    /// The uncompressed size the headers declare; the data length when `None`.
    pub declared_size: Option<u32>,
    pub flags: u16,
    /// Unix mode in the upper 16 bits when `made_by` says Unix.
    pub external_attributes: u32,
    pub made_by: u16,
    /// Points the central record at the local header of entry `n` instead of writing one.
    pub shares_local_header_of: Option<usize>,
}

impl RawEntry {
    pub fn file(name: &str, data: &[u8]) -> Self {
        Self::named(name.as_bytes(), data)
    }

    pub fn named(name: &[u8], data: &[u8]) -> Self {
        Self {
            name: name.to_vec(),
            data: data.to_vec(),
            method: 0,
            declared_size: None,
            flags: 1 << 11,
            external_attributes: 0o100_644 << 16,
            made_by: 3 << 8 | 20,
            shares_local_header_of: None,
        }
    }

    pub fn symlink(name: &str, target: &str) -> Self {
        Self {
            external_attributes: 0o120_777 << 16,
            ..Self::file(name, target.as_bytes())
        }
    }
}

/// The bytes of an archive holding `entries`.
pub fn build(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for entry in entries {
        if let Some(shared) = entry.shares_local_header_of {
            offsets.push(offsets[shared]);
            continue;
        }
        offsets.push(out.len() as u32);
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, 20);
        put16(&mut out, entry.flags);
        put16(&mut out, entry.method);
        put16(&mut out, 0);
        put16(&mut out, 0x21);
        put32(&mut out, crc32(&entry.data));
        put32(&mut out, entry.data.len() as u32);
        put32(
            &mut out,
            entry.declared_size.unwrap_or(entry.data.len() as u32),
        );
        put16(&mut out, entry.name.len() as u16);
        put16(&mut out, 0);
        out.extend_from_slice(&entry.name);
        out.extend_from_slice(&entry.data);
    }
    let directory_start = out.len() as u32;
    for (entry, offset) in entries.iter().zip(&offsets) {
        put32(&mut out, 0x0201_4b50);
        put16(&mut out, entry.made_by);
        put16(&mut out, 20);
        put16(&mut out, entry.flags);
        put16(&mut out, entry.method);
        put16(&mut out, 0);
        put16(&mut out, 0x21);
        put32(&mut out, crc32(&entry.data));
        put32(&mut out, entry.data.len() as u32);
        put32(
            &mut out,
            entry.declared_size.unwrap_or(entry.data.len() as u32),
        );
        put16(&mut out, entry.name.len() as u16);
        put16(&mut out, 0);
        put16(&mut out, 0);
        put16(&mut out, 0);
        put16(&mut out, 0);
        put32(&mut out, entry.external_attributes);
        put32(&mut out, *offset);
        out.extend_from_slice(&entry.name);
    }
    let directory_size = out.len() as u32 - directory_start;
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, entries.len() as u16);
    put16(&mut out, entries.len() as u16);
    put32(&mut out, directory_size);
    put32(&mut out, directory_start);
    put16(&mut out, 0);
    out
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A minimal valid package as zip entries, to which a test adds one hostile entry.
pub fn valid_package() -> Vec<RawEntry> {
    vec![
        RawEntry::file(
            "webapp2/manifest.json",
            br#"{"brandingID": "1700000000000", "isSettingsBranded": true}"#,
        ),
        RawEntry::file("webapp2/settings.json", br#"{"plugins": []}"#),
    ]
}
