//! Numbers as consultants type them in a KPI: "12.000" (Dutch) or "12,000" (English) thousands,
//! "2,4%" or "2.4%", "1.2k", "3 mln", "+46". Read only where the text says one thing: "12.000"
//! in an English map could be twelve or twelve thousand, so it is refused, never guessed.

use super::Language;

/// A number read from a KPI's text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Written with a percent sign.
    pub percent: bool,
}

/// Why a text is not a number, in the user's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotANumber {
    /// No digits, or words around them ("veel", "ca. 40 per dag").
    NoNumber,
    /// "12.000" in an English map, "12,000" in a Dutch one.
    Ambiguous,
}

impl NotANumber {
    /// What is wrong, for a note on the map: "“veel” is not a number".
    pub fn describe(&self, text: &str, lang: Language) -> String {
        match self {
            NotANumber::NoNumber => match lang {
                Language::En => format!("“{text}” is not a number"),
                Language::Nl => format!("“{text}” is geen getal"),
            },
            NotANumber::Ambiguous => match lang {
                Language::En => format!("“{text}”: thousands or decimals? Write 12000 or 12.5"),
                Language::Nl => {
                    format!("“{text}”: duizendtallen of decimalen? Schrijf 12000 of 12,5")
                }
            },
        }
    }
}

/// Reads `text` as a number in the conventions of `lang` (see the module's notes).
pub fn parse_number(text: &str, lang: Language) -> Result<Number, NotANumber> {
    let mut t: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    let percent = t.ends_with('%');
    if percent {
        t.pop();
    }
    let lower = t.to_lowercase();
    let (digits, factor) = [
        ("mln", 1e6),
        ("mio", 1e6),
        ("m", 1e6),
        ("k", 1e3),
        ("dzd", 1e3),
    ]
    .iter()
    .find_map(|(suffix, f)| lower.strip_suffix(suffix).map(|d| (d.to_owned(), *f)))
    .unwrap_or((lower, 1.0));
    if percent && factor != 1.0 {
        return Err(NotANumber::NoNumber);
    }
    let (sign, digits) = match digits
        .strip_prefix('-')
        .or_else(|| digits.strip_prefix('−'))
    {
        Some(rest) => (-1.0, rest.to_owned()),
        None => (1.0, digits.strip_prefix('+').unwrap_or(&digits).to_owned()),
    };
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || !digits.starts_with(|c: char| c.is_ascii_digit())
        || !digits.ends_with(|c: char| c.is_ascii_digit())
    {
        return Err(NotANumber::NoNumber);
    }
    let plain = plain_digits(&digits, lang, factor != 1.0 || percent)?;
    let value: f64 = plain.parse().map_err(|_| NotANumber::NoNumber)?;
    Ok(Number {
        value: sign * value * factor,
        percent,
    })
}

/// `digits` (digits, dots and commas) as Rust reads a number: thousands separators dropped,
/// the decimal separator a dot. `fraction_likely`: a suffix or a percent sign follows, where a
/// single separator is a decimal one ("1.2k", "2,4%").
fn plain_digits(digits: &str, lang: Language, fraction_likely: bool) -> Result<String, NotANumber> {
    let dots = digits.matches('.').count();
    let commas = digits.matches(',').count();
    let decimal = match (dots, commas) {
        (0, 0) => None,
        // Both: the last one is the decimal separator ("1.234,5", "1,234.5").
        (_, _) if dots > 0 && commas > 0 => {
            let last = digits.rfind(['.', ',']).map(|i| &digits[i..=i]);
            let sep = last
                .and_then(|s| s.chars().next())
                .ok_or(NotANumber::NoNumber)?;
            let other = if sep == '.' { ',' } else { '.' };
            if digits.matches(sep).count() > 1 || !grouped(digits, other, sep) {
                return Err(NotANumber::NoNumber);
            }
            Some(sep)
        }
        // One kind, several times: thousands ("1.200.000").
        (n, 0) | (0, n) if n > 1 => {
            let sep = if dots > 0 { '.' } else { ',' };
            if !grouped(digits, sep, '\0') {
                return Err(NotANumber::NoNumber);
            }
            None
        }
        // One separator once.
        _ => {
            let sep = if dots > 0 { '.' } else { ',' };
            let after = digits.len() - digits.find(sep).map_or(0, |i| i + 1);
            if after != 3 || fraction_likely {
                Some(sep)
            } else {
                // "12.000": thousands where the map's language writes them so.
                let thousands = match lang {
                    Language::Nl => '.',
                    Language::En => ',',
                };
                if sep == thousands {
                    None
                } else {
                    return Err(NotANumber::Ambiguous);
                }
            }
        }
    };
    Ok(digits
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            c if Some(c) == decimal => Some('.'),
            _ => None,
        })
        .collect())
}

/// Whether the thousands separator `sep` groups the integer part in threes (before the
/// decimal separator `decimal`, if any).
fn grouped(digits: &str, sep: char, decimal: char) -> bool {
    let int = digits.split(decimal).next().unwrap_or(digits);
    let groups: Vec<&str> = int.split(sep).collect();
    groups.len() == 1
        || (groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3))
}

/// A share as the map's language writes it: "18 %", "2,4 %" (one decimal under 10 %).
pub fn format_percent(share: f64, lang: Language) -> String {
    let pct = share * 100.0;
    let text = if pct.abs() < 10.0 {
        format!("{pct:.1}")
    } else {
        format!("{pct:.0}")
    };
    let text = match lang {
        Language::Nl => text.replace('.', ","),
        Language::En => text,
    };
    format!("{text} %")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::{En, Nl};

    fn n(text: &str, lang: Language) -> Option<f64> {
        parse_number(text, lang).ok().map(|n| n.value)
    }

    #[test]
    fn numbers_are_read_as_each_language_writes_them() {
        assert_eq!(n("12.000", Nl), Some(12_000.0));
        assert_eq!(n("12,000", En), Some(12_000.0));
        assert_eq!(n("1.200.000", Nl), Some(1_200_000.0));
        assert_eq!(n("1,200,000", En), Some(1_200_000.0));
        assert_eq!(n("1.234,5", Nl), Some(1234.5));
        assert_eq!(n("1,234.5", En), Some(1234.5));
        assert_eq!(n("1.234,5", En), Some(1234.5), "both separators say it");
        assert_eq!(n("2,4%", Nl), Some(2.4));
        assert_eq!(n("2.4%", En), Some(2.4));
        assert_eq!(n("2,4", Nl), Some(2.4));
        assert_eq!(n("1.2k", En), Some(1200.0));
        assert_eq!(n("1,2k", Nl), Some(1200.0));
        assert_eq!(n("3 mln", Nl), Some(3_000_000.0));
        assert_eq!(n("+46", Nl), Some(46.0));
        assert_eq!(n("-3", En), Some(-3.0));
        assert_eq!(n("4 200", En), Some(4200.0));
        assert!(parse_number("18%", Nl).expect("reads").percent);
    }

    #[test]
    fn what_could_mean_two_things_or_nothing_is_refused() {
        assert_eq!(parse_number("12.000", En), Err(NotANumber::Ambiguous));
        assert_eq!(parse_number("12,000", Nl), Err(NotANumber::Ambiguous));
        for text in [
            "veel",
            "",
            "ca. 40",
            "40 per dag",
            "1.2.3,4,5",
            "12.00.0",
            "%",
            "k",
            "1,2k%",
        ] {
            assert!(parse_number(text, Nl).is_err(), "{text}");
        }
        assert!(
            NotANumber::Ambiguous
                .describe("12.000", En)
                .contains("thousands or decimals")
        );
        assert_eq!(
            NotANumber::NoNumber.describe("veel", Nl),
            "“veel” is geen getal"
        );
    }

    #[test]
    fn shares_are_written_in_the_maps_language() {
        assert_eq!(format_percent(0.18, Nl), "18 %");
        assert_eq!(format_percent(0.024, Nl), "2,4 %");
        assert_eq!(format_percent(0.024, En), "2.4 %");
    }

    proptest::proptest! {
        /// Whole numbers written with the language's thousands separator read back exactly.
        #[test]
        fn written_numbers_read_back(v in 0u64..10_000_000_000, nl: bool) {
            let lang = if nl { Nl } else { En };
            let digits = v.to_string();
            let sep = if nl { '.' } else { ',' };
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    grouped.push(sep);
                }
                grouped.push(c);
            }
            proptest::prop_assert_eq!(n(&grouped, lang), Some(v as f64));
        }
    }
}
