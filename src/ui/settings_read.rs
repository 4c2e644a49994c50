//! Reading a settings file part by part: each field (and each recent folder, each stop-word,
//! each panel of the layout) is decoded on its own, so what cannot be read — a value of the
//! wrong kind, a panel or option of a newer version, a file cut short — loses only itself.
//! What was lost is described in words for the user.

use crate::ui::options::Options;
use crate::ui::panels::{Tab, default_layout};
use crate::ui::ron_fields::split;
use egui_dock::DockState;
use serde::de::{self, Deserializer, EnumAccess, VariantAccess, Visitor};
use serde::{Deserialize, de::DeserializeOwned};
use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

/// What a settings file held, and what of it could not be read.
#[derive(Debug)]
pub struct Read {
    /// Recently opened folders, newest first.
    pub recent: Vec<PathBuf>,
    /// The panel layout (the default one when the file's could not be read).
    pub dock: DockState<Tab>,
    /// The view options.
    pub options: Options,
    /// What was lost, one phrase each ("the panel “Timeline” (unknown to this version)").
    pub lost: Vec<String>,
}

/// A panel name read from a layout; `None` for a panel this version does not know.
#[derive(Debug, Clone)]
struct KnownTab(Result<Tab, String>);

impl<'de> Deserialize<'de> for KnownTab {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_enum("Tab", &[], TabVisitor)
    }
}

struct TabVisitor;

impl<'de> Visitor<'de> for TabVisitor {
    type Value = KnownTab;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a panel name")
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<KnownTab, A::Error> {
        let (Name(name), variant) = data.variant::<Name>()?;
        variant.unit_variant()?;
        let tab = Tab::ALL
            .iter()
            .find(|t| format!("{t:?}") == name)
            .copied()
            .ok_or(name);
        Ok(KnownTab(tab))
    }
}

/// An identifier read as it is written.
struct Name(String);

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Name, E> {
                Ok(Name(v.to_string()))
            }
        }
        d.deserialize_identifier(V)
    }
}

fn value<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    ron::from_str(text).map_err(|e| e.code.to_string())
}

/// Reads settings from RON text, keeping every part that can be read.
pub fn read(text: &str) -> Read {
    let mut r = Read {
        recent: Vec::new(),
        dock: default_layout(),
        options: Options::default(),
        lost: Vec::new(),
    };
    let Some(top) = split(text) else {
        r.lost
            .push("everything (the file is not a settings file)".into());
        return r;
    };
    let mut saw_dock = false;
    for (name, v) in top.parts {
        match name {
            "recent" => r.recent = list(v, "a recent folder", &mut r.lost),
            "dock" => {
                saw_dock = true;
                r.dock = dock(v, &mut r.lost);
            }
            "options" => options(v, &mut r.options, &mut r.lost),
            // Options as files kept them before they had their own section.
            other => option(other, v, &mut r.options, &mut r.lost),
        }
    }
    if top.cut {
        let what = if saw_dock {
            "the end of the file (it was cut short)"
        } else {
            "the end of the file (it was cut short), with the panel layout"
        };
        r.lost.push(what.into());
    }
    r.options.words_top_n = r.options.words_top_n.clamp(5, 100);
    r
}

/// The items of a list that can be read; one phrase per item that cannot.
fn list<T: DeserializeOwned>(text: &str, what: &str, lost: &mut Vec<String>) -> Vec<T> {
    let Some(items) = split(text).filter(|_| text.trim_start().starts_with('[')) else {
        lost.push(format!("the list holding {what} (not a list)"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (_, item) in items.parts {
        match value(item) {
            Ok(v) => out.push(v),
            Err(e) => lost.push(format!("{what}, {} ({e})", short(item))),
        }
    }
    if items.cut {
        lost.push(format!("the last of the list holding {what} (cut short)"));
    }
    out
}

fn options(text: &str, o: &mut Options, lost: &mut Vec<String>) {
    let Some(fields) = split(text) else {
        lost.push("the options (not readable)".into());
        return;
    };
    for (name, v) in fields.parts {
        option(name, v, o, lost);
    }
    if fields.cut {
        lost.push("the last options (cut short)".into());
    }
}

/// Sets one option from its text; an option this version does not know is noted as lost.
fn option(name: &str, v: &str, o: &mut Options, lost: &mut Vec<String>) {
    let set = |r: Result<(), String>, lost: &mut Vec<String>| {
        if let Err(e) = r {
            lost.push(format!("the option {name} ({e})"));
        }
    };
    let words = |what: &str, lost: &mut Vec<String>| -> BTreeSet<String> {
        list::<String>(v, what, lost).into_iter().collect()
    };
    match name {
        "words_top_n" => set(value(v).map(|n| o.words_top_n = n), lost),
        "hide_stopwords" => set(value(v).map(|b| o.hide_stopwords = b), lost),
        "large_stoplist" => set(value(v).map(|b| o.large_stoplist = b), lost),
        "user_names" => set(value(v).map(|s| o.user_names = s), lost),
        "user_stop" => o.user_stop = words("a stop-word", lost),
        "user_keep" => o.user_keep = words("a word counted again", lost),
        "theme" => set(value(v).map(|t| o.theme = t), lost),
        _ => lost.push(format!("the option {name} (unknown to this version)")),
    }
}

/// The layout; panels this version does not know are left out of it, and a layout that
/// cannot be read at all gives the default one.
fn dock(text: &str, lost: &mut Vec<String>) -> DockState<Tab> {
    let mut d: DockState<KnownTab> = match value(text) {
        Ok(d) => d,
        Err(e) => {
            lost.push(format!("the panel layout ({e})"));
            return default_layout();
        }
    };
    let mut unknown = BTreeSet::new();
    d.retain_tabs(|t| match &t.0 {
        Ok(_) => true,
        Err(name) => {
            unknown.insert(name.clone());
            false
        }
    });
    for name in unknown {
        lost.push(format!(
            "the panel “{}” from the layout (unknown to this version)",
            short(&name)
        ));
    }
    let d = d.filter_map_tabs(|t| t.0.clone().ok());
    if d.iter_all_tabs().next().is_none() {
        return default_layout();
    }
    d
}

/// At most 40 characters of `s`, for a message.
fn short(s: &str) -> String {
    crate::corpus::metadata::truncate_chars(s, 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_value_loses_only_itself() {
        let r = read(
            r#"(recent: ["/a", 3, "/b"], options: (words_top_n: "many", user_stop: ["said"], colour: Red))"#,
        );
        assert_eq!(r.recent, [PathBuf::from("/a"), PathBuf::from("/b")]);
        assert_eq!(r.options.words_top_n, 30);
        assert!(r.options.user_stop.contains("said"));
        assert_eq!(r.lost.len(), 3, "{:?}", r.lost);
        assert!(r.lost[2].contains("colour"), "{:?}", r.lost);
    }

    #[test]
    fn not_a_settings_file_loses_everything() {
        let r = read("hello");
        assert_eq!(r.lost.len(), 1);
        assert!(r.recent.is_empty());
    }
}
