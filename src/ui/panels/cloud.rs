//! Cloud panel: the scope's most frequent words, sized by frequency and placed on a spiral from
//! the centre without overlaps; the layout is deterministic. Clicking a word selects it.

use crate::analysis::TermId;
use crate::jobs::JobCtx;
use crate::ui::commands::Command;
use crate::ui::context::Ctx;
use crate::ui::derived::Derived;
use crate::ui::export;
use crate::ui::store::WordsKey;
use crate::ui::theme;
use crate::ui::widgets::{no_corpus, word_menu};
use egui::{Color32, FontId, Rect, Sense, Ui, Vec2, pos2, vec2};

/// A placed word.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The word.
    pub word: String,
    /// Font size in points.
    pub size: f32,
    /// Where it is drawn, relative to the panel centre.
    pub rect: Rect,
}

/// Inputs of the word choice: the scope's counts and stop-words, and how many words.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TopKey {
    words: WordsKey,
    n: usize,
}

/// Inputs of the placement: the words and the panel's size in points.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LayoutKey {
    top: TopKey,
    size: [u32; 2],
}

/// View state of the Cloud panel.
pub struct CloudView {
    /// How many words.
    pub words: usize,
    /// Words placed last.
    pub placed: Vec<Placed>,
    top: Derived<TopKey, Vec<(String, f32)>>,
    layout: Derived<LayoutKey, Vec<Placed>>,
}

impl Default for CloudView {
    fn default() -> Self {
        Self {
            words: 80,
            placed: Vec::new(),
            top: Derived::default(),
            layout: Derived::default(),
        }
    }
}

/// Places boxes of the given sizes (largest first) on an Archimedean spiral around the origin
/// so that none overlaps another or leaves `bounds`; boxes that do not fit are left out.
pub fn spiral_layout(sizes: &[Vec2], bounds: Vec2) -> Vec<Option<Rect>> {
    let mut placed: Vec<Rect> = Vec::with_capacity(sizes.len());
    let half = bounds / 2.0;
    let area = Rect::from_min_max(pos2(-half.x, -half.y), pos2(half.x, half.y));
    let aspect = (bounds.x / bounds.y.max(1.0)).clamp(0.3, 3.0);
    sizes
        .iter()
        .map(|&s| {
            let mut t = 0.0f32;
            // Past the corners nothing more can fit.
            let t_max = (half.length() / 2.0).min(600.0);
            while t < t_max {
                let r = 2.0 * t;
                let c = pos2(r * t.cos() * aspect.sqrt(), r * t.sin() / aspect.sqrt());
                let rect = Rect::from_center_size(c, s);
                if area.contains_rect(rect) && !placed.iter().any(|p| p.intersects(rect)) {
                    placed.push(rect);
                    return Some(rect);
                }
                t += 0.05;
            }
            None
        })
        .collect()
}

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &Ctx, v: &mut CloudView, cmds: &mut Vec<Command>) {
    let Some(l) = cx.loaded else {
        no_corpus(ui, cx);
        return;
    };
    let counts = cx.counts_now();
    let stop = cx.stop.flags.clone();
    let mut save = false;
    ui.horizontal(|ui| {
        ui.add(egui::Slider::new(&mut v.words, 10..=200).text("words"));
        save = ui.button("Save PNG…").clicked();
    });
    let Some(counts) = counts else {
        ui.spinner();
        return;
    };
    let avail = ui.available_size();
    let (resp, painter) = ui.allocate_painter(avail, Sense::click());
    let rect = resp.rect;
    // The top words are picked in the background; then their boxes are measured here (cheap,
    // fonts live on this thread) and placed on the spiral in the background.
    let top_key = TopKey {
        words: cx.words_key(),
        n: v.words,
    };
    let (a, n) = (l.analysis.clone(), v.words);
    v.top.request(&top_key, cx.waker, move || {
        move |_: &JobCtx| {
            let top: Vec<TermId> = counts
                .ranked()
                .into_iter()
                .filter(|&t| !stop.get(t as usize).copied().unwrap_or(false))
                .filter(|&t| !crate::analysis::tokenize::is_number(&a.vocab[t as usize]))
                .take(n)
                .collect();
            let max = top.first().map_or(1, |&t| counts.freq[t as usize]).max(1) as f32;
            Some(
                top.iter()
                    .map(|&t| {
                        let share = (counts.freq[t as usize] as f32 / max).sqrt();
                        (a.vocab[t as usize].clone(), share)
                    })
                    .collect(),
            )
        }
    });
    let Some(top) = v.top.value_for(&top_key).cloned() else {
        ui.spinner();
        return;
    };
    let key = LayoutKey {
        top: top_key,
        size: [rect.width() as u32, rect.height() as u32],
    };
    v.layout.request(&key, cx.waker, || {
        let min_side = rect.width().min(rect.height()).max(100.0);
        let largest = (min_side / 7.0).clamp(18.0, 64.0);
        let words: Vec<(String, f32)> = top
            .iter()
            .map(|(w, share)| (w.clone(), (largest * share).max(10.0)))
            .collect();
        let sizes: Vec<Vec2> = words
            .iter()
            .map(|(w, size)| {
                let g =
                    painter.layout_no_wrap(w.clone(), FontId::proportional(*size), Color32::WHITE);
                g.size() + vec2(4.0, 0.0)
            })
            .collect();
        let bounds = rect.size();
        move |_: &JobCtx| {
            let spots = spiral_layout(&sizes, bounds);
            Some(
                words
                    .into_iter()
                    .zip(spots)
                    .filter_map(|((word, size), r)| r.map(|rect| Placed { word, size, rect }))
                    .collect(),
            )
        }
    });
    if let Some(p) = v.layout.value() {
        v.placed = p.as_ref().clone();
    }
    let centre = rect.center().to_vec2();
    let hover = resp.hover_pos();
    let mut hovered: Option<&Placed> = None;
    for (i, p) in v.placed.iter().enumerate() {
        let r = p.rect.translate(centre);
        let selected = cx.selection.word.as_deref() == Some(p.word.as_str());
        let is_hover = hover.is_some_and(|h| r.contains(h));
        if is_hover {
            hovered = Some(p);
        }
        let color = if selected {
            theme::SELECTED
        } else if is_hover {
            ui.visuals().strong_text_color()
        } else {
            theme::CLOUD[i % theme::CLOUD.len()]
        };
        painter.text(
            r.center(),
            egui::Align2::CENTER_CENTER,
            &p.word,
            FontId::proportional(p.size),
            color,
        );
    }
    let hovered_word = hovered.map(|p| p.word.clone());
    if resp.clicked()
        && let Some(w) = &hovered_word
    {
        let already = cx.selection.word.as_deref() == Some(w.as_str());
        cmds.push(Command::SelectWord((!already).then(|| w.clone())));
    }
    if save {
        export::save_png("cloud.png", rect, cmds);
    }
    resp.context_menu(|ui| {
        if let Some(w) = &hovered_word {
            word_menu(ui, w, false, cmds);
        }
        if ui.button("Save PNG…").clicked() {
            export::save_png("cloud.png", rect, cmds);
            ui.close();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spiral_places_without_overlap_and_deterministically() {
        let sizes: Vec<Vec2> = (0..60)
            .map(|i| vec2(80.0 - i as f32, 30.0 - (i as f32) / 3.0))
            .collect();
        let a = spiral_layout(&sizes, vec2(600.0, 400.0));
        let b = spiral_layout(&sizes, vec2(600.0, 400.0));
        assert_eq!(a, b);
        let placed: Vec<Rect> = a.iter().flatten().copied().collect();
        assert!(placed.len() > 30, "{} placed", placed.len());
        for (i, x) in placed.iter().enumerate() {
            assert!(x.min.x >= -300.0 && x.max.x <= 300.0 && x.min.y >= -200.0 && x.max.y <= 200.0);
            for y in &placed[i + 1..] {
                assert!(!x.intersects(*y), "{x:?} overlaps {y:?}");
            }
        }
        // The largest word sits at the centre.
        assert!(placed[0].contains(pos2(0.0, 0.0)));
    }
}
