//! The channels through which a customer meets the company.

use super::Language;
use serde::{Deserialize, Serialize};

/// Whether a channel is online or offline (the grouping in menus and legends).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChannelGroup {
    /// Websites, apps, email, social…
    Online,
    /// Stores, print, phone, people…
    Offline,
}

/// A channel on a touchpoint card. Built-in channels are written by name in a file
/// (`channel: Some(Website)`); anything else is `Custom(name: "Loket", icon: Some("Store"))`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    Website,
    Webshop,
    SearchEngine,
    SocialMedia,
    Email,
    Phone,
    Chat,
    MobileApp,
    Store,
    Event,
    Print,
    DirectMail,
    Advertising,
    QrCode,
    WordOfMouth,
    ReviewSite,
    CustomerService,
    Delivery,
    Payment,
    SalesMeeting,
    VideoCall,
    Marketplace,
    /// A channel the map's author named themselves, optionally drawn with the icon of a
    /// built-in channel (named by its key, e.g. `"Store"`).
    Custom {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        icon: Option<String>,
    },
}

/// One built-in channel's names and group.
struct ChannelInfo {
    channel: Channel,
    key: &'static str,
    en: &'static str,
    nl: &'static str,
    group: ChannelGroup,
}

macro_rules! builtins {
    ($($variant:ident, $key:literal, $en:literal, $nl:literal, $group:ident;)*) => {
        fn infos() -> Vec<ChannelInfo> {
            vec![$(ChannelInfo {
                channel: Channel::$variant,
                key: $key,
                en: $en,
                nl: $nl,
                group: ChannelGroup::$group,
            }),*]
        }
    };
}

builtins! {
    Website, "Website", "Website", "Website", Online;
    Webshop, "Webshop", "Webshop", "Webwinkel", Online;
    SearchEngine, "SearchEngine", "Search engine", "Zoekmachine", Online;
    SocialMedia, "SocialMedia", "Social media", "Sociale media", Online;
    Email, "Email", "Email / newsletter", "E-mail / nieuwsbrief", Online;
    Chat, "Chat", "Chat / messaging", "Chat / berichten", Online;
    MobileApp, "MobileApp", "Mobile app", "Mobiele app", Online;
    ReviewSite, "ReviewSite", "Review site", "Reviewsite", Online;
    Marketplace, "Marketplace", "Marketplace", "Marktplaats / platform", Online;
    VideoCall, "VideoCall", "Video call", "Videogesprek", Online;
    QrCode, "QrCode", "QR code", "QR-code", Online;
    Phone, "Phone", "Phone / call centre", "Telefoon / callcenter", Offline;
    Store, "Store", "Physical store", "Fysieke winkel", Offline;
    Event, "Event", "Event / fair", "Evenement / beurs", Offline;
    Print, "Print", "Print / poster / flyer", "Drukwerk / poster / flyer", Offline;
    DirectMail, "DirectMail", "Direct mail", "Direct mail", Offline;
    Advertising, "Advertising", "TV / radio / advertising", "Tv / radio / reclame", Offline;
    WordOfMouth, "WordOfMouth", "Word of mouth", "Mond-tot-mond", Offline;
    CustomerService, "CustomerService", "Customer service", "Klantenservice", Offline;
    Delivery, "Delivery", "Delivery / parcel", "Levering / pakket", Offline;
    Payment, "Payment", "Invoice / payment", "Factuur / betaling", Offline;
    SalesMeeting, "SalesMeeting", "Sales meeting", "Verkoopgesprek", Offline;
}

impl Channel {
    /// Every built-in channel, online first.
    pub fn builtins() -> Vec<Channel> {
        infos().into_iter().map(|i| i.channel).collect()
    }

    fn info(&self) -> Option<ChannelInfo> {
        infos().into_iter().find(|i| &i.channel == self)
    }

    /// The name a file uses for this channel (`Website`, `Custom("Loket")`).
    pub fn key(&self) -> String {
        match self {
            Channel::Custom { name, .. } => format!("Custom(name: {name:?})"),
            other => other.info().map(|i| i.key.to_owned()).unwrap_or_default(),
        }
    }

    /// The name shown to people, in `lang`.
    pub fn label(&self, lang: Language) -> String {
        match self {
            Channel::Custom { name, .. } => name.clone(),
            other => other
                .info()
                .map(|i| lang.pick(i.en, i.nl).to_owned())
                .unwrap_or_default(),
        }
    }

    /// Online or offline; a custom channel takes the group of its icon's channel.
    pub fn group(&self) -> ChannelGroup {
        self.icon_channel()
            .and_then(|c| c.info())
            .map_or(ChannelGroup::Offline, |i| i.group)
    }

    /// A built-in channel by its key (`"Website"`).
    pub fn from_key(key: &str) -> Option<Channel> {
        infos()
            .into_iter()
            .find(|i| i.key == key)
            .map(|i| i.channel)
    }

    /// The built-in channel whose icon this channel is drawn with: itself, or for a custom
    /// channel the one it names (none if it names none).
    pub fn icon_channel(&self) -> Option<Channel> {
        match self {
            Channel::Custom { icon, .. } => icon.as_deref().and_then(Channel::from_key),
            other => Some(other.clone()),
        }
    }

    /// A line for `journey-map channels`: key, group, English and Dutch names.
    pub fn describe(&self) -> String {
        let group = match self.group() {
            ChannelGroup::Online => "online",
            ChannelGroup::Offline => "offline",
        };
        format!(
            "{:<16} {:<8} {} / {}",
            self.key(),
            group,
            self.label(Language::En),
            self.label(Language::Nl)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_has_names_in_both_languages() {
        let all = Channel::builtins();
        assert!(all.len() >= 20, "issue 4 asks for at least 20 channels");
        for c in &all {
            assert!(!c.label(Language::En).is_empty());
            assert!(!c.label(Language::Nl).is_empty());
            assert!(!c.key().is_empty());
        }
        let keys: std::collections::BTreeSet<_> = all.iter().map(Channel::key).collect();
        assert_eq!(keys.len(), all.len(), "keys are unique");
    }

    #[test]
    fn key_matches_serialized_name() {
        for c in Channel::builtins() {
            let ron = ron::to_string(&c).expect("channel serializes");
            assert_eq!(ron, c.key());
        }
    }
}
