//! The side panel: edit everything about the selected card, phase or lane, or the map itself.
//! Every change goes through an [`Edit`]; typing into one field is one undo step.

use super::selection::Selection;
use crate::edit::{Document, Edit};
use crate::model::{Channel, ChannelGroup, Evidence, Journey, LaneKind, Language, Rgb};
use egui::{Response, Ui};

/// State that lives between frames: which typing gesture is open.
#[derive(Debug, Default)]
pub struct Inspector {
    gesture: u64,
}

/// Picks one text field of a persona.
type PersonaField = fn(&mut crate::model::Persona) -> &mut String;

/// Something the inspector asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum InspectorAction {
    /// Let the user pick a photo file for this persona.
    PickPhoto(crate::model::PersonaId),
}

const GESTURE_BASE: u64 = 1 << 40;

impl Inspector {
    /// Applies `edit` as part of the current typing gesture of `resp`'s field.
    fn typed(&mut self, doc: &mut Document, resp: &Response, edit: Edit) {
        if resp.gained_focus() {
            self.gesture += 1;
        }
        if resp.changed() {
            let _ = doc.apply_in_gesture(edit, Some(GESTURE_BASE + self.gesture));
        }
        if resp.lost_focus() {
            doc.end_gesture();
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
        egui::ScrollArea::vertical().show(ui, |ui| {
            if sel.point.is_some() {
                self.point(ui, doc, sel, lang);
            } else if sel.persona.is_some() {
                self.persona(ui, doc, sel, lang, &mut actions);
            } else if sel.cards.len() == 1 {
                self.card(ui, doc, sel, lang);
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
        let j = doc.journey().without_cards();
        let Some(curve) = j.curve(&curve_id).cloned() else {
            return;
        };
        let columns = j.columns();
        let Some(slot) = columns.get(col).cloned() else {
            return;
        };
        let index = curve
            .points
            .iter()
            .position(|p| j.column_of(&p.at) == Some(col));
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
        ui.label(format!("{persona} — {}", column_name(&j, &slot)));
        let Some(index) = index else {
            ui.weak(lang.pick("No point in this column.", "Geen punt in deze kolom."));
            return;
        };
        let point = curve.points[index].clone();
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
            if r.changed() {
                let edit = Edit::SetEmotion {
                    curve: curve_id.clone(),
                    at: slot.clone(),
                    value: Some(v.round()),
                };
                let _ = doc.apply_in_gesture(edit, Some(GESTURE_BASE - 4));
            }
        });
        let mut c = curve.clone();
        let r = labelled(
            ui,
            lang.pick("Label", "Label"),
            egui::TextEdit::singleline(&mut c.points[index].label)
                .id_salt("point-label")
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, Edit::UpdateCurve(c));
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
            let mut c = curve.clone();
            c.points[index].critical = critical;
            let _ = doc.apply(Edit::UpdateCurve(c));
        }
        if ui
            .button(lang.pick("Delete point", "Punt verwijderen"))
            .clicked()
        {
            let _ = doc.apply(Edit::SetEmotion {
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
        ui.heading(lang.pick("Persona", "Persona"));
        let fields: [(&str, &str, PersonaField); 8] = [
            ("Name", "Naam", |p| &mut p.name),
            ("Role / function", "Rol / functie", |p| &mut p.role),
            ("Gender", "Geslacht", |p| &mut p.gender),
            ("Location", "Woonplaats", |p| &mut p.location),
            ("Living situation", "Woonsituatie", |p| {
                &mut p.living_situation
            }),
            ("Hobbies", "Hobby's", |p| &mut p.hobbies),
            ("Salary band", "Salaris", |p| &mut p.salary_band),
            ("Quote", "Citaat", |p| &mut p.quote),
        ];
        for (i, (en, nl, field)) in fields.into_iter().enumerate() {
            let mut edited = p.clone();
            let r = labelled(
                ui,
                lang.pick(en, nl),
                egui::TextEdit::singleline(field(&mut edited))
                    .id_salt(("persona-field", i))
                    .desired_width(f32::INFINITY),
            );
            self.typed(doc, &r, Edit::UpdatePersona(edited));
        }
        ui.horizontal(|ui| {
            let mut has_age = p.age.is_some();
            if ui
                .checkbox(&mut has_age, lang.pick("Age", "Leeftijd"))
                .changed()
            {
                let mut e = p.clone();
                e.age = has_age.then_some(35);
                let _ = doc.apply(Edit::UpdatePersona(e));
            }
            if let Some(age) = p.age {
                let mut age = age;
                if ui
                    .add(egui::DragValue::new(&mut age).range(0..=120))
                    .changed()
                {
                    let mut e = p.clone();
                    e.age = Some(age);
                    let _ = doc.apply_in_gesture(Edit::UpdatePersona(e), Some(GESTURE_BASE - 5));
                }
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
            let mut e = p.clone();
            let lines: Vec<String> = text.lines().map(str::to_owned).collect();
            if is_goals {
                e.goals = lines
            } else {
                e.frustrations = lines
            }
            self.typed(doc, &r, Edit::UpdatePersona(e));
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
                let mut e = p.clone();
                e.photo = None;
                let _ = doc.apply(Edit::UpdatePersona(e));
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
            let _ = doc.apply(Edit::DeletePersona(p.id.clone()));
            sel.persona = None;
        }
    }

    fn card(&mut self, ui: &mut Ui, doc: &mut Document, sel: &mut Selection, lang: Language) {
        let Some(card) = sel
            .cards
            .first()
            .and_then(|id| doc.journey().card(id))
            .cloned()
        else {
            return;
        };
        let j = doc.journey().without_cards();
        ui.heading(lang.pick("Card", "Kaart"));
        let mut title = card.title.clone();
        let r = labelled(
            ui,
            lang.pick("Title", "Titel"),
            egui::TextEdit::singleline(&mut title)
                .id_salt("card-title")
                .desired_width(f32::INFINITY),
        );
        let mut c = card.clone();
        c.title = title;
        self.typed(doc, &r, Edit::UpdateCard(c));

        let mut body = card.body.clone();
        let r = labelled(
            ui,
            lang.pick("Text", "Tekst"),
            egui::TextEdit::multiline(&mut body)
                .id_salt("card-body")
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        );
        let mut c = card.clone();
        c.body = body;
        self.typed(doc, &r, Edit::UpdateCard(c));

        ui.separator();
        egui::Grid::new("card-grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
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
                                let edit = Edit::MoveCards {
                                    ids: vec![card.id.clone()],
                                    lane: lane.id.clone(),
                                    at: card.at.clone(),
                                    before: None,
                                };
                                let _ = doc.apply(edit);
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label(lang.pick("Column", "Kolom"));
                let columns = j.columns();
                let name_of = |slot: &crate::model::Slot| column_name(&j, slot);
                egui::ComboBox::from_id_salt("card-column")
                    .selected_text(name_of(&card.at))
                    .show_ui(ui, |ui| {
                        for slot in &columns {
                            if ui
                                .selectable_label(
                                    j.column_of(slot) == j.column_of(&card.at),
                                    name_of(slot),
                                )
                                .clicked()
                            {
                                let edit = Edit::MoveCards {
                                    ids: vec![card.id.clone()],
                                    lane: card.lane.clone(),
                                    at: slot.clone(),
                                    before: None,
                                };
                                let _ = doc.apply(edit);
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label(lang.pick("Span (columns)", "Breedte (kolommen)"));
                let room = j.column_of(&card.at).map_or(1, |c| columns.len() - c) as u32;
                let mut span = card.span;
                if ui
                    .add(egui::DragValue::new(&mut span).range(1..=room.max(1)))
                    .labelled_by(label.id)
                    .changed()
                {
                    let mut c = card.clone();
                    c.span = span;
                    let _ = doc.apply(Edit::UpdateCard(c));
                }
                ui.end_row();

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
                                let mut c = card.clone();
                                c.channel = ch;
                                let _ = doc.apply(Edit::UpdateCard(c));
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
                            let mut c = card.clone();
                            c.channel = Some(custom);
                            let _ = doc.apply(Edit::UpdateCard(c));
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
                    let mut c = card.clone();
                    c.channel = Some(Channel::Custom {
                        name: text,
                        icon: icon.clone(),
                    });
                    self.typed(doc, &r, Edit::UpdateCard(c));
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
                                    .selectable_label(
                                        icon.as_deref() == Some(key.as_str()),
                                        ch.label(lang),
                                    )
                                    .clicked()
                                {
                                    let mut c = card.clone();
                                    c.channel = Some(Channel::Custom {
                                        name: name.clone(),
                                        icon: Some(key),
                                    });
                                    let _ = doc.apply(Edit::UpdateCard(c));
                                }
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                }

                ui.label(lang.pick("Evidence", "Onderbouwing"));
                ui.vertical(|ui| {
                    for e in Evidence::ALL {
                        if ui.radio(card.evidence == e, e.label(lang)).clicked() {
                            let mut c = card.clone();
                            c.evidence = e;
                            let _ = doc.apply(Edit::UpdateCard(c));
                        }
                    }
                });
                ui.end_row();

                ui.label(lang.pick("Colour", "Kleur"));
                ui.horizontal(|ui| {
                    let mut has = card.color.is_some();
                    if ui
                        .checkbox(&mut has, lang.pick("Own colour", "Eigen kleur"))
                        .changed()
                    {
                        let mut c = card.clone();
                        c.color = has.then_some(Rgb::hex(0x1F6FEB));
                        let _ = doc.apply(Edit::UpdateCard(c));
                    }
                    if let Some(col) = card.color {
                        let mut rgb = [col.0, col.1, col.2];
                        let r = ui.color_edit_button_srgb(&mut rgb);
                        let mut c = card.clone();
                        c.color = Some(Rgb(rgb[0], rgb[1], rgb[2]));
                        if r.changed() {
                            let _ =
                                doc.apply_in_gesture(Edit::UpdateCard(c), Some(GESTURE_BASE - 1));
                        }
                    }
                });
                ui.end_row();
            });
        ui.separator();
        if ui
            .button(lang.pick("Delete card", "Kaart verwijderen"))
            .clicked()
        {
            let _ = doc.apply(Edit::DeleteCards(vec![card.id.clone()]));
            sel.cards.clear();
        }
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
        ui.heading(lang.pick("Phase", "Fase"));
        let mut p = phase.clone();
        let r = labelled(
            ui,
            lang.pick("Name", "Naam"),
            egui::TextEdit::singleline(&mut p.name)
                .id_salt("phase-name")
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, Edit::UpdatePhase(p));
        let mut p = phase.clone();
        let r = labelled(
            ui,
            lang.pick("Duration", "Duur"),
            egui::TextEdit::singleline(&mut p.duration)
                .id_salt("phase-duration")
                .hint_text(lang.pick("e.g. 6 months", "bijv. 6 maanden")),
        );
        self.typed(doc, &r, Edit::UpdatePhase(p));
        let mut p = phase.clone();
        let r = labelled(
            ui,
            lang.pick("Description", "Beschrijving"),
            egui::TextEdit::multiline(&mut p.description)
                .id_salt("phase-desc")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, Edit::UpdatePhase(p));
        ui.horizontal(|ui| {
            ui.label(lang.pick("Colour", "Kleur"));
            let mut rgb = [phase.color.0, phase.color.1, phase.color.2];
            if ui.color_edit_button_srgb(&mut rgb).changed() {
                let mut p = phase.clone();
                p.color = Rgb(rgb[0], rgb[1], rgb[2]);
                let _ = doc.apply_in_gesture(Edit::UpdatePhase(p), Some(GESTURE_BASE - 2));
            }
        });
        ui.separator();
        ui.label(lang.pick("Steps", "Stappen"));
        let mut changed = None;
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
                let mut p = phase.clone();
                p.steps[i].name = name;
                self.typed(doc, &r, Edit::UpdatePhase(p));
                if ui
                    .small_button("×")
                    .on_hover_text(lang.pick("Remove step", "Stap verwijderen"))
                    .clicked()
                {
                    let mut p = phase.clone();
                    p.steps.remove(i);
                    changed = Some(p);
                }
            });
        }
        if ui.button(lang.pick("Add step", "Stap toevoegen")).clicked() {
            let mut p = phase.clone();
            super::canvas::add_step(doc.journey(), &mut p, lang);
            changed = Some(p);
        }
        if let Some(p) = changed {
            let _ = doc.apply(Edit::UpdatePhase(p));
        }
        ui.separator();
        let index = doc
            .journey()
            .phases
            .iter()
            .position(|p| p.id == phase.id)
            .unwrap_or(0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    index > 0,
                    egui::Button::new(lang.pick("Move left", "Naar links")),
                )
                .clicked()
            {
                let _ = doc.apply(Edit::MovePhase {
                    id: phase.id.clone(),
                    index: index - 1,
                });
            }
            if ui
                .add_enabled(
                    index + 1 < doc.journey().phases.len(),
                    egui::Button::new(lang.pick("Move right", "Naar rechts")),
                )
                .clicked()
            {
                let _ = doc.apply(Edit::MovePhase {
                    id: phase.id.clone(),
                    index: index + 1,
                });
            }
        });
        if ui
            .button(lang.pick("Delete phase", "Fase verwijderen"))
            .clicked()
        {
            let _ = doc.apply(Edit::DeletePhase(phase.id.clone()));
            sel.phase = None;
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
        ui.heading(lang.pick("Lane", "Rij"));
        let mut l = lane.clone();
        let r = labelled(
            ui,
            lang.pick("Title", "Titel"),
            egui::TextEdit::singleline(&mut l.title)
                .id_salt("lane-title")
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, Edit::UpdateLane(l));
        egui::ComboBox::from_label(lang.pick("Kind", "Soort"))
            .selected_text(lane.kind.label(lang))
            .show_ui(ui, |ui| {
                for kind in LaneKind::ALL {
                    if ui
                        .selectable_label(lane.kind == kind, kind.label(lang))
                        .clicked()
                    {
                        let mut l = lane.clone();
                        l.kind = kind;
                        let _ = doc.apply(Edit::UpdateLane(l));
                    }
                }
            });
        let mut visible = lane.visible;
        if ui
            .checkbox(&mut visible, lang.pick("Visible", "Zichtbaar"))
            .changed()
        {
            let mut l = lane.clone();
            l.visible = visible;
            let _ = doc.apply(Edit::UpdateLane(l));
        }
        let mut height = lane.height;
        ui.horizontal(|ui| {
            let label = ui.label(lang.pick("Height", "Hoogte"));
            if ui
                .add(egui::DragValue::new(&mut height).range(40.0..=1200.0))
                .labelled_by(label.id)
                .changed()
            {
                let mut l = lane.clone();
                l.height = height;
                let _ = doc.apply_in_gesture(Edit::UpdateLane(l), Some(GESTURE_BASE - 3));
            }
        });
        let index = doc
            .journey()
            .lanes
            .iter()
            .position(|l| l.id == lane.id)
            .unwrap_or(0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(index > 0, egui::Button::new(lang.pick("Move up", "Omhoog")))
                .clicked()
            {
                let _ = doc.apply(Edit::MoveLane {
                    id: lane.id.clone(),
                    index: index - 1,
                });
            }
            if ui
                .add_enabled(
                    index + 1 < doc.journey().lanes.len(),
                    egui::Button::new(lang.pick("Move down", "Omlaag")),
                )
                .clicked()
            {
                let _ = doc.apply(Edit::MoveLane {
                    id: lane.id.clone(),
                    index: index + 1,
                });
            }
        });
        if ui
            .button(lang.pick("Delete lane", "Rij verwijderen"))
            .clicked()
        {
            let _ = doc.apply(Edit::DeleteLane(lane.id.clone()));
            sel.lane = None;
        }
    }

    fn map(&mut self, ui: &mut Ui, doc: &mut Document, sel: &mut Selection, lang: Language) {
        let summary = doc.journey().summary();
        let j = doc.journey().without_cards();
        ui.heading(lang.pick("Map", "Kaart"));
        let mut title = j.title.clone();
        let r = labelled(
            ui,
            lang.pick("Title", "Titel"),
            egui::TextEdit::singleline(&mut title)
                .id_salt("map-title")
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, Edit::SetTitle(title));
        let mut nj = j.clone();
        let r = labelled(
            ui,
            lang.pick("Description", "Beschrijving"),
            egui::TextEdit::multiline(&mut nj.description)
                .id_salt("map-desc")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        );
        self.typed(doc, &r, Edit::Replace(Box::new(nj)));
        ui.separator();
        ui.label(lang.pick("Lanes (tick to show)", "Rijen (vink aan om te tonen)"));
        for lane in &j.lanes {
            let mut visible = lane.visible;
            if ui.checkbox(&mut visible, &lane.title).changed() {
                let mut l = lane.clone();
                l.visible = visible;
                let _ = doc.apply(Edit::UpdateLane(l));
            }
        }
        ui.separator();
        ui.label(lang.pick("Personas", "Persona's"));
        for p in &j.personas {
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
                j.personas.iter().map(|p| p.id.as_str()),
            ));
            let persona = crate::model::Persona {
                id: id.clone(),
                name: lang.pick("New persona", "Nieuwe persona").into(),
                ..Default::default()
            };
            if doc.apply(Edit::AddPersona(persona)).is_ok() {
                *sel = Selection {
                    persona: Some(id),
                    ..Selection::default()
                };
            }
        }
        ui.separator();
        ui.label(lang.pick("Emotion curve", "Emotiecurve"));
        let mut style = j.style.clone();
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
            let _ = doc.apply(Edit::SetStyle(style));
        }
        if let Some(scale) = j
            .emotion_curves
            .iter()
            .find(|c| c.kind == crate::model::CurveKind::Emotion)
            .map(|c| c.scale.clone())
        {
            ui.horizontal(|ui| {
                let label = ui.label(lang.pick("Levels", "Niveaus"));
                let mut levels = scale.levels();
                if ui
                    .add(egui::DragValue::new(&mut levels).range(3..=10))
                    .labelled_by(label.id)
                    .changed()
                {
                    let min = -((levels - 1) / 2) as i32;
                    let new = crate::model::Scale {
                        min,
                        max: min + levels as i32 - 1,
                        labels: Vec::new(),
                    };
                    let _ = doc.apply(Edit::SetScale(new));
                }
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
            if r.changed() && (labels.is_empty() || labels.len() as i64 == scale.levels()) {
                let mut new = scale.clone();
                new.labels = labels;
                let _ = doc.apply_in_gesture(Edit::SetScale(new), Some(GESTURE_BASE - 6));
            }
            if r.lost_focus() {
                doc.end_gesture();
            }
        }
        ui.separator();
        ui.weak(summary);
        ui.weak(lang.pick(
            "Double-click a cell to add a card. Drag cards between cells; drag empty space to pan; Ctrl+scroll to zoom.",
            "Dubbelklik op een cel om een kaart toe te voegen. Sleep kaarten tussen cellen; sleep de achtergrond om te schuiven; Ctrl+scrollen om te zoomen.",
        ));
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
