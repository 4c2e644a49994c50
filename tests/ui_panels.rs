//! UI tests of what the panels say and how they fit: counts that agree from panel to panel,
//! the Reader following the selection, exports that always end in a message, and lines,
//! charts and headers that stay inside their panels.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quarry::ui::QuarryApp;
use quarry::ui::panels::Tab;
use quarry::ui::panels::concordance::{HIT_CHARS, shown_hit};
use quarry::ui::session::Latest;
use std::path::Path;

mod common;
use common::{harness_at, harness_on, sample, wait_until};

/// Height of one line of the Concordance's monospace text, with room to spare: a label taller
/// than this has wrapped.
const ONE_ROW: f32 = 22.0;

/// Waits until the catalog and the Network's graph are in, and returns the graph.
fn graph(
    h: &mut Harness<'static, QuarryApp>,
) -> std::sync::Arc<quarry::analysis::cooccur::CooccurGraph> {
    wait_until(h, |app| app.session.store.catalog_latest().is_some());
    loop {
        let key = h.state().context().graph_key();
        if let Some(g) = h.state().session.store.graph_for(&key) {
            return g;
        }
        let _ = h.state().context().graph();
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
}

/// Selects the link between `a` and `b`, as a click in the Network or Matrix does.
fn select_link(h: &mut Harness<'static, QuarryApp>, a: u32, b: u32) {
    let sel = &mut h.state_mut().session.selection;
    sel.edge = Some((a.min(b), a.max(b)));
    sel.chose(Latest::Link);
}

#[test]
fn a_multi_word_hit_and_a_link_context_stay_on_one_row_of_the_concordance() {
    let mut h = harness_on(sample());
    h.state_mut().focus(Tab::Concordance);
    let phrase = "foreign minister";
    h.state_mut().session.selection.word = Some(phrase.into());
    wait_until(&mut h, |app| {
        let v = &app.views.concordance;
        v.query == phrase && v.results.value().is_some() && !v.results.is_running()
    });
    let l = h.state().session.loaded.clone().unwrap();
    let found = h.state().views.concordance.results.value().unwrap().clone();
    let hits = &found.as_ref().as_ref().unwrap().hits;
    assert!(hits.len() > 2, "{} hits", hits.len());
    let width = h.state().views.concordance.width;
    let ln = quarry::analysis::kwic::line(&l.analysis, &l.corpus, &hits[0], width);
    assert_eq!(ln.hit.to_lowercase(), phrase);
    let labels: Vec<egui::Rect> = h.get_all_by_label(&ln.hit).map(|n| n.rect()).collect();
    assert!(!labels.is_empty());
    for r in labels {
        assert!(r.height() <= ONE_ROW, "“{}” is {} high", ln.hit, r.height());
    }
    // A link lists sentences holding both names: long hits, cut in the middle to one row.
    let g = graph(&mut h);
    let (a, b) = g
        .graph
        .raw_edges()
        .iter()
        .map(|e| (g.graph[e.source()].entity, g.graph[e.target()].entity, e))
        .find(|(_, _, e)| {
            e.weight
                .contexts
                .iter()
                .any(|c| (c.end - c.start) as usize > HIT_CHARS + 10)
        })
        .map(|(a, b, _)| (a, b))
        .expect("a link whose names lie far apart in a sentence");
    select_link(&mut h, a, b);
    wait_until(&mut h, |app| !app.views.concordance.spans.is_empty());
    let spans = h.state().views.concordance.spans.clone();
    let mut long = 0;
    for &(d, s, e) in spans.iter().take(8) {
        let ln = quarry::analysis::kwic::line_at(&l.corpus, d, s, e, width);
        let shown = shown_hit(&ln.hit);
        assert!(shown.chars().count() <= HIT_CHARS, "{shown}");
        if shown != ln.hit {
            long += 1;
            assert!(shown.contains('…'), "{shown}");
        }
        let node = h
            .get_all_by_label(&shown)
            .next()
            .expect("the hit is listed");
        assert!(node.rect().height() <= ONE_ROW, "“{shown}” wraps");
    }
    assert!(
        long > 0 || spans.len() > 8,
        "no long context among the first lines"
    );
}

#[test]
fn a_link_counts_the_same_places_and_documents_in_every_panel() {
    let mut h = harness_on(sample());
    let g = graph(&mut h);
    let cat = h.state().session.store.catalog_latest().unwrap();
    // A link whose entities also share documents where they are not in one sentence: there,
    // "documents naming both" and "documents where they are together" differ.
    let (a, b, count, documents) = g
        .graph
        .raw_edges()
        .iter()
        .map(|e| {
            let (a, b) = (g.graph[e.source()].entity, g.graph[e.target()].entity);
            (a, b, e.weight.count as usize, e.weight.documents as usize)
        })
        .find(|&(a, b, _, docs)| {
            let da = cat.docs_of(a);
            cat.docs_of(b).iter().filter(|d| da.contains(d)).count() > docs
        })
        .expect("two entities named in a document apart from each other");
    h.state_mut().focus(Tab::Concordance);
    select_link(&mut h, a, b);
    wait_until(&mut h, |app| !app.views.concordance.spans.is_empty());
    h.run_steps(3);
    // The Concordance lists every place, and says what it counts.
    let (na, nb) = (
        &cat.entities[a as usize].name,
        &cat.entities[b as usize].name,
    );
    assert_eq!(h.state().views.concordance.spans.len(), count);
    h.get_by_label(&format!(
        "{na} + {nb}: {}",
        quarry::ui::widgets::link_summary(g.options.scope, count, documents)
    ));
    // The Documents list holds the documents where they are together, no others.
    let rows = h.state().views.documents.rows().to_vec();
    assert_eq!(rows.len(), documents);
    let spans = h.state().views.concordance.spans.clone();
    for r in &rows {
        assert!(spans.iter().any(|s| s.0 == *r), "document {r} has no place");
    }
    let total = h.state().session.loaded.as_ref().unwrap().corpus.docs.len();
    h.get_by_label(&format!("{documents} of {total}"));
}

#[test]
fn the_reader_shows_a_document_holding_both_the_word_and_the_entity() {
    let mut h = harness_on(sample());
    h.state_mut().focus(Tab::Entities);
    wait_until(&mut h, |app| !app.views.entities.rows.is_empty());
    let cat = h.state().session.store.catalog_latest().unwrap();
    let l = h.state().session.loaded.clone().unwrap();
    let a = &l.analysis;
    let shown = h.state().session.selection.doc.unwrap();
    // The most mentioned entity, and a word found in some of its documents but not in the
    // first of them nor in the document on show.
    let entity = h.state().views.entities.rows[0];
    let docs = cat.docs_of(entity);
    let word = a
        .by_freq
        .iter()
        .map(|&t| a.vocab[t as usize].clone())
        .filter(|w| w.len() > 4 && w.chars().all(char::is_alphabetic))
        .find(|w| {
            let with = a.docs_with(w);
            let both = docs.iter().filter(|d| with.contains(d)).count();
            both > 0
                && !with.contains(&docs[0])
                && !(with.contains(&shown) && docs.contains(&shown))
        })
        .expect("a word in some of the entity's documents");
    // The word first, then the entity (clicked in the Entities table).
    h.state_mut().session.selection.word = Some(word.clone());
    h.run_steps(3);
    let name = cat.entities[entity as usize].name.clone();
    let at = h.get_all_by_label(&name).next().unwrap().rect().center();
    common::click_at(&h, at);
    h.run_steps(6);
    assert_eq!(h.state().session.selection.entity, Some(entity));
    let doc = h.state().session.selection.doc.unwrap();
    assert!(
        docs.contains(&doc),
        "document {doc} does not mention {name}"
    );
    assert!(
        a.docs_with(&word).contains(&doc),
        "document {doc} does not hold “{word}”"
    );
    h.get_by_label_contains(&format!("“{word}”: "));
    assert!(
        h.query_by_label(&format!("“{word}”: 0 in this document"))
            .is_none()
    );
}

/// Two articles in a folder of their own, so that nothing is ever written near the sample.
fn small_corpus(dir: &Path) -> std::path::PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for (name, text) in [
        (
            "a.txt",
            "Harbour talks resume\n\nEnvoys met in Geneva on Tuesday.\n",
        ),
        (
            "b.txt",
            "Ferry strike ends\n\nThe ferries sailed again from Geneva.\n",
        ),
    ] {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    corpus
}

/// Replaces the text of the path box (which holds a path to a words.csv) with `path`.
fn type_path(h: &mut Harness<'static, QuarryApp>, path: &Path) {
    let path_box = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
        n.role() == egui::accesskit::Role::TextInput
            && n.value().is_some_and(|v| v.ends_with("words.csv"))
    };
    h.get_by(path_box).focus();
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by(path_box).type_text(&path.display().to_string());
    h.run_steps(2);
}

#[test]
fn export_without_a_save_dialog_asks_for_a_path_and_says_where_the_file_went() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = small_corpus(dir.path());
    let mut h = harness_on(corpus.clone());
    h.state_mut().saving.dialog = false;
    // The Words table's export.
    h.get_all_by_label("Table").next().unwrap().click();
    h.run_steps(3);
    h.get_by_label("Export CSV…").click();
    h.run_steps(3);
    h.get_by_label("Type where the file should go:");
    // Into the opened folder: refused, and the box stays for another path.
    let inside = corpus.join("words.csv");
    type_path(&mut h, &inside);
    h.get_by_label("Save").click();
    h.run_steps(3);
    assert!(!inside.exists());
    h.get_all_by_label_contains("never writes into")
        .next()
        .unwrap();
    // Into a folder that does not exist: why it failed.
    let missing = dir.path().join("no/such/words.csv");
    type_path(&mut h, &missing);
    h.get_by_label("Save").click();
    h.run_steps(3);
    h.get_all_by_label_contains(&format!("could not write {}", missing.display()))
        .next()
        .unwrap();
    // A folder: the file goes in it, under its own name, and the status bar says where.
    type_path(&mut h, dir.path());
    h.get_by_label("Save").click();
    h.run_steps(3);
    let saved = dir.path().join("words.csv");
    let text = std::fs::read_to_string(&saved).expect("the file was written");
    assert!(
        text.starts_with("word,count,per_million,documents,dp\r\n"),
        "{text}"
    );
    assert!(text.contains("geneva,2,"), "{text}");
    h.get_by_label(&format!("Saved {}", saved.display()));
    assert!(!h.state().saving.is_asking());
    // Giving up says so too.
    h.get_by_label("Export CSV…").click();
    h.run_steps(3);
    h.get_by_label("Cancel").click();
    h.run_steps(3);
    h.get_by_label("Not saved: no path was given for words.csv.");
}

#[test]
fn the_words_chart_fits_its_panel_and_reads_out_a_bar_above_it() {
    for size in [[1400.0, 900.0], [1024.0, 700.0]] {
        let mut h = harness_at(sample(), size);
        h.run_steps(3);
        let (visible, plot) = h
            .state()
            .views
            .words
            .chart_view
            .expect("the chart is drawn");
        let bars = h.state().views.words.bar_rects.clone();
        assert!(bars.len() >= 5, "{} bars", bars.len());
        // Every bar and the axis below them are in view, not below the fold.
        assert!(
            plot.bottom() <= visible.bottom() + 0.5,
            "{plot:?} in {visible:?}"
        );
        for (w, r) in &bars {
            assert!(visible.contains_rect(*r), "{w}: {r:?} outside {visible:?}");
        }
        // Hovering a bar writes its counts on the line above the chart, over no label.
        let (word, bar) = bars[3].clone();
        h.event(egui::Event::PointerMoved(bar.center()));
        h.run_steps(3);
        let (line, rank) = h.state().views.words.readout.expect("a bar is hovered");
        assert_eq!(rank, 3);
        let label = h.get_by_label(&word).rect();
        assert!(line.contains_rect(label), "{label:?} not on {line:?}");
        assert!(
            line.bottom() <= plot.top(),
            "the read-out overlaps the chart"
        );
    }
}

/// The left edge of the right-hand column of panels, a little left of the Reader's text.
fn right_column(h: &Harness<'static, QuarryApp>) -> f32 {
    let text = h
        .state()
        .views
        .reader
        .text_rect
        .expect("the Reader is drawn");
    text.left() - 12.0
}

#[test]
fn at_1024_by_700_trends_and_keywords_stay_inside_their_panels() {
    let (w, _) = (1024.0, 700.0);
    let mut h = harness_at(sample(), [1024.0, 700.0]);
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    h.state_mut()
        .session
        .set_dates(Some((day("2025-03-01"), day("2025-03-31"))));
    h.state_mut().focus(Tab::Keywords);
    h.state_mut().focus(Tab::Trends);
    h.state_mut().views.trends.extra = "minister, sanctions".into();
    wait_until(&mut h, |app| {
        app.views.trends.plot_frame.is_some() && app.views.keywords.plot_rect.is_some()
    });
    h.run_steps(3);
    let edge = right_column(&h);
    // Keywords, on the left: its chart and buttons end before the right-hand column.
    let kw = h.state().views.keywords.plot_rect.unwrap();
    assert!(kw.right() <= edge, "Keywords chart {kw:?} crosses {edge}");
    // Trends, on the right: its chart, "Clear range" and "Export CSV…" end inside the window.
    let (tr, _, _) = h.state().views.trends.plot_frame.unwrap();
    assert!(tr.right() <= w && tr.left() >= edge, "Trends chart {tr:?}");
    let clear = h.get_by_label("Clear range").rect();
    assert!(clear.right() <= w && clear.left() >= edge, "{clear:?}");
    for b in h.get_all_by_label("Export CSV…") {
        let r = b.rect();
        let inside = r.right() <= edge || (r.left() >= edge && r.right() <= w);
        assert!(
            inside,
            "Export CSV… at {r:?} crosses a panel's edge at {edge} or {w}"
        );
    }
    assert_eq!(h.get_all_by_label("Export CSV…").count(), 2);
}

#[test]
fn at_1024_by_700_the_reader_keeps_room_for_the_text_and_opens_its_details() {
    let mut h = harness_at(sample(), [1024.0, 700.0]);
    h.run_steps(3);
    // The details are closed: the text has most of the panel.
    let text = h.state().views.reader.text_rect.expect("the text is drawn");
    assert!(text.height() >= 170.0, "{text:?} leaves too few lines");
    assert!(h.query_by_label_contains(" bytes").is_none());
    // Opening them shows every field.
    h.get_all_by_label_contains("Details")
        .next()
        .unwrap()
        .click();
    h.run_steps(3);
    h.get_by_label_contains(" bytes");
    assert_eq!(h.state().views.reader.details, Some(true));
}
