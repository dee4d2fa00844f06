//! Cutting a large entity or relation file into pieces of about [`PIECE_BYTES`] as it is read
//! from disk, each piece starting at a top-level `- ` item, so each can be parsed on its own.
//! It knows bytes and lines only: it must not parse YAML, decode text or decide which files
//! are streamed (`discover.rs` does).

use std::io::{self, Read};

use crate::source::BOM;

/// Entity and relation files larger than this are read from disk in pieces of about this
/// size and parsed on every core as they are read: YAML parsing is most of the time spent
/// loading, one large file is the common case for generated data, and a file read this way
/// is never held whole in memory.
pub(super) const PIECE_BYTES: usize = 4 << 20;

/// Reads a list file in pieces of about `size` bytes, each ending just before a top-level
/// `- ` item (a line beginning with `-` then a space or the end of the line). Items of this
/// format are indented inside their `- `, so such a line always starts a new item.
pub(super) struct Pieces<R> {
    source: R,
    /// Read but not yet handed out; starts at `offset` in the text.
    pub(super) buffer: Vec<u8>,
    offset: usize,
    size: usize,
    at_start: bool,
    at_end: bool,
}

impl<R: Read> Pieces<R> {
    /// `buffer` is room to reuse (see [`Pieces::next_piece`]).
    pub(super) fn new(source: R, size: usize, buffer: Vec<u8>) -> Self {
        Pieces {
            source,
            buffer,
            offset: 0,
            size: size.max(1),
            at_start: true,
            at_end: false,
        }
    }

    /// Puts the next piece into `piece` and returns its offset in the text (which, as in
    /// [`decode`](crate::source::decode), starts after a byte order mark); `None` at the end.
    /// Buffers are reused: a fresh 4 MB allocation per piece made every small allocation after
    /// it slower.
    pub(super) fn next_piece(&mut self, piece: &mut Vec<u8>) -> io::Result<Option<usize>> {
        loop {
            let cut = next_item_start(&self.buffer, self.size.min(self.buffer.len()))
                // A cut must see the character after its `-`, which may not be read yet.
                .filter(|&cut| self.at_end || cut + 1 < self.buffer.len())
                .filter(|&cut| cut > 0)
                .or((self.at_end && !self.buffer.is_empty()).then_some(self.buffer.len()));
            if let Some(cut) = cut {
                piece.clear();
                piece.extend_from_slice(&self.buffer[..cut]);
                self.buffer.drain(..cut);
                let offset = self.offset;
                self.offset += cut;
                return Ok(Some(offset));
            }
            if self.at_end {
                return Ok(None);
            }
            let read = (&mut self.source)
                .take(self.size as u64)
                .read_to_end(&mut self.buffer)?;
            self.at_end = read == 0;
            if self.at_start && (self.at_end || self.buffer.len() >= BOM.len()) {
                self.at_start = false;
                if self.buffer.starts_with(BOM) {
                    self.buffer.drain(..BOM.len());
                }
            }
        }
    }
}

fn next_item_start(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(newline) = bytes[at..].iter().position(|&b| b == b'\n') {
        let line = at + newline + 1;
        if bytes.get(line) == Some(&b'-')
            && matches!(bytes.get(line + 1), Some(b' ' | b'\n' | b'\r') | None)
        {
            return Some(line);
        }
        at = line;
    }
    None
}

#[cfg(test)]
pub(super) mod tests {
    use super::Pieces;

    /// `count` entities, each after a comment line (also read by `schedule.rs`'s tests).
    pub(in crate::load) fn entities_text(count: usize) -> String {
        (0..count)
            .map(|i| format!("# entity {i}\n- id: E{i}\n  name: \"Entity {i}\"\n  kind: person\n  aliases:\n    - A{i}\n"))
            .collect()
    }

    #[test]
    fn pieces_start_at_top_level_items() {
        let text = format!("\u{feff}{}", entities_text(50));
        let mut pieces = Pieces::new(text.as_bytes(), 100, Vec::new());
        let (mut joined, mut piece) = (Vec::new(), Vec::new());
        let mut count = 0;
        while let Some(offset) = pieces.next_piece(&mut piece).unwrap() {
            assert_eq!(offset, joined.len(), "pieces follow each other");
            if offset > 0 {
                assert!(piece.starts_with(b"- id: E"), "{:?}", &piece[..10]);
            }
            joined.extend_from_slice(&piece);
            count += 1;
        }
        assert!(count > 10, "{count}");
        assert_eq!(joined, text.trim_start_matches('\u{feff}').as_bytes());
    }
}
