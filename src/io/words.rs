//! Refusals and warnings in the user's language. The readers write their messages in English
//! (tests, logs and `--json` rely on that wording); this turns one into Dutch for a Dutch user,
//! sentence by sentence from a table of templates. What the user wrote (quoted titles, ids,
//! field names, numbers) passes through untouched.

use crate::model::Language;

/// `message` in `lang`: as written for English; in Dutch through the templates below. A
/// sentence no template knows stays English (a test checks the hostile corpus has none).
pub fn in_language(message: &str, lang: Language) -> String {
    match lang {
        Language::En => message.to_owned(),
        Language::Nl => message
            .split('\n')
            .map(dutch_line)
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// One line: the whole line by a template, or its parts ("subject: message", "a; b").
fn dutch_line(line: &str) -> String {
    let lead = line.len() - line.trim_start().len();
    let (indent, body) = line.split_at(lead);
    // "  - card "c1": …" in a list of problems.
    if let Some(rest) = body.strip_prefix("- ") {
        return format!("{indent}- {}", dutch_sentence(rest));
    }
    format!("{indent}{}", dutch_sentence(body))
}

fn dutch_sentence(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    // The list of problems closes with a ")" after its last line.
    if s.ends_with(')') && s.matches(')').count() > s.matches('(').count() {
        return format!("{})", dutch_sentence(&s[..s.len() - 1]));
    }
    // A trailing "(and 3 more problems:" opens a list.
    if let Some((head, n)) = split_more(s) {
        return format!("{} (en nog {n} problemen:", dutch_sentence(head));
    }
    // Clauses first ("what; what to do", "where: what"), so a template's last slot never
    // swallows the next clause.
    for sep in ["; ", ": ", ". "] {
        if let Some((a, b)) = split_outside_quotes(s, sep) {
            return format!("{}{sep}{}", dutch_sentence(a), dutch_sentence(b));
        }
    }
    by_template(s).unwrap_or_else(|| s.to_owned())
}

/// "x (and 3 more problems:" → ("x", 3).
fn split_more(s: &str) -> Option<(&str, usize)> {
    let at = s.rfind(" (and ")?;
    let tail = &s[at + " (and ".len()..];
    let n = tail.strip_suffix(" more problems:")?.parse().ok()?;
    Some((&s[..at], n))
}

/// Splits at the first `sep` that is not inside quotes.
fn split_outside_quotes<'a>(s: &'a str, sep: &str) -> Option<(&'a str, &'a str)> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '`') => quote = Some(c),
            (None, '“') => quote = Some('”'),
            (Some(q), c) if c == q => quote = None,
            (None, _) if s[i..].starts_with(sep) => {
                return Some((&s[..i], &s[i + sep.len()..]));
            }
            _ => {}
        }
    }
    None
}

/// The template whose English matches all of `s` most closely (the most fixed words), filled
/// in Dutch.
fn by_template(s: &str) -> Option<String> {
    let (_, nl, slots) = TEMPLATES
        .iter()
        .filter_map(|(en, nl)| {
            let fixed = en.len() - 2 * en.matches("{}").count();
            Some((fixed, *nl, matches(en, s)?))
        })
        .max_by_key(|(fixed, _, _)| *fixed)?;
    let mut out = String::new();
    let mut rest = nl;
    let mut next = 0;
    while let Some(at) = rest.find("{}").or_else(|| numbered_slot(rest)) {
        out.push_str(&rest[..at]);
        let close = rest[at..].find('}')? + at;
        let name = &rest[at + 1..close];
        let i = if name.is_empty() {
            next += 1;
            next - 1
        } else {
            name.parse().ok()?
        };
        out.push_str(&slot_in_dutch(slots.get(i)?));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// Where a `{0}`-style slot starts in a Dutch template (braces around other text are text).
fn numbered_slot(s: &str) -> Option<usize> {
    s.match_indices('{').map(|(i, _)| i).find(|&i| {
        let tail = &s[i + 1..];
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && tail[digits..].starts_with('}')
    })
}

/// A filled-in slot: user text passes as is; our own words inside it (a subject such as
/// `card "c1"`, a list "one of …") are translated too.
fn slot_in_dutch(slot: &str) -> String {
    by_template(slot).unwrap_or_else(|| slot.to_owned())
}

/// Matches `s` against a template with `{}` slots (each matching any text, the shortest that
/// lets the rest match); returns the slots' texts.
fn matches(template: &str, s: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = template.split("{}").collect();
    let first = parts[0];
    let mut rest = s.strip_prefix(first)?;
    let mut slots = Vec::new();
    for (k, lit) in parts.iter().enumerate().skip(1) {
        let last = k == parts.len() - 1;
        if last {
            let slot = rest.strip_suffix(lit)?;
            if slot.is_empty() && !lit.is_empty() {
                // An empty slot is allowed, but not one that swallowed nothing by accident.
            }
            slots.push(slot.to_owned());
            rest = "";
        } else {
            let at = rest.find(lit)?;
            slots.push(rest[..at].to_owned());
            rest = &rest[at + lit.len()..];
        }
    }
    (parts.len() > 1 || rest.is_empty()).then_some(slots)
}

/// English template → Dutch. `{}` takes the slots in order; `{0}`, `{1}`… when Dutch puts
/// them in another order. Longer, more specific templates first.
const TEMPLATES: &[(&str, &str)] = &[
    // The loader.
    (
        "a journey map starts with `{}`",
        "een journey map begint met `{}`",
    ),
    ("the file is empty", "het bestand is leeg"),
    (
        "this looks like JSON, not a journey map",
        "dit lijkt JSON, geen journey map",
    ),
    ("this is not a journey map", "dit is geen journey map"),
    (
        "the file is not a journey map",
        "het bestand is geen journey map",
    ),
    (
        "this is a folder, not a journey map",
        "dit is een map op schijf, geen journey map",
    ),
    (
        "the file ends too early (a bracket or quote is not closed?)",
        "het bestand houdt te vroeg op (een haakje of aanhalingsteken niet gesloten?)",
    ),
    (
        "the file nests more than {} levels deep",
        "het bestand is meer dan {} niveaus diep genest",
    ),
    ("a journey map never does", "dat doet een journey map nooit"),
    (
        "expected a `version: 1` field at the top of the map",
        "verwacht een veld `version: 1` bovenaan de kaart",
    ),
    ("is this a journey map?", "is dit wel een journey map?"),
    (
        "format version 0 does not exist",
        "formaatversie 0 bestaat niet",
    ),
    ("expected 1", "verwacht: 1"),
    (
        "this map was written in format version {} by a newer journey-map",
        "deze kaart is in formaatversie {} geschreven door een nieuwere journey-map",
    ),
    (
        "this journey-map reads format versions up to {}",
        "deze journey-map leest formaatversies tot en met {}",
    ),
    (
        "Update journey-map to open it",
        "Werk journey-map bij om haar te openen",
    ),
    (
        "the file has not been changed.",
        "het bestand is niet gewijzigd.",
    ),
    ("the file is {} MiB", "het bestand is {} MiB"),
    (
        "a journey map may be at most {} MiB",
        "een journey map mag hoogstens {} MiB zijn",
    ),
    ("no such file", "dat bestand bestaat niet"),
    ("permission denied", "geen toestemming om het te lezen"),
    (
        "cannot read the file{}",
        "het bestand kan niet gelezen worden{}",
    ),
    (
        "the file is not UTF-8 text (byte {} at offset {})",
        "het bestand is geen UTF-8-tekst (byte {} op positie {})",
    ),
    ("save it as UTF-8", "sla het op als UTF-8"),
    ("unknown field `{}` in {}", "onbekend veld `{}` in {}"),
    ("unknown field `{}`", "onbekend veld `{}`"),
    ("expected one of {}", "verwacht een van {}"),
    ("missing field `{}` in {}", "veld `{}` ontbreekt in {}"),
    ("missing field `{}`", "veld `{}` ontbreekt"),
    // The reader's own sentences, lower-cased, with our names for its types.
    (
        "expected opening `{}` for {}",
        "verwacht een openend `{}` voor {}",
    ),
    ("expected opening `{}`", "verwacht een openend `{}`"),
    ("expected closing `{}`", "verwacht een sluitend `{}`"),
    ("expected comma", "verwacht een komma"),
    (
        "expected string",
        "verwacht een tekst tussen aanhalingstekens",
    ),
    (
        "expected a string",
        "verwacht een tekst tussen aanhalingstekens",
    ),
    (
        "expected string or bytes",
        "verwacht een tekst tussen aanhalingstekens",
    ),
    ("expected integer", "verwacht een geheel getal"),
    ("expected float", "verwacht een getal"),
    ("expected boolean", "verwacht true of false"),
    ("expected identifier", "verwacht een naam"),
    ("expected array", "verwacht een lijst `[…]`"),
    ("expected map", "verwacht een tabel `{…}`"),
    ("expected option", "verwacht Some(…) of None"),
    ("expected char", "verwacht één teken"),
    ("expected unit", "verwacht `()`"),
    ("expected struct {}", "verwacht {}"),
    ("expected {}, found {}", "verwacht {}, gevonden: {}"),
    (
        "expected {} but found {} instead",
        "verwacht {}, gevonden: {}",
    ),
    ("expected {} but found {}", "verwacht {}, gevonden: {}"),
    ("unexpected {}", "onverwacht: {}"),
    ("invalid escape sequence {}", "ongeldige escape-reeks {}"),
    ("non-identifier {}", "geen naam: {}"),
    ("unknown value `{}` for {}", "onbekende waarde `{}` voor {}"),
    ("unknown value `{}`", "onbekende waarde `{}`"),
    (
        "the field `{}` appears twice in {}",
        "het veld `{}` staat er twee keer in {}",
    ),
    (
        "the field `{}` appears twice",
        "het veld `{}` staat er twee keer",
    ),
    ("expected a colon `:`", "verwacht een dubbele punt `:`"),
    (
        "a text is not closed with `\"`",
        "een tekst is niet gesloten met `\"`",
    ),
    (
        "`{}` cannot be used as a name here",
        "`{}` kan hier niet als naam dienen",
    ),
    ("unexpected character {}", "onverwacht teken {}"),
    (
        "there is more text after the end of the map",
        "na het einde van de kaart staat nog tekst",
    ),
    ("a number is too large", "een getal is te groot"),
    ("a KPI", "een KPI"),
    ("a position (`at`)", "een positie (`at`)"),
    ("a loop-back", "een terugkoppeling"),
    ("a colour", "een kleur"),
    ("a picture", "een afbeelding"),
    ("the map's style", "de stijl van de kaart"),
    ("a scale", "een schaal"),
    ("a lane kind", "een soort rij"),
    ("a curve kind", "een soort curve"),
    (
        "a curve variant (as-is or to-be)",
        "een curvevariant (huidig of gewenst)",
    ),
    ("an evidence level", "een onderbouwingsniveau"),
    ("a channel", "een kanaal"),
    ("a language", "een taal"),
    ("a string", "een tekst"),
    ("a sequence", "een lijst"),
    ("a map", "een tabel"),
    ("a boolean", "true of false"),
    ("an integer", "een geheel getal"),
    ("a number", "een getal"),
    ("the file", "het bestand"),
    ("the journey", "de klantreis"),
    ("an emotion curve", "een emotiecurve"),
    ("an emotion point", "een punt van de emotiecurve"),
    ("a card", "een kaartje"),
    ("a phase", "een fase"),
    ("a lane", "een rij"),
    ("a persona", "een persona"),
    ("a step", "een stap"),
    // Checks of a map that parses (subjects, then what is wrong).
    ("card {}", "kaartje {}"),
    ("phase {}", "fase {}"),
    ("lane {}", "rij {}"),
    ("step {}", "stap {}"),
    ("persona {}", "persona {}"),
    ("emotion curve {}", "emotiecurve {}"),
    ("kpi {}", "KPI {}"),
    ("loop-back {}", "terugkoppeling {}"),
    ("card", "kaartje"),
    ("phase", "fase"),
    ("lane", "rij"),
    ("step", "stap"),
    ("emotion curve", "emotiecurve"),
    ("kpi", "KPI"),
    ("loop-back", "terugkoppeling"),
    ("has an empty id", "heeft een lege id"),
    ("the id {} is used twice", "de id {} komt twee keer voor"),
    (
        "every {} needs its own id",
        "elke {} heeft een eigen id nodig",
    ),
    ("none exist", "er zijn er geen"),
    ("one of {} …", "een van {} …"),
    ("one of {}", "een van {}"),
    (
        "expected a phase id ({}), found {}",
        "verwacht een fase-id ({}), gevonden: {}",
    ),
    (
        "expected a step id of phase {} ({}), found {}",
        "verwacht een stap-id van fase {} ({}), gevonden: {}",
    ),
    (
        "expected a lane id ({}), found {}",
        "verwacht een rij-id ({}), gevonden: {}",
    ),
    (
        "expected a persona id ({}), found {}",
        "verwacht een persona-id ({}), gevonden: {}",
    ),
    (
        "expected a height from {} to {}, found {}",
        "verwacht een hoogte van {} tot {}, gevonden: {}",
    ),
    (
        "expected a column width from {} to {}, found {}",
        "verwacht een kolombreedte van {} tot {}, gevonden: {}",
    ),
    (
        "expected a picture of at most {}×{} pixels, found {}",
        "verwacht een afbeelding van hoogstens {}×{} pixels, gevonden: {}",
    ),
    (
        "expected a level of the emotion scale, found {}",
        "verwacht een niveau van de emotieschaal, gevonden: {}",
    ),
    (
        "expected the name of a built-in channel for the icon (see `journey-map channels`), found {}",
        "verwacht de naam van een ingebouwd kanaal als pictogram (zie `journey-map channels`), gevonden: {}",
    ),
    (
        "expected a span from 1 to {} (the columns left from where the card starts), found {}",
        "verwacht een breedte van 1 tot {} kolommen (wat er over is vanaf de kolom waar het kaartje begint), gevonden: {}",
    ),
    (
        "expected the engagement scale of a dramatic arc, 1 to 5, found {} to {}",
        "verwacht de schaal van een spanningsboog, 1 tot 5, gevonden: {} tot {}",
    ),
    (
        "expected a scale of 3 to 10 levels, found {} to {} ({} levels)",
        "verwacht een schaal van 3 tot 10 niveaus, gevonden: {} tot {} ({} niveaus)",
    ),
    (
        "expected {} level labels (one per level) or none, found {}",
        "verwacht {} namen van niveaus (één per niveau) of geen, gevonden: {}",
    ),
    (
        "has two points in the same column (phase {})",
        "heeft twee punten in dezelfde kolom (fase {})",
    ),
    ("expected at most one", "verwacht hoogstens één"),
    (
        "expected a value from {} to {}, found {}",
        "verwacht een waarde van {} tot {}, gevonden: {}",
    ),
    // Pictures.
    (
        "the image file is {} MiB",
        "het afbeeldingsbestand is {} MiB",
    ),
    ("pick one under {} MiB", "kies er een onder {} MiB"),
    (
        "the picture is larger than {}×{} pixels",
        "de afbeelding is groter dan {}×{} pixels",
    ),
    (
        "the picture on the clipboard is incomplete",
        "de afbeelding op het klembord is onvolledig",
    ),
    (
        "the scaled image is still too large to embed",
        "de verkleinde afbeelding is nog te groot om in te voegen",
    ),
    (
        "cannot encode the image{}",
        "de afbeelding kan niet worden opgeslagen{}",
    ),
    (
        "cannot read the image{}",
        "de afbeelding kan niet gelezen worden{}",
    ),
    (
        "expected a PNG, JPEG or WebP image, found {}",
        "verwacht een PNG-, JPEG- of WebP-afbeelding, gevonden: {}",
    ),
    (
        "expected a PNG, JPEG or WebP image",
        "verwacht een PNG-, JPEG- of WebP-afbeelding",
    ),
    ("this is not an image", "dit is geen afbeelding"),
    ("another type", "een ander soort bestand"),
    (
        "the image is larger than {}×{} pixels or needs too much memory",
        "de afbeelding is groter dan {}×{} pixels of vraagt te veel geheugen",
    ),
    (
        "the image is damaged or cut short",
        "de afbeelding is beschadigd of afgebroken",
    ),
    (
        "save it again and retry",
        "sla haar opnieuw op en probeer het nog eens",
    ),
    (
        "the PNG holds more than {} MiB of data, more than any journey map",
        "de PNG bevat meer dan {} MiB aan gegevens, meer dan welke journey map ook",
    ),
    (
        "the map inside the PNG unpacks to more than {} MiB, more than any journey map",
        "de kaart in de PNG pakt uit tot meer dan {} MiB, meer dan welke journey map ook",
    ),
    (
        "the picture was not made by journey-map or is damaged",
        "de afbeelding is niet door journey-map gemaakt of is beschadigd",
    ),
    (
        "the PNG is damaged (cut short or corrupted)",
        "de PNG is beschadigd (afgebroken of verminkt)",
    ),
    (
        "export the picture again",
        "exporteer de afbeelding opnieuw",
    ),
    (
        "the map inside the PNG is damaged",
        "de kaart in de PNG is beschadigd",
    ),
    (
        "export the picture again from journey-map",
        "exporteer de afbeelding opnieuw uit journey-map",
    ),
    ("the SVG is not UTF-8 text", "de SVG is geen UTF-8-tekst"),
    (
        "this PDF holds no journey map",
        "deze PDF bevat geen journey map",
    ),
    (
        "only PDFs exported by journey-map carry one",
        "alleen PDF's die journey-map exporteert bevatten er een",
    ),
    (
        "this deck holds no journey map",
        "deze presentatie bevat geen journey map",
    ),
    (
        "only decks exported by journey-map carry one",
        "alleen presentaties die journey-map exporteert bevatten er een",
    ),
    (
        "not a PNG or SVG image, a PDF or a PowerPoint deck",
        "geen PNG- of SVG-afbeelding, PDF of PowerPoint-presentatie",
    ),
    (
        "this image holds no journey map",
        "deze afbeelding bevat geen journey map",
    ),
    (
        "only pictures exported by journey-map carry one",
        "alleen afbeeldingen die journey-map exporteert bevatten er een",
    ),
    // Importers: where, then what.
    ("cell {}", "cel {}"),
    ("line {}", "regel {}"),
    ("row {}", "rij {}"),
    (
        "not a file journey-map imports",
        "geen bestand dat journey-map importeert",
    ),
    ("it reads {}", "het leest {}"),
    (
        "expected a spreadsheet (.csv, .tsv, .xlsx or .ods)",
        "verwacht een rekenblad (.csv, .tsv, .xlsx of .ods)",
    ),
    (
        "the file is too large to import",
        "het bestand is te groot om te importeren",
    ),
    (
        "--index needs a Markdown file with ```mermaid blocks",
        "--index werkt alleen op een Markdown-bestand met ```mermaid-blokken",
    ),
    (
        "the Markdown has no ```mermaid block with a journey diagram",
        "de Markdown heeft geen ```mermaid-blok met een journey-diagram",
    ),
    (
        "the Markdown has {} journey diagram(s)",
        "de Markdown heeft {} journey-diagram(men)",
    ),
    ("there is no number {}", "er is geen nummer {}"),
    (
        "expected `journey` to start the diagram, found {}",
        "verwacht `journey` aan het begin van het diagram, gevonden: {}",
    ),
    (
        "this accDescr { … } block is never closed with `}`",
        "dit accDescr { … }-blok wordt nergens gesloten met `}`",
    ),
    (
        "expected a score from 1 to 5 after {}, found {}",
        "verwacht een score van 1 tot 5 na {}, gevonden: {}",
    ),
    (
        "expected a score from 1 to 5",
        "verwacht een score van 1 tot 5",
    ),
    (
        "score {} of {} is outside mermaid's 1–5",
        "score {} van {} valt buiten mermaids 1–5",
    ),
    ("read as {}", "gelezen als {}"),
    (
        "expected a mermaid `journey` diagram",
        "verwacht een mermaid-diagram `journey`",
    ),
    ("the file has none", "het bestand heeft er geen"),
    (
        "a journey may have at most {} {}",
        "een klantreis mag hoogstens {} {} hebben",
    ),
    (
        "the blank template has no Actions lane",
        "het lege sjabloon heeft geen rij Doen",
    ),
    (
        "the diagram has no sections or tasks",
        "het diagram heeft geen secties of taken",
    ),
    (
        "the map has one empty phase",
        "de kaart krijgt één lege fase",
    ),
    ("more than {} rows", "meer dan {} rijen"),
    ("more than {} columns", "meer dan {} kolommen"),
    ("more than {} cards", "meer dan {} kaartjes"),
    (
        "a journey map has far fewer",
        "een journey map heeft er veel minder",
    ),
    (
        "the cell holds more than {} characters",
        "de cel bevat meer dan {} tekens",
    ),
    (
        "the file is not a workbook journey-map can read (.xlsx or .ods)",
        "het bestand is geen werkmap die journey-map kan lezen (.xlsx of .ods)",
    ),
    ("the workbook has no sheets", "de werkmap heeft geen bladen"),
    (
        "the workbook's first sheet cannot be read",
        "het eerste blad van de werkmap kan niet gelezen worden",
    ),
    (
        "the workbook has more than {} parts",
        "de werkmap heeft meer dan {} onderdelen",
    ),
    (
        "it is not a journey map (a zip bomb?)",
        "het is geen journey map (een zipbom?)",
    ),
    ("it is not a journey map", "het is geen journey map"),
    (
        "the workbook unpacks to more than {} MB",
        "de werkmap pakt uit tot meer dan {} MB",
    ),
    ("the file is not UTF-8", "het bestand is geen UTF-8"),
    (
        "read as Windows-1252 (what Excel on Windows writes)",
        "gelezen als Windows-1252 (wat Excel op Windows schrijft)",
    ),
    (
        "expected a phase, a KPI name and a value in the first three columns",
        "verwacht een fase, een KPI-naam en een waarde in de eerste drie kolommen",
    ),
    (
        "the map has no phase {} (it has {})",
        "de kaart heeft geen fase {} (wel: {})",
    ),
    ("the sheet is empty", "het blad is leeg"),
    (
        "expected phase names in the first row",
        "verwacht fasenamen in de eerste rij",
    ),
    ("no phase names", "geen fasenamen"),
    (
        "expected them in the first row, from the second column on",
        "verwacht ze in de eerste rij, vanaf de tweede kolom",
    ),
    (
        "the column has no phase name",
        "de kolom heeft geen fasenaam",
    ),
    ("named {}", "genoemd: {}"),
    (
        "{} is not a lane kind journey-map knows",
        "{} is geen soort rij die journey-map kent",
    ),
    ("read as a notes lane", "gelezen als rij voor notities"),
    ("{} is not a number", "{} is geen getal"),
    ("left out of the curve", "weggelaten uit de curve"),
    (
        "{} is outside the scale {}..{}",
        "{} valt buiten de schaal {}..{}",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_and_quotes_pass_through() {
        assert_eq!(in_language("anything", Language::En), "anything");
        assert_eq!(
            matches("a {} b {}", "a x b y"),
            Some(vec!["x".into(), "y".into()])
        );
        assert_eq!(matches("a {} b", "a x c"), None);
        assert_eq!(matches("exact", "exact"), Some(vec![]));
        assert_eq!(
            split_outside_quotes(r#"card "a: b": bad"#, ": "),
            Some((r#"card "a: b""#, "bad"))
        );
        let nl = |s: &str| in_language(s, Language::Nl);
        // The closest template wins, and our words inside a slot are ours too.
        assert_eq!(
            nl("“Kopje” is not a lane kind journey-map knows; read as a notes lane"),
            "“Kopje” is geen soort rij die journey-map kent; gelezen als rij voor notities"
        );
        assert_eq!(
            nl("unknown field `kleur` in a card; expected one of `id`, `title`"),
            "onbekend veld `kleur` in een kaartje; verwacht een van `id`, `title`"
        );
        assert_eq!(
            nl(
                "card \"c1\": expected a lane id (one of \"l1\"), found \"l9\" (and 1 more problems:\n  - phase \"p1\": has an empty id)"
            ),
            "kaartje \"c1\": verwacht een rij-id (een van \"l1\"), gevonden: \"l9\" (en nog 1 problemen:\n  - fase \"p1\": heeft een lege id)"
        );
        assert_eq!(
            nl("the map has no phase “X” (it has “A”, “B”)"),
            "de kaart heeft geen fase “X” (wel: “A”, “B”)"
        );
    }
}
