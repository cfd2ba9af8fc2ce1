//! EventBridge's `wildcard` operator: `*` stands for any run of characters, `\*` for a star
//! and `\\` for a backslash.

/// A parsed wildcard pattern: the literal pieces between its stars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wildcard {
    pieces: Vec<String>,
}

impl Wildcard {
    /// Reads `text`; the error is EventBridge's reason (its guide refuses consecutive stars).
    pub fn parse(text: &str) -> Result<Wildcard, String> {
        let mut pieces = vec![String::new()];
        let mut chars = text.chars().enumerate().peekable();
        while let Some((at, c)) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some((_, e @ ('*' | '\\'))) => current(&mut pieces).push(e),
                    _ => return Err(format!("Invalid escape character at pos {at}")),
                },
                '*' if matches!(chars.peek(), Some((_, '*'))) => {
                    return Err(format!("Consecutive wildcard characters at pos {}", at + 1));
                }
                '*' => pieces.push(String::new()),
                c => current(&mut pieces).push(c),
            }
        }
        Ok(Wildcard { pieces })
    }

    /// Whether `text` matches: it starts with the first piece, ends with the last, and holds
    /// the others in order between them (a leftmost search suffices for `*` alone).
    pub fn matches(&self, text: &str) -> bool {
        let (first, rest) = self.pieces.split_first().expect("one piece at least");
        let Some((last, middle)) = rest.split_last() else {
            return text == first;
        };
        let Some(inside) = text.strip_prefix(first.as_str()) else {
            return false;
        };
        let Some(mut inside) = inside.strip_suffix(last.as_str()) else {
            return false;
        };
        for piece in middle {
            match inside.find(piece.as_str()) {
                Some(at) => inside = &inside[at + piece.len()..],
                None => return false,
            }
        }
        true
    }
}

fn current(pieces: &mut [String]) -> &mut String {
    pieces.last_mut().expect("one piece at least")
}
