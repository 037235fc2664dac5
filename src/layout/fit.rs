//! Text fitting: every text wraps to as many lines as it needs inside its width, breaking at
//! spaces and after hyphens; a word longer than its line is hyphenated at a syllable boundary
//! for the map's language, with a visible hyphen (never split silently). Pure, given a way to
//! measure text ([`Measure`]): the canvas and every export measure with the same fonts, so the
//! screen and the slide break lines alike.

use crate::model::Language;
use hyphenation::{Hyphenator, Load, Standard};
use std::sync::OnceLock;

/// Measures text in layout units. Widths add up: the width of "ab" is that of "a" plus that
/// of "b" (glyph advances, no kerning across), which lets wrapping measure each word once.
pub trait Measure {
    /// The width of `text` on one line at font size `size`.
    fn width(&self, text: &str, size: f32) -> f32;
}

/// The height of one line of text at `size`.
pub fn line_height(size: f32) -> f32 {
    size * 1.25
}

/// One wrapped line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    /// The line ends in a hyphen the wrapping added (a word broken at a syllable).
    pub hyphenated: bool,
}

/// A text fitted into a box.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    pub lines: Vec<Line>,
    /// The font size it fitted at.
    pub size: f32,
    /// Lines were dropped and the last one ends in "…": the text did not fit even at the floor.
    pub shortened: bool,
}

impl Fitted {
    /// The height the lines take.
    pub fn height(&self) -> f32 {
        self.lines.len() as f32 * line_height(self.size)
    }

    /// The text as shown, lines joined by newlines.
    pub fn joined(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Fits `text` into `width`: at `size`, or a step smaller down to `floor` when that keeps it
/// within `max_lines`; at the floor, the lines beyond `max_lines` are dropped and the last
/// shown ends in "…". `max_lines: None` never shortens (the box grows instead).
pub fn fit(
    text: &str,
    width: f32,
    size: f32,
    floor: f32,
    max_lines: Option<usize>,
    lang: Language,
    m: &dyn Measure,
) -> Fitted {
    let lines = max_lines.unwrap_or(usize::MAX);
    let mut out = step_down(text, width, size, floor, lines, lang, m);
    if out.lines.len() > lines {
        shorten(&mut out, lines.max(1), width, m);
    }
    out
}

/// Fits `text` whole: at `size`, or a step smaller down to `floor` when that brings it to
/// `lines` lines; never shortened (at the floor it takes as many lines as it needs).
pub fn fit_whole(
    text: &str,
    width: f32,
    size: f32,
    floor: f32,
    lines: usize,
    lang: Language,
    m: &dyn Measure,
) -> Fitted {
    step_down(text, width, size, floor, lines, lang, m)
}

/// Wraps `text` at `size`, a step smaller each time down to `floor`, until it takes at most
/// `lines` lines; at the floor, however many it takes.
fn step_down(
    text: &str,
    width: f32,
    size: f32,
    floor: f32,
    lines: usize,
    lang: Language,
    m: &dyn Measure,
) -> Fitted {
    let mut at = size;
    loop {
        let wrapped = wrap(text, width, at, lang, m);
        if wrapped.len() <= lines || at - 1.0 < floor {
            return Fitted {
                lines: wrapped,
                size: at,
                shortened: false,
            };
        }
        at -= 1.0;
    }
}

/// Keeps `n` lines, the last ending in "…" within `width`.
fn shorten(f: &mut Fitted, n: usize, width: f32, m: &dyn Measure) {
    f.lines.truncate(n);
    f.shortened = true;
    if let Some(last) = f.lines.last_mut() {
        let mut t = last.text.trim_end_matches('-').trim_end().to_owned();
        while !t.is_empty() && m.width(&format!("{t}…"), f.size) > width {
            t.pop();
            t = t.trim_end().to_owned();
        }
        last.text = format!("{t}…");
        last.hyphenated = false;
    }
}

/// Wraps `text` into lines no wider than `width` at `size` (a single character wider than the
/// line is the only exception). Newlines in the text start new lines.
pub fn wrap(text: &str, width: f32, size: f32, lang: Language, m: &dyn Measure) -> Vec<Line> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        wrap_paragraph(para.trim_end(), width, size, lang, m, &mut lines);
    }
    lines
}

fn wrap_paragraph(
    para: &str,
    width: f32,
    size: f32,
    lang: Language,
    m: &dyn Measure,
    out: &mut Vec<Line>,
) {
    let mut line = String::new();
    // The line's width with its trailing spaces (widths add up, see [`Measure`]).
    let mut line_w = 0.0;
    for piece in pieces(para) {
        let trimmed = piece.trim_end();
        let piece_w = m.width(trimmed, size);
        if line_w + piece_w <= width {
            line.push_str(piece);
            line_w += piece_w + m.width(&piece[trimmed.len()..], size);
            continue;
        }
        if !line.trim().is_empty() {
            out.push(Line {
                text: line.trim_end().to_owned(),
                hyphenated: false,
            });
            line.clear();
        }
        let piece = piece.trim_start();
        if m.width(piece.trim_end(), size) <= width {
            line = piece.to_owned();
            line_w = m.width(piece, size);
            continue;
        }
        // One word longer than the line: break it at syllables, with a visible hyphen.
        let mut rest = piece.to_owned();
        while m.width(rest.trim_end(), size) > width {
            let Some(cut) = hyphen_cut(rest.trim_end(), width, size, lang, m) else {
                break;
            };
            let (head, tail) = rest.split_at(cut);
            let ends_in_hyphen = head.ends_with('-');
            out.push(Line {
                text: if ends_in_hyphen {
                    head.to_owned()
                } else {
                    format!("{head}-")
                },
                hyphenated: !ends_in_hyphen,
            });
            rest = tail.to_owned();
        }
        line_w = m.width(&rest, size);
        line = rest;
    }
    if !line.trim().is_empty() || out.is_empty() {
        out.push(Line {
            text: line.trim_end().to_owned(),
            hyphenated: false,
        });
    }
}

/// Splits a paragraph after each run of spaces and after each hyphen that follows a letter:
/// the places a line may break without hyphenating.
fn pieces(para: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = para.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let breaks = (c == ' ' && next != Some(' '))
            || (c == '-' && prev.is_some_and(char::is_alphanumeric) && next != Some(' '));
        if breaks {
            let end = i + c.len_utf8();
            out.push(&para[start..end]);
            start = end;
        }
        prev = Some(c);
    }
    if start < para.len() {
        out.push(&para[start..]);
    }
    out
}

/// Where to break `word` so that the head plus a hyphen fits `width`: the last syllable
/// boundary that fits, else (no boundary fits: a code, a URL) the last character that fits.
/// `None` when not even one character fits, or the word is one character.
fn hyphen_cut(word: &str, width: f32, size: f32, lang: Language, m: &dyn Measure) -> Option<usize> {
    let fits = |cut: usize| m.width(&format!("{}-", &word[..cut]), size) <= width;
    let syllables = syllable_breaks(word, lang);
    if let Some(cut) = syllables.into_iter().rev().find(|&c| fits(c)) {
        return Some(cut);
    }
    let mut cuts = word.char_indices().map(|(i, _)| i).skip(1);
    let first = cuts.next()?;
    Some(cuts.take_while(|&c| fits(c)).last().unwrap_or(first))
}

/// Byte offsets inside `word` where it may be hyphenated, from the language's patterns.
fn syllable_breaks(word: &str, lang: Language) -> Vec<usize> {
    static NL: OnceLock<Option<Standard>> = OnceLock::new();
    static EN: OnceLock<Option<Standard>> = OnceLock::new();
    let dict = match lang {
        Language::Nl => {
            NL.get_or_init(|| Standard::from_embedded(hyphenation::Language::Dutch).ok())
        }
        Language::En => {
            EN.get_or_init(|| Standard::from_embedded(hyphenation::Language::EnglishUS).ok())
        }
    };
    let Some(dict) = dict else {
        return Vec::new();
    };
    // Patterns know letters only: hyphenate each run of letters, keep offsets in the word.
    let mut out = Vec::new();
    let mut run_start = None;
    for (i, c) in word
        .char_indices()
        .chain(std::iter::once((word.len(), ' ')))
    {
        match (c.is_alphabetic(), run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                out.extend(
                    dict.hyphenate(&word[s..i])
                        .breaks
                        .into_iter()
                        .map(|b| s + b),
                );
                run_start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every character half the font size wide; wide characters (emoji, CJK) a full size.
    pub(crate) struct Mono;

    impl Measure for Mono {
        fn width(&self, text: &str, size: f32) -> f32 {
            text.chars()
                .map(|c| {
                    if (c as u32) > 0x2E80 {
                        size
                    } else {
                        size * 0.5
                    }
                })
                .sum()
        }
    }

    /// The text back from its lines: added hyphens removed, breaks at spaces as one space.
    fn rejoin(lines: &[Line]) -> String {
        let mut out = String::new();
        for (i, l) in lines.iter().enumerate() {
            if l.hyphenated {
                out.push_str(&l.text[..l.text.len() - 1]);
            } else {
                out.push_str(&l.text);
                let next_exists = i + 1 < lines.len();
                if next_exists && !l.text.ends_with('-') {
                    out.push(' ');
                }
            }
        }
        out
    }

    fn normalise(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn breaks_at_spaces_and_after_hyphens() {
        let lines = wrap(
            "Klant belt de klantenservice-medewerker",
            100.0,
            10.0,
            Language::Nl,
            &Mono,
        );
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Klant belt de", "klantenservice-", "medewerker"]);
        assert!(lines.iter().all(|l| !l.hyphenated), "no hyphen was added");
    }

    #[test]
    fn long_dutch_words_break_at_syllables_with_a_visible_hyphen() {
        // "Contactmomenten" at 10 px in 45 units: at most 9 characters a line.
        let lines = wrap("Contactmomenten", 45.0, 10.0, Language::Nl, &Mono);
        assert!(lines.len() >= 2);
        assert_eq!(lines[0].text, "Contact-", "at a syllable, not 'Contactmo'");
        assert!(lines[0].hyphenated);
        assert_eq!(lines[1].text, "momenten");
        assert_eq!(rejoin(&lines), "Contactmomenten");
        let lines = wrap("Verbeterkansen", 45.0, 10.0, Language::Nl, &Mono);
        assert_eq!(lines[0].text, "Verbeter-");
    }

    #[test]
    fn a_size_step_comes_before_shortening_and_shortening_says_so() {
        // Three lines at 14, two at 13.
        let f = fit(
            "een twee drie vier vijf zes",
            90.0,
            14.0,
            12.0,
            Some(2),
            Language::Nl,
            &Mono,
        );
        assert!(!f.shortened);
        assert_eq!(f.size, 13.0);
        assert_eq!(f.lines.len(), 2);
        let text = "een twee drie vier vijf zes zeven acht";
        let f = fit(text, 60.0, 14.0, 12.0, Some(2), Language::Nl, &Mono);
        assert!(f.shortened);
        assert_eq!(f.size, 12.0, "at the floor");
        assert_eq!(f.lines.len(), 2);
        assert!(f.lines[1].text.ends_with('…'));
        assert!(Mono.width(&f.lines[1].text, 12.0) <= 60.0);
        let all = fit(text, 60.0, 14.0, 12.0, None, Language::Nl, &Mono);
        assert!(
            !all.shortened && all.size == 14.0,
            "no limit: the box grows"
        );
    }

    #[test]
    fn a_whole_fit_steps_down_then_wraps_but_never_shortens() {
        // 24 characters: one line at 10 (120 units), not at 16 (192).
        let t = "Oriëntatie en overweging";
        let f = fit_whole(t, 130.0, 16.0, 10.0, 1, Language::Nl, &Mono);
        assert_eq!((f.lines.len(), f.size), (1, 10.0));
        let f = fit_whole(t, 130.0, 16.0, 13.0, 1, Language::Nl, &Mono);
        assert_eq!(f.size, 13.0);
        assert!(f.lines.len() > 1 && !f.shortened);
        assert_eq!(rejoin(&f.lines), t);
    }

    #[test]
    fn newlines_and_empty_text_are_kept() {
        let lines = wrap("één\ntwee", 500.0, 10.0, Language::Nl, &Mono);
        assert_eq!(lines.len(), 2);
        assert_eq!(wrap("", 100.0, 10.0, Language::En, &Mono).len(), 1);
    }

    fn texts() -> impl Strategy<Value = String> {
        prop_oneof![
            // Words of Dutch and English letters, some very long, with hyphens.
            proptest::collection::vec("[a-zA-Zëéï]{1,40}(-[a-z]{1,12})?", 1..30)
                .prop_map(|w| w.join(" ")),
            // No spaces at all (a URL, a code).
            "[a-z0-9/:.]{1,200}",
            // Emoji and wide characters between words.
            proptest::collection::vec("[a-z]{1,8}|😀|🚆|漢字", 1..40).prop_map(|w| w.join(" ")),
            // A 500-character body.
            proptest::collection::vec("[a-z]{2,12}", 60..90).prop_map(|w| w
                .join(" ")
                .chars()
                .take(500)
                .collect()),
        ]
    }

    proptest! {
        #[test]
        fn wrapped_text_never_overflows_and_never_breaks_a_word_silently(
            text in texts(),
            width in 40.0f32..400.0,
            nl in any::<bool>(),
        ) {
            let lang = if nl { Language::Nl } else { Language::En };
            let size = 12.0;
            let lines = wrap(&text, width, size, lang, &Mono);
            for l in &lines {
                let one_char = l.text.trim_end_matches('-').chars().count() <= 1;
                prop_assert!(
                    Mono.width(&l.text, size) <= width + 0.01 || one_char,
                    "{:?} is wider than {width}", l.text
                );
            }
            // Joining the lines gives the text back: every break is at a space, after a
            // hyphen of the text, or at a hyphen the wrapping shows.
            prop_assert_eq!(normalise(&rejoin(&lines)), normalise(&text));
        }
    }
}
