//! Turning a file's bytes into text the parser can read, whatever editor last saved it.

/// Line and column (both from 1, column in characters) of byte offset `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, col)
}

/// Why bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// Decodes a document: UTF-8 with or without a byte-order mark, or UTF-16 with one (what
/// Windows Notepad writes as "Unicode"). Windows line endings become `\n`.
pub fn decode(bytes: &[u8]) -> Result<String, NotText> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8(rest)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else {
        utf8(bytes)?
    };
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

fn utf8(bytes: &[u8]) -> Result<String, NotText> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // Safe: `valid_up_to` is exactly the valid prefix.
            let prefix = std::str::from_utf8(good).unwrap_or_default();
            let (line, col) = line_col(prefix, prefix.len());
            Err(NotText {
                line,
                col,
                message: format!(
                    "the file is not UTF-8 text (byte 0x{:02X} at offset {}); save it as UTF-8",
                    bytes.get(e.valid_up_to()).copied().unwrap_or(0),
                    e.valid_up_to()
                ),
            })
        }
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, NotText> {
    if !bytes.len().is_multiple_of(2) {
        return Err(NotText {
            line: 1,
            col: 1,
            message: "the file is UTF-16 with an odd number of bytes (truncated?)".into(),
        });
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    for ch in char::decode_utf16(units) {
        match ch {
            Ok(c) => out.push(c),
            Err(_) => {
                let (line, col) = line_col(&out, out.len());
                return Err(NotText {
                    line,
                    col,
                    message: "the file is UTF-16 with a broken character".into(),
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let t = "ab\nçd\ne";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 5), (2, 2)); // after the two-byte ç
        assert_eq!(line_col(t, 99), (3, 2));
    }

    #[test]
    fn decodes_what_notepad_writes() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb").as_deref(), Ok("a\nb"));
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("é\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16le).as_deref(), Ok("é\n"));
        let err = decode(b"ok\n\xFFbad").expect_err("not utf-8");
        assert_eq!((err.line, err.col), (2, 1));
    }
}
