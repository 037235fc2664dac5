//! The title band: the map's title and description, and a card per persona.

use super::*;

pub(super) fn paint_header(
    c: &mut Canvas<'_, '_>,
    j: &Journey,
    l: &MapLayout,
    h: Rect,
    opts: &PaintOptions,
) {
    let th = &opts.theme;
    c.rect(h, 10.0, th.header_bg);
    c.outline(h, 10.0, 1.0, th.grid_line);
    let personas_w = l
        .personas
        .iter()
        .map(|(_, r)| r.left())
        .fold(h.right(), f32::min);
    let text_w = (personas_w - h.left() - 40.0).max(200.0);
    let mut y = h.top() + 16.0;
    // The title whole: a size smaller rather than cut short (at the last size, as it must).
    let title = |size: f32| TextJob::new(&j.title, pos2(h.left() + 20.0, y), size, th.text, text_w);
    y += [28.0, 24.0, 20.0]
        .into_iter()
        .find_map(|size| c.text_whole(title(size).rows(2)))
        .unwrap_or_else(|| c.text(title(16.0).rows(3)))
        .y
        + 6.0;
    // As many whole sentences of the description as fit; none when not even one does.
    let rows = rows_left(y, h.bottom() - 8.0, 14.0).min(4);
    if rows > 0 {
        for text in sentence_prefixes(&j.description) {
            let job = TextJob::new(text, pos2(h.left() + 20.0, y), 14.0, th.text_muted, text_w);
            if c.text_whole(job.rows(rows)).is_some() {
                break;
            }
        }
    }
    for (id, r) in &l.personas {
        if let Some(p) = j.personas.iter().find(|p| &p.id == id) {
            paint_persona(c, j, p, *r, opts);
        }
    }
}

pub(super) fn paint_persona(
    c: &mut Canvas<'_, '_>,
    j: &Journey,
    p: &crate::model::Persona,
    r: Rect,
    opts: &PaintOptions,
) {
    let th = &opts.theme;
    c.rect(r, 8.0, th.lane_bg[1]);
    // A monogram in the persona's curve colour stands in for the photo.
    let index = j.personas.iter().position(|x| x.id == p.id).unwrap_or(0);
    let avatar = Rect::from_min_size(r.min + vec2(12.0, 12.0), vec2(56.0, 56.0));
    let mine = Picture::Persona(p.id.clone());
    if let Some((_, tex)) = opts.photos.iter().find(|(id, _)| id == &mine) {
        let screen = c.t.mul_rect(avatar);
        let radius = (28.0 * c.t.scaling).round().clamp(0.0, 255.0) as u8;
        let shape = epaint::RectShape::filled(screen, CornerRadius::same(radius), Color32::WHITE)
            .with_texture(*tex, Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)));
        c.shapes.push(Shape::Rect(shape));
    } else {
        c.rect(avatar, 28.0, CURVE_COLORS[index % CURVE_COLORS.len()]);
        let initials: String = p
            .name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .take(2)
            .collect();
        c.text(
            TextJob::new(
                &initials,
                avatar.min + vec2(0.0, 16.0),
                20.0,
                Color32::WHITE,
                56.0,
            )
            .align(Align::Center),
        );
    }
    let tx = avatar.right() + 12.0;
    let tw = r.right() - tx - 12.0;
    let mut y = r.top() + 10.0;
    y += c
        .text(TextJob::new(&p.name, pos2(tx, y), 18.0, th.text, tw))
        .y
        + 2.0;
    let mut facts = vec![p.role.clone()];
    if let Some(age) = p.age {
        facts.push(
            opts.lang
                .pick(&format!("{age} years"), &format!("{age} jaar"))
                .to_owned(),
        );
    }
    facts.push(p.location.clone());
    let facts: Vec<String> = facts.into_iter().filter(|f| !f.is_empty()).collect();
    // Each further line only where the card has room for it.
    let bottom = r.bottom() - 6.0;
    let rows = rows_left(y, bottom, 12.0).min(2);
    if rows == 0 {
        return;
    }
    // As many facts as fit whole, the role first; a fact that does not fit is left out, never
    // cut short (the persona's own panel has them all).
    if let Some(size) = (1..=facts.len()).rev().find_map(|n| {
        let line = facts[..n].join(" · ");
        c.text_whole(TextJob::new(&line, pos2(tx, y), 12.0, th.text_muted, tw).rows(rows))
    }) {
        y += size.y + 4.0;
    }
    let rows = rows_left(y, bottom, 13.0).min(2);
    if !p.quote.is_empty() && rows > 0 {
        let quote = format!("“{}”", p.quote);
        if let Some(size) =
            c.text_whole(TextJob::new(&quote, pos2(tx, y), 13.0, th.text, tw).rows(rows))
        {
            y += size.y + 4.0;
        }
    }
    if let Some(goal) = p.goals.first()
        && rows_left(y, bottom, 12.0) > 0
    {
        let goal = format!("{} {goal}", opts.lang.pick("Goal:", "Doel:"));
        c.text_whole(TextJob::new(&goal, pos2(tx, y), 12.0, th.text_muted, tw).rows(1));
    }
}

/// A channel's name beside its icon: whole, or its first part ("Telefoon" of "Telefoon /
/// callcenter"), or nothing (the icon and the legend say it), never cut short.
pub(super) fn channel_label(c: &mut Canvas<'_, '_>, label: &str, job: TextJob<'_>) {
    if c.text_whole(TextJob { text: label, ..job }).is_none()
        && let Some((short, _)) = label.split_once(" / ")
    {
        c.text_whole(TextJob { text: short, ..job });
    }
}

/// `text`, then each shorter prefix of it that ends a sentence, longest first.
pub(super) fn sentence_prefixes(text: &str) -> impl Iterator<Item = &str> {
    let text = text.trim();
    let ends = text.char_indices().filter_map(move |(i, ch)| {
        let next = text[i + ch.len_utf8()..].chars().next();
        (matches!(ch, '.' | '!' | '?') && next.is_some_and(char::is_whitespace))
            .then_some(i + ch.len_utf8())
    });
    let mut ends: Vec<usize> = ends.collect();
    ends.reverse();
    std::iter::once(text).chain(ends.into_iter().map(move |e| &text[..e]))
}

/// How many rows of text of `size` fit between `y` and `bottom`.
pub(super) fn rows_left(y: f32, bottom: f32, size: f32) -> usize {
    ((bottom - y) / (size * 1.3)).floor().max(0.0) as usize
}
