//! Channel icons: vector glyphs from the Lucide icon font (crisp at every zoom and export size),
//! and the font set every painter (screen and export) uses.

use crate::model::Channel;
use epaint::text::{FontData, FontDefinitions};
use epaint::{FontFamily, FontId};
use lucide_icons::Icon;
use std::sync::Arc;

/// The font family that holds the icons.
pub const ICON_FAMILY: &str = "journey-map-icons";

/// The fonts a map is painted with: egui's defaults plus the icon font.
pub fn font_definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    defs.font_data.insert(
        "lucide".to_owned(),
        Arc::new(FontData::from_static(lucide_icons::LUCIDE_FONT_BYTES)),
    );
    defs.families.insert(
        FontFamily::Name(ICON_FAMILY.into()),
        vec!["lucide".to_owned()],
    );
    // Hack covers arrows and symbols the text font lacks (→, ✓, …), so a map that uses them
    // never shows empty boxes.
    if let Some(proportional) = defs.families.get_mut(&FontFamily::Proportional) {
        proportional.push("Hack".to_owned());
    }
    defs
}

/// The icon font at `size`.
pub fn icon_font(size: f32) -> FontId {
    FontId::new(size, FontFamily::Name(ICON_FAMILY.into()))
}

/// The icon glyph of a channel; custom channels use the icon of the built-in channel they name,
/// or a plain ring.
pub fn channel_icon(channel: &Channel) -> char {
    let icon = match channel.icon_channel() {
        Some(Channel::Website) => Icon::Globe,
        Some(Channel::Webshop) => Icon::ShoppingCart,
        Some(Channel::SearchEngine) => Icon::Search,
        Some(Channel::SocialMedia) => Icon::ThumbsUp,
        Some(Channel::Email) => Icon::Mail,
        Some(Channel::Chat) => Icon::MessageCircle,
        Some(Channel::MobileApp) => Icon::Smartphone,
        Some(Channel::ReviewSite) => Icon::Star,
        Some(Channel::Marketplace) => Icon::ShoppingBag,
        Some(Channel::VideoCall) => Icon::Video,
        Some(Channel::QrCode) => Icon::QrCode,
        Some(Channel::Phone) => Icon::Phone,
        Some(Channel::Store) => Icon::Store,
        Some(Channel::Event) => Icon::Ticket,
        Some(Channel::Print) => Icon::Newspaper,
        Some(Channel::DirectMail) => Icon::Mailbox,
        Some(Channel::Advertising) => Icon::Megaphone,
        Some(Channel::WordOfMouth) => Icon::MessagesSquare,
        Some(Channel::CustomerService) => Icon::Headset,
        Some(Channel::Delivery) => Icon::Truck,
        Some(Channel::Payment) => Icon::CreditCard,
        Some(Channel::SalesMeeting) => Icon::Handshake,
        Some(Channel::Custom { .. }) | None => Icon::CircleDot,
    };
    char::from(icon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fonts_cover_what_consultants_type() {
        let mut fonts = epaint::text::Fonts::new(Default::default(), font_definitions());
        let mut view = fonts.with_pixels_per_point(1.0);
        for c in "→←€£é ëïöü“”‘’…—–·★☺".chars() {
            assert!(
                view.has_glyph(&FontId::proportional(12.0), c),
                "{c:?} ({:#x})",
                c as u32
            );
        }
    }

    #[test]
    fn every_builtin_channel_has_its_own_icon_in_the_font() {
        let mut fonts = epaint::text::Fonts::new(Default::default(), font_definitions());
        let mut view = fonts.with_pixels_per_point(1.0);
        let mut seen = std::collections::HashSet::new();
        for ch in Channel::builtins() {
            let icon = channel_icon(&ch);
            assert!(view.has_glyph(&icon_font(16.0), icon), "{ch:?}");
            assert!(seen.insert(icon), "{ch:?} shares its icon");
        }
    }
}
