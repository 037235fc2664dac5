//! The side panel: edit everything about the selected card, phase or lane, or the map itself.
//! Every change goes through an [`Edit`]; typing into one field is one undo step.

use super::selection::Selection;
use crate::edit::{CardField, Document, Edit, LaneField, PersonaField, PhaseField, PointField};
use crate::model::{Card, Channel, ChannelGroup, Evidence, Journey, LaneKind, Language, Rgb};
use egui::{Response, Ui};

/// State that lives between frames: which typing gesture is open.
#[derive(Debug, Default)]
pub struct Inspector {
    gesture: u64,
    /// Where named fields were drawn this frame, for `--layout-json` (end-to-end tests).
    pub debug_rects: Vec<(String, egui::Rect)>,
}

/// Reads one text field of a persona, and makes the edit that sets it.
type PersonaText = (
    fn(&crate::model::Persona) -> &String,
    fn(String) -> PersonaField,
);

/// Something the inspector asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum InspectorAction {
    /// Let the user pick a photo file for this persona.
    PickPhoto(crate::model::PersonaId),
    /// Let the user pick a picture for this card.
    PickCardImage(crate::model::CardId),
}

const GESTURE_BASE: u64 = 1 << 40;

impl Inspector {
    /// Applies `edit` as part of the current typing gesture of `resp`'s field: everything typed
    /// between focusing a field and leaving it is one undo step.
    fn typed(&mut self, doc: &mut Document, resp: &Response, edit: Edit) {
        if resp.gained_focus() {
            self.gesture += 1;
        }
        if resp.changed() {
            doc.submit_in_gesture(edit, Some(GESTURE_BASE + self.gesture));
        }
        if resp.lost_focus() {
            doc.end_gesture();
        }
    }

    /// Applies `edit` from a value widget (drag value, colour button): one press, drag or
    /// popup of the widget is one undo step, and the next press starts another.
    fn adjusted(&mut self, doc: &mut Document, resp: &Response, edit: impl FnOnce() -> Edit) {
        if resp.clicked() || resp.drag_started() || resp.gained_focus() {
            self.gesture += 1;
            doc.end_gesture();
        }
        if resp.changed() {
            doc.submit_in_gesture(edit(), Some(GESTURE_BASE + self.gesture));
        }
    }

    /// Shows the inspector for the current selection.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        sel: &mut Selection,
        lang: Language,
    ) -> Vec<InspectorAction> {
        let mut actions = Vec::new();
        self.debug_rects.clear();
        egui::ScrollArea::vertical().show(ui, |ui| {
            if sel.point.is_some() {
                self.point(ui, doc, sel, lang);
            } else if sel.persona.is_some() {
                self.persona(ui, doc, sel, lang, &mut actions);
            } else if sel.cards.len() == 1 {
                self.card(ui, doc, sel, lang, &mut actions);
            } else if sel.cards.len() > 1 {
                ui.heading(format!(
                    "{} {}",
                    sel.cards.len(),
                    lang.pick("cards selected", "kaarten geselecteerd")
                ));
                ui.label(lang.pick(
                    "Drag them together, or press Delete, Ctrl+C or Ctrl+D.",
                    "Sleep ze samen, of druk op Delete, Ctrl+C of Ctrl+D.",
                ));
            } else if sel.phase.is_some() {
                self.phase(ui, doc, sel, lang);
            } else if sel.lane.is_some() {
                self.lane(ui, doc, sel, lang);
            } else {
                self.map(ui, doc, sel, lang);
            }
        });
        actions
    }

    fn point(&mut self, ui: &mut Ui, doc: &mut Document, sel: &mut Selection, lang: Language) {
        let Some((curve_id, col)) = sel.point.clone() else {
            return;
        };
        let j = doc.journey();
        let Some(curve) = j.curve(&curve_id).cloned() else {
            return;
        };
        let Some(slot) = j.columns().get(col).cloned() else {
            return;
        };
        let point = curve
            .points
            .iter()
            .find(|p| j.column_of(&p.at) == Some(col))
            .cloned();
        ui.heading(match curve.kind {
            crate::model::CurveKind::Emotion => lang.pick("Emotion point", "Emotiepunt"),
            crate::model::CurveKind::Engagement => {
                lang.pick("Dramatic arc: engagement", "Spanningsboog: betrokkenheid")
            }
        });
        let persona = j
            .personas
            .iter()
            .find(|p| p.id == curve.persona)
            .map_or("", |p| p.name.as_str());
        ui.label(format!("{persona} — {}", column_name(j, &slot)));
        let Some(point) = point else {
            ui.weak(lang.pick("No point in this column.", "Geen punt in deze kolom."));
            return;
        };
        ui.horizontal(|ui| {
            let label = ui.label(lang.pick("Value", "Waarde"));
            let mut v = point.value;
            let r = ui
                .add(
                    egui::DragValue::new(&mut v)
                        .range(curve.scale.min as f32..=curve.scale.max as f32)
                        .speed(0.05),
                )
                .labelled_by(label.id);
            if let Some(name) = curve
                .scale
                .labels
                .get((v.round() as i32 - curve.scale.min).max(0) as usize)
            {
                ui.weak(name);
            }
            self.adjusted(doc, &r, || Edit::SetEmotion {
                curve: curve_id.clone(),
                at: slot.clone(),
                value: Some(v.round()),
            });
        });
        let set = |field| Edit::SetPoint {
            curve: curve_id.clone(),
            at: slot.clone(),
            field,
        };
        let mut label = point.label.clone();
        let r = labelled(
            ui,
            lang.pick("Label", "Label"),
            egui::TextEdit::singleline(&mut label)
                .id_salt("point-label")
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, set(PointField::Label(label)));
        let mut critical = point.critical;
        if ui
            .checkbox(
                &mut critical,
                lang.pick("Moment of truth", "Moment van de waarheid"),
            )
            .on_hover_text(lang.pick(
                "Where the customer needs extra information to decide.",
                "Waar de klant extra informatie nodig heeft om te beslissen.",
            ))
            .changed()
        {
            doc.submit(set(PointField::Critical(critical)));
        }
        if ui
            .button(lang.pick("Delete point", "Punt verwijderen"))
            .clicked()
        {
            doc.submit(Edit::SetEmotion {
                curve: curve_id,
                at: slot,
                value: None,
            });
            sel.point = None;
        }
    }

    fn persona(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        sel: &mut Selection,
        lang: Language,
        actions: &mut Vec<InspectorAction>,
    ) {
        let Some(p) = sel
            .persona
            .as_ref()
            .and_then(|id| doc.journey().personas.iter().find(|p| &p.id == id))
            .cloned()
        else {
            return;
        };
        let set = |field| Edit::SetPersona {
            id: p.id.clone(),
            field,
        };
        ui.heading(lang.pick("Persona", "Persona"));
        let fields: [(&str, &str, PersonaText); 8] = [
            ("Name", "Naam", (|p| &p.name, PersonaField::Name)),
            (
                "Role / function",
                "Rol / functie",
                (|p| &p.role, PersonaField::Role),
            ),
            ("Gender", "Geslacht", (|p| &p.gender, PersonaField::Gender)),
            (
                "Location",
                "Woonplaats",
                (|p| &p.location, PersonaField::Location),
            ),
            (
                "Living situation",
                "Woonsituatie",
                (|p| &p.living_situation, PersonaField::LivingSituation),
            ),
            (
                "Hobbies",
                "Hobby's",
                (|p| &p.hobbies, PersonaField::Hobbies),
            ),
            (
                "Salary band",
                "Salaris",
                (|p| &p.salary_band, PersonaField::SalaryBand),
            ),
            ("Quote", "Citaat", (|p| &p.quote, PersonaField::Quote)),
        ];
        for (i, (en, nl, (get, make))) in fields.into_iter().enumerate() {
            let mut text = get(&p).clone();
            let r = labelled(
                ui,
                lang.pick(en, nl),
                egui::TextEdit::singleline(&mut text)
                    .id_salt(("persona-field", i))
                    .desired_width(f32::INFINITY),
            );
            self.typed(doc, &r, set(make(text)));
        }
        ui.horizontal(|ui| {
            let mut has_age = p.age.is_some();
            let check = ui.checkbox(&mut has_age, lang.pick("Age", "Leeftijd"));
            if check.changed() {
                doc.submit(set(PersonaField::Age(has_age.then_some(35))));
            }
            if let Some(age) = p.age {
                let mut age = age;
                let r = ui
                    .add(egui::DragValue::new(&mut age).range(0..=120))
                    .labelled_by(check.id);
                self.adjusted(doc, &r, || set(PersonaField::Age(Some(age))));
            }
        });
        for (i, (en, nl, is_goals)) in [
            ("Goals (one per line)", "Doelen (één per regel)", true),
            (
                "Frustrations (one per line)",
                "Frustraties (één per regel)",
                false,
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let list = if is_goals { &p.goals } else { &p.frustrations };
            let mut text = list.join("\n");
            let r = labelled(
                ui,
                lang.pick(en, nl),
                egui::TextEdit::multiline(&mut text)
                    .id_salt(("persona-list", i))
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            );
            let lines: Vec<String> = text.lines().map(str::to_owned).collect();
            let field = if is_goals {
                PersonaField::Goals(lines)
            } else {
                PersonaField::Frustrations(lines)
            };
            self.typed(doc, &r, set(field));
        }
        ui.horizontal(|ui| {
            if ui
                .button(lang.pick("Choose photo…", "Foto kiezen…"))
                .clicked()
            {
                actions.push(InspectorAction::PickPhoto(p.id.clone()));
            }
            if p.photo.is_some()
                && ui
                    .button(lang.pick("Remove photo", "Foto verwijderen"))
                    .clicked()
            {
                doc.submit(set(PersonaField::Photo(None)));
            }
        });
        ui.separator();
        if ui
            .button(lang.pick(
                "Delete persona and its curves",
                "Persona en curves verwijderen",
            ))
            .clicked()
        {
            doc.submit(Edit::DeletePersona(p.id.clone()));
            sel.persona = None;
        }
    }

    fn card(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        sel: &mut Selection,
        lang: Language,
        actions: &mut Vec<InspectorAction>,
    ) {
        let Some(card) = sel
            .cards
            .first()
            .and_then(|id| doc.journey().card(id))
            .cloned()
        else {
            return;
        };
        ui.heading(lang.pick("Card", "Kaart"));
        self.card_text(ui, doc, &card, lang);
        ui.separator();
        egui::Grid::new("card-grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                self.card_place(ui, doc, &card, lang);
                self.card_channel(ui, doc, &card, lang);
                self.card_look(ui, doc, &card, lang);
                ui.label(lang.pick("Picture", "Afbeelding"));
                ui.horizontal(|ui| {
                    let choose = match card.image {
                        Some(_) => lang.pick("Replace…", "Vervangen…"),
                        None => lang.pick("Add picture…", "Afbeelding toevoegen…"),
                    };
                    if ui.button(choose).clicked() {
                        actions.push(InspectorAction::PickCardImage(card.id.clone()));
                    }
                    if card.image.is_some()
                        && ui
                            .button(lang.pick("Remove picture", "Afbeelding verwijderen"))
                            .clicked()
                    {
                        doc.submit(Edit::SetCard {
                            id: card.id.clone(),
                            field: CardField::Image(None),
                        });
                    }
                });
                ui.end_row();
            });
        ui.separator();
        if ui
            .button(lang.pick("Delete card", "Kaart verwijderen"))
            .clicked()
        {
            doc.submit(Edit::DeleteCards(vec![card.id.clone()]));
            sel.cards.clear();
        }
    }

    /// The card's title and text.
    fn card_text(&mut self, ui: &mut Ui, doc: &mut Document, card: &Card, lang: Language) {
        let set = |field| Edit::SetCard {
            id: card.id.clone(),
            field,
        };
        let mut title = card.title.clone();
        let r = labelled(
            ui,
            lang.pick("Title", "Titel"),
            egui::TextEdit::singleline(&mut title)
                .id_salt("card-title")
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, set(CardField::Title(title)));
        let mut body = card.body.clone();
        let r = labelled(
            ui,
            lang.pick("Text", "Tekst"),
            egui::TextEdit::multiline(&mut body)
                .id_salt("card-body")
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, set(CardField::Body(body)));
    }

    /// Where the card sits: lane, column and span (grid rows).
    fn card_place(&mut self, ui: &mut Ui, doc: &mut Document, card: &Card, lang: Language) {
        let j = doc.journey();
        let mut moved = None;
        let label = ui.label(lang.pick("Lane", "Rij"));
        let lane_title = j
            .lane(&card.lane)
            .map(|l| l.title.clone())
            .unwrap_or_default();
        egui::ComboBox::from_id_salt("card-lane")
            .selected_text(lane_title)
            .show_ui(ui, |ui| {
                for lane in &j.lanes {
                    if ui
                        .selectable_label(lane.id == card.lane, &lane.title)
                        .clicked()
                    {
                        moved = Some((lane.id.clone(), card.at.clone()));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();

        let label = ui.label(lang.pick("Column", "Kolom"));
        let columns = j.columns();
        egui::ComboBox::from_id_salt("card-column")
            .selected_text(column_name(j, &card.at))
            .show_ui(ui, |ui| {
                for slot in &columns {
                    if ui
                        .selectable_label(
                            j.column_of(slot) == j.column_of(&card.at),
                            column_name(j, slot),
                        )
                        .clicked()
                    {
                        moved = Some((card.lane.clone(), slot.clone()));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let room = j.column_of(&card.at).map_or(1, |c| columns.len() - c) as u32;
        if let Some((lane, at)) = moved {
            doc.submit(Edit::MoveCards {
                ids: vec![card.id.clone()],
                lane,
                at,
                before: None,
            });
        }

        let label = ui.label(lang.pick("Span (columns)", "Breedte (kolommen)"));
        let mut span = card.span;
        let r = ui
            .add(egui::DragValue::new(&mut span).range(1..=room.max(1)))
            .labelled_by(label.id);
        self.adjusted(doc, &r, || Edit::SetCard {
            id: card.id.clone(),
            field: CardField::Span(span),
        });
        ui.end_row();
    }

    /// The card's channel, and a custom channel's name and icon (grid rows).
    fn card_channel(&mut self, ui: &mut Ui, doc: &mut Document, card: &Card, lang: Language) {
        let set = |ch| Edit::SetCard {
            id: card.id.clone(),
            field: CardField::Channel(ch),
        };
        let mut chosen = None;
        let label = ui.label(lang.pick("Channel", "Kanaal"));
        let current = card
            .channel
            .as_ref()
            .map_or_else(|| lang.pick("None", "Geen").to_owned(), |c| c.label(lang));
        egui::ComboBox::from_id_salt("card-channel")
            .selected_text(current)
            .height(400.0)
            .show_ui(ui, |ui| {
                let mut choose = |ui: &mut Ui, ch: Option<Channel>, label: String| {
                    if ui.selectable_label(card.channel == ch, label).clicked() {
                        chosen = Some(ch);
                    }
                };
                choose(ui, None, lang.pick("None", "Geen").to_owned());
                for group in [ChannelGroup::Online, ChannelGroup::Offline] {
                    ui.separator();
                    ui.weak(match group {
                        ChannelGroup::Online => "Online",
                        ChannelGroup::Offline => "Offline",
                    });
                    for ch in Channel::builtins()
                        .into_iter()
                        .filter(|c| c.group() == group)
                    {
                        let label = ch.label(lang);
                        choose(ui, Some(ch), label);
                    }
                }
                ui.separator();
                let custom = Channel::Custom {
                    name: lang.pick("New channel", "Nieuw kanaal").to_owned(),
                    icon: None,
                };
                if ui
                    .selectable_label(
                        matches!(card.channel, Some(Channel::Custom { .. })),
                        lang.pick("Custom…", "Eigen kanaal…"),
                    )
                    .clicked()
                    && !matches!(card.channel, Some(Channel::Custom { .. }))
                {
                    chosen = Some(Some(custom));
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();

        // A custom channel: its name and the built-in icon it borrows.
        if let Some(Channel::Custom { name, icon }) = &card.channel {
            let label = ui.label(lang.pick("Channel name", "Naam kanaal"));
            let mut text = name.clone();
            let r = ui
                .add(egui::TextEdit::singleline(&mut text).id_salt("custom-channel"))
                .labelled_by(label.id);
            let renamed = Channel::Custom {
                name: text,
                icon: icon.clone(),
            };
            self.typed(doc, &r, set(Some(renamed)));
            ui.end_row();
            let label = ui.label(lang.pick("Icon", "Pictogram"));
            let shown = icon.as_deref().and_then(Channel::from_key).map_or_else(
                || lang.pick("(ring)", "(ring)").to_owned(),
                |c| c.label(lang),
            );
            egui::ComboBox::from_id_salt("custom-icon")
                .selected_text(shown)
                .height(400.0)
                .show_ui(ui, |ui| {
                    for ch in Channel::builtins() {
                        let key = ch.key();
                        if ui
                            .selectable_label(icon.as_deref() == Some(key.as_str()), ch.label(lang))
                            .clicked()
                        {
                            chosen = Some(Some(Channel::Custom {
                                name: name.clone(),
                                icon: Some(key),
                            }));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
        }
        if let Some(ch) = chosen {
            doc.submit(set(ch));
        }
    }

    /// The card's evidence level and colour (grid rows).
    fn card_look(&mut self, ui: &mut Ui, doc: &mut Document, card: &Card, lang: Language) {
        let set = |field| Edit::SetCard {
            id: card.id.clone(),
            field,
        };
        ui.label(lang.pick("Evidence", "Onderbouwing"));
        ui.vertical(|ui| {
            for e in Evidence::ALL {
                if ui.radio(card.evidence == e, e.label(lang)).clicked() {
                    doc.submit(set(CardField::Evidence(e)));
                }
            }
        });
        ui.end_row();

        let feels = doc.journey().lane(&card.lane).is_some_and(|l| {
            matches!(
                l.kind,
                LaneKind::Thoughts | LaneKind::PainPoints | LaneKind::Opportunities
            )
        });
        if feels {
            // On the emotion scale, named by its levels: what an evidence curve is made of.
            let scale = doc
                .journey()
                .emotion_curves
                .iter()
                .find(|c| c.kind == crate::model::CurveKind::Emotion)
                .map(|c| c.scale.clone())
                .unwrap_or_default();
            let name = |v: i32| {
                let i = (v - scale.min) as usize;
                match scale.labels.get(i).filter(|l| !l.is_empty()) {
                    Some(l) => format!("{v} {l}"),
                    None => v.to_string(),
                }
            };
            let none = lang.pick("Not known", "Onbekend");
            let label = ui.label(lang.pick("Sentiment", "Sentiment"));
            let shown = card
                .sentiment
                .map_or(none.to_owned(), |v| name(v.round() as i32));
            egui::ComboBox::from_id_salt("card-sentiment")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(card.sentiment.is_none(), none)
                        .clicked()
                        && card.sentiment.is_some()
                    {
                        doc.submit(set(CardField::Sentiment(None)));
                    }
                    for v in (scale.min..=scale.max).rev() {
                        let on = card.sentiment == Some(v as f32);
                        if ui.selectable_label(on, name(v)).clicked() && !on {
                            doc.submit(set(CardField::Sentiment(Some(v as f32))));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
        }

        ui.label(lang.pick("Colour", "Kleur"));
        ui.horizontal(|ui| {
            let mut has = card.color.is_some();
            if ui
                .checkbox(&mut has, lang.pick("Own colour", "Eigen kleur"))
                .changed()
            {
                doc.submit(set(CardField::Color(has.then_some(Rgb::hex(0x1F6FEB)))));
            }
            if let Some(col) = card.color {
                let mut rgb = [col.0, col.1, col.2];
                let r = ui.color_edit_button_srgb(&mut rgb);
                self.adjusted(doc, &r, || {
                    set(CardField::Color(Some(Rgb(rgb[0], rgb[1], rgb[2]))))
                });
            }
        });
        ui.end_row();
    }

    fn phase(&mut self, ui: &mut Ui, doc: &mut Document, sel: &mut Selection, lang: Language) {
        let Some(phase) = sel
            .phase
            .as_ref()
            .and_then(|id| doc.journey().phase(id))
            .cloned()
        else {
            return;
        };
        let set = |field| Edit::SetPhase {
            id: phase.id.clone(),
            field,
        };
        ui.heading(lang.pick("Phase", "Fase"));
        let mut name = phase.name.clone();
        let r = labelled(
            ui,
            lang.pick("Name", "Naam"),
            egui::TextEdit::singleline(&mut name)
                .id_salt("phase-name")
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, set(PhaseField::Name(name)));
        let mut duration = phase.duration.clone();
        let r = labelled(
            ui,
            lang.pick("Duration", "Duur"),
            egui::TextEdit::singleline(&mut duration)
                .id_salt("phase-duration")
                .hint_text(lang.pick("e.g. 6 months", "bijv. 6 maanden")),
        );
        self.typed(doc, &r, set(PhaseField::Duration(duration)));
        let mut description = phase.description.clone();
        let r = labelled(
            ui,
            lang.pick("Description", "Beschrijving"),
            egui::TextEdit::multiline(&mut description)
                .id_salt("phase-desc")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, set(PhaseField::Description(description)));
        ui.horizontal(|ui| {
            ui.label(lang.pick("Colour", "Kleur"));
            let mut rgb = [phase.color.0, phase.color.1, phase.color.2];
            let r = ui.color_edit_button_srgb(&mut rgb);
            self.adjusted(doc, &r, || {
                set(PhaseField::Color(Rgb(rgb[0], rgb[1], rgb[2])))
            });
        });
        ui.separator();
        ui.label(lang.pick("Steps", "Stappen"));
        let mut steps = None;
        for (i, step) in phase.steps.iter().enumerate() {
            ui.horizontal(|ui| {
                let mut name = step.name.clone();
                let label = format!("{} {}", lang.pick("Step", "Stap"), i + 1);
                let r = labelled(
                    ui,
                    &label,
                    egui::TextEdit::singleline(&mut name)
                        .id_salt(("step", i))
                        .desired_width(140.0),
                );
                self.typed(doc, &r, set(PhaseField::StepName(step.id.clone(), name)));
                if ui
                    .small_button("×")
                    .on_hover_text(lang.pick("Remove step", "Stap verwijderen"))
                    .clicked()
                {
                    let mut s = phase.steps.clone();
                    s.remove(i);
                    steps = Some(s);
                }
            });
        }
        if ui.button(lang.pick("Add step", "Stap toevoegen")).clicked() {
            let mut p = phase.clone();
            super::canvas::add_step(doc.journey(), &mut p, lang);
            steps = Some(p.steps);
        }
        if let Some(s) = steps {
            doc.submit(set(PhaseField::Steps(s)));
        }
        ui.separator();
        let index = doc
            .journey()
            .phases
            .iter()
            .position(|p| p.id == phase.id)
            .unwrap_or(0);
        let count = doc.journey().phases.len();
        ui.horizontal(|ui| {
            let left = lang.pick("Move left", "Naar links");
            if ui.add_enabled(index > 0, egui::Button::new(left)).clicked() {
                doc.submit(Edit::MovePhase {
                    id: phase.id.clone(),
                    index: index - 1,
                });
            }
            let right = lang.pick("Move right", "Naar rechts");
            if ui
                .add_enabled(index + 1 < count, egui::Button::new(right))
                .clicked()
            {
                doc.submit(Edit::MovePhase {
                    id: phase.id.clone(),
                    index: index + 1,
                });
            }
        });
        self.loops(ui, doc, &phase, lang);
        if ui
            .button(lang.pick("Delete phase", "Fase verwijderen"))
            .clicked()
        {
            doc.submit(Edit::DeletePhase(phase.id.clone()));
            sel.phase = None;
        }
    }

    /// The loop-back arrows leaving `phase`: label, where each returns to, remove; and a
    /// button for a new one.
    fn loops(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        phase: &crate::model::Phase,
        lang: Language,
    ) {
        ui.separator();
        ui.label(lang.pick("Loop-backs", "Terugkoppelingen"));
        let j = doc.journey();
        let index = j.phases.iter().position(|p| p.id == phase.id).unwrap_or(0);
        let targets: Vec<(crate::model::PhaseId, String)> = j.phases[..=index]
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect();
        let mine: Vec<(usize, crate::model::LoopBack)> = j
            .loops
            .iter()
            .cloned()
            .enumerate()
            .filter(|(_, l)| l.from == phase.id)
            .collect();
        let all = j.loops.clone();
        for (i, l) in mine {
            let set = |changed: crate::model::LoopBack| {
                let mut loops = all.clone();
                loops[i] = changed;
                Edit::SetLoops(loops)
            };
            ui.horizontal(|ui| {
                let mut label = l.label.clone();
                let r = labelled(
                    ui,
                    lang.pick("Label", "Label"),
                    egui::TextEdit::singleline(&mut label)
                        .id_salt(("loop", l.id.as_str()))
                        .desired_width(150.0),
                );
                self.typed(doc, &r, set(crate::model::LoopBack { label, ..l.clone() }));
                let current = targets
                    .iter()
                    .find(|(id, _)| id == &l.to)
                    .map_or(String::new(), |(_, n)| n.clone());
                let to = ui.label("→");
                egui::ComboBox::from_id_salt(("loop-to", l.id.as_str()))
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        for (id, name) in &targets {
                            if ui.selectable_label(id == &l.to, name).clicked() && id != &l.to {
                                doc.submit(set(crate::model::LoopBack {
                                    to: id.clone(),
                                    ..l.clone()
                                }));
                            }
                        }
                    })
                    .response
                    .labelled_by(to.id);
                let remove = lang.pick("Remove loop-back", "Terugkoppeling verwijderen");
                let r = ui.small_button("×").on_hover_text(remove);
                // The screen reader says what the × does.
                r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, remove));
                if r.clicked() {
                    let mut loops = all.clone();
                    loops.remove(i);
                    doc.submit(Edit::SetLoops(loops));
                }
            });
        }
        let first = targets.first().map(|(id, _)| id.clone());
        if let Some(to) = first
            && ui
                .button(lang.pick("Add loop-back", "Terugkoppeling toevoegen"))
                .on_hover_text(lang.pick(
                    "An arrow back to an earlier phase: the journey as a cycle",
                    "Een pijl terug naar een eerdere fase: de reis als cirkel",
                ))
                .clicked()
        {
            super::canvas::add_loop(doc, &phase.id, &to, lang);
        }
    }

    fn lane(&mut self, ui: &mut Ui, doc: &mut Document, sel: &mut Selection, lang: Language) {
        let Some(lane) = sel
            .lane
            .as_ref()
            .and_then(|id| doc.journey().lane(id))
            .cloned()
        else {
            return;
        };
        let set = |field| Edit::SetLane {
            id: lane.id.clone(),
            field,
        };
        ui.heading(lang.pick("Lane", "Rij"));
        let mut title = lane.title.clone();
        let r = labelled(
            ui,
            lang.pick("Title", "Titel"),
            egui::TextEdit::singleline(&mut title)
                .id_salt("lane-title")
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, set(LaneField::Title(title)));
        egui::ComboBox::from_label(lang.pick("Kind", "Soort"))
            .selected_text(lane.kind.label(lang))
            .show_ui(ui, |ui| {
                for kind in LaneKind::ALL {
                    if ui
                        .selectable_label(lane.kind == kind, kind.label(lang))
                        .clicked()
                    {
                        doc.submit(set(LaneField::Kind(kind)));
                    }
                }
            });
        let mut visible = lane.visible;
        if ui
            .checkbox(&mut visible, lang.pick("Visible", "Zichtbaar"))
            .changed()
        {
            doc.submit(set(LaneField::Visible(visible)));
        }
        let mut height = lane.height;
        ui.horizontal(|ui| {
            let label = ui.label(lang.pick("Height", "Hoogte"));
            let r = ui
                .add(egui::DragValue::new(&mut height).range(40.0..=1200.0))
                .labelled_by(label.id);
            self.adjusted(doc, &r, || set(LaneField::Height(height)));
        });
        if lane.kind == crate::model::LaneKind::Kpis {
            // A funnel counts one KPI per phase; the choices are the KPI names the map has.
            let mut names: Vec<String> = Vec::new();
            for k in &doc.journey().kpis {
                let name = k.name.trim();
                if !name.is_empty()
                    && !names
                        .iter()
                        .any(|n| crate::layout::funnel::is_count(n, name))
                {
                    names.push(name.to_owned());
                }
            }
            let tiles = lang.pick("Tiles", "Tegels");
            ui.horizontal(|ui| {
                let label = ui.label(lang.pick("Show as", "Tonen als"));
                let shown = match &lane.funnel {
                    Some(n) => format!("{} {n}", lang.pick("Funnel of", "Trechter van")),
                    None => tiles.to_owned(),
                };
                egui::ComboBox::from_id_salt("lane-funnel")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        if ui.selectable_label(lane.funnel.is_none(), tiles).clicked()
                            && lane.funnel.is_some()
                        {
                            doc.submit(set(LaneField::Funnel(None)));
                        }
                        for n in &names {
                            let on = lane.funnel.as_deref() == Some(n.as_str());
                            let text = format!("{} {n}", lang.pick("Funnel of", "Trechter van"));
                            if ui.selectable_label(on, text).clicked() && !on {
                                doc.submit(set(LaneField::Funnel(Some(n.clone()))));
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
        }
        let index = doc
            .journey()
            .lanes
            .iter()
            .position(|l| l.id == lane.id)
            .unwrap_or(0);
        let count = doc.journey().lanes.len();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(index > 0, egui::Button::new(lang.pick("Move up", "Omhoog")))
                .clicked()
            {
                doc.submit(Edit::MoveLane {
                    id: lane.id.clone(),
                    index: index - 1,
                });
            }
            let down = lang.pick("Move down", "Omlaag");
            if ui
                .add_enabled(index + 1 < count, egui::Button::new(down))
                .clicked()
            {
                doc.submit(Edit::MoveLane {
                    id: lane.id.clone(),
                    index: index + 1,
                });
            }
        });
        if ui
            .button(lang.pick("Delete lane", "Rij verwijderen"))
            .clicked()
        {
            doc.submit(Edit::DeleteLane(lane.id.clone()));
            sel.lane = None;
        }
    }

    fn map(&mut self, ui: &mut Ui, doc: &mut Document, sel: &mut Selection, lang: Language) {
        let summary = doc.journey().summary();
        ui.heading(lang.pick("Map", "Kaart"));
        let j = doc.journey();
        let (mut title, mut description, mut notes) =
            (j.title.clone(), j.description.clone(), j.notes.clone());
        let r = labelled(
            ui,
            lang.pick("Title", "Titel"),
            egui::TextEdit::singleline(&mut title)
                .id_salt("map-title")
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, Edit::SetTitle(title));
        let r = labelled(
            ui,
            lang.pick("Description", "Beschrijving"),
            egui::TextEdit::multiline(&mut description)
                .id_salt("map-desc")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        );
        self.debug_rects.push(("inspector.map-desc".into(), r.rect));
        self.typed(doc, &r, Edit::SetDescription(description));
        let r = labelled(
            ui,
            lang.pick(
                "Notes (sources, open questions)",
                "Notities (bronnen, open vragen)",
            ),
            egui::TextEdit::multiline(&mut notes)
                .id_salt("map-notes")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, Edit::SetNotes(notes));
        ui.separator();
        self.map_lanes_and_personas(ui, doc, sel, lang);
        ui.separator();
        self.map_curve_settings(ui, doc, lang);
        ui.separator();
        ui.weak(summary);
        ui.weak(lang.pick(
            "Double-click a cell to add a card. Drag cards between cells; drag empty space to pan; Ctrl+scroll to zoom.",
            "Dubbelklik op een cel om een kaart toe te voegen. Sleep kaarten tussen cellen; sleep de achtergrond om te schuiven; Ctrl+scrollen om te zoomen.",
        ));
    }

    /// Which lanes show, and the personas to edit or add.
    fn map_lanes_and_personas(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        sel: &mut Selection,
        lang: Language,
    ) {
        ui.label(lang.pick("Lanes (tick to show)", "Rijen (vink aan om te tonen)"));
        let lanes: Vec<_> = doc
            .journey()
            .lanes
            .iter()
            .map(|l| (l.id.clone(), l.title.clone(), l.visible))
            .collect();
        for (id, title, mut visible) in lanes {
            if ui.checkbox(&mut visible, title).changed() {
                doc.submit(Edit::SetLane {
                    id,
                    field: LaneField::Visible(visible),
                });
            }
        }
        ui.separator();
        ui.label(lang.pick("Personas", "Persona's"));
        for p in &doc.journey().personas {
            if ui
                .button(format!("{} {}", lang.pick("Edit", "Bewerk"), p.name))
                .clicked()
            {
                *sel = Selection {
                    persona: Some(p.id.clone()),
                    ..Selection::default()
                };
            }
        }
        if ui
            .button(lang.pick("Add persona", "Persona toevoegen"))
            .clicked()
        {
            let id = crate::model::PersonaId(crate::model::fresh_id(
                "persona",
                doc.journey().personas.iter().map(|p| p.id.as_str()),
            ));
            let persona = crate::model::Persona {
                id: id.clone(),
                name: lang.pick("New persona", "Nieuwe persona").into(),
                ..Default::default()
            };
            if doc.submit(Edit::AddPersona(persona)) {
                *sel = Selection {
                    persona: Some(id),
                    ..Selection::default()
                };
            }
        }
    }

    /// How the emotion curve is drawn and its scale.
    fn map_curve_settings(&mut self, ui: &mut Ui, doc: &mut Document, lang: Language) {
        ui.label(lang.pick("Emotion curve", "Emotiecurve"));
        let mut style = doc.journey().style.clone();
        if ui
            .checkbox(
                &mut style.emotion_faces,
                lang.pick(
                    "Faces on the curve (off: dots)",
                    "Gezichtjes op de curve (uit: stippen)",
                ),
            )
            .changed()
            | ui.checkbox(
                &mut style.channel_legend,
                lang.pick(
                    "Legend of channels under the map",
                    "Legenda van kanalen onder de kaart",
                ),
            )
            .changed()
        {
            doc.submit(Edit::SetStyle(style));
        }
        let Some(scale) = doc
            .journey()
            .emotion_curves
            .iter()
            .find(|c| c.kind == crate::model::CurveKind::Emotion)
            .map(|c| c.scale.clone())
        else {
            return;
        };
        ui.horizontal(|ui| {
            let label = ui.label(lang.pick("Levels", "Niveaus"));
            let mut levels = scale.levels();
            let r = ui
                .add(egui::DragValue::new(&mut levels).range(3..=10))
                .labelled_by(label.id);
            self.adjusted(doc, &r, || {
                let min = -((levels - 1) / 2) as i32;
                Edit::SetScale(crate::model::Scale {
                    min,
                    max: min + levels as i32 - 1,
                    labels: Vec::new(),
                })
            });
        });
        let mut text = scale.labels.join("\n");
        let r = labelled(
            ui,
            lang.pick(
                "Level names, lowest first (one per line)",
                "Namen van de niveaus, laagste eerst (één per regel)",
            ),
            egui::TextEdit::multiline(&mut text)
                .id_salt("scale-labels")
                .desired_rows(5)
                .desired_width(f32::INFINITY),
        );
        let labels: Vec<String> = text.lines().map(str::to_owned).collect();
        // Half-typed lists (fewer names than levels) wait until they are complete.
        if labels.is_empty() || labels.len() as i64 == scale.levels() {
            let mut new = scale.clone();
            new.labels = labels;
            self.typed(doc, &r, Edit::SetScale(new));
        } else if r.lost_focus() {
            doc.end_gesture();
        }
    }
}

/// A labelled widget: the label names it for screen readers (and tests).
fn labelled(ui: &mut Ui, label: &str, widget: impl egui::Widget) -> Response {
    let l = ui.label(label);
    ui.add(widget).labelled_by(l.id)
}

/// "Phase — step" for a column.
pub fn column_name(j: &Journey, slot: &crate::model::Slot) -> String {
    let Some(phase) = j.phase(&slot.phase) else {
        return String::new();
    };
    match slot
        .step
        .as_ref()
        .and_then(|s| phase.steps.iter().find(|x| &x.id == s))
    {
        Some(step) => format!("{} — {}", phase.name, step.name),
        None => phase.name.clone(),
    }
}
