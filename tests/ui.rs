//! UI tests: the real app, driven through its widgets with egui_kittest (no display needed).
#![cfg(feature = "gui")]

use egui_kittest::kittest::Queryable;
use quarry::ui::QuarryApp;

mod common;
use common::{click_at, harness_for, harness_on, sample, wait_until};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[test]
fn opens_sample_and_shows_every_panel() {
    let h = harness_on(sample());
    let docs = h.state().session.loaded.as_ref().unwrap().corpus.docs.len();
    assert!(docs >= 40, "{docs} documents");
    h.get_by_label(&format!("{docs} of {docs}"));
    h.get_by_label("Filter:");
    h.get_by_label("Hide stop-words");
    // The status bar reports the corpus.
    h.get_by_label_contains(&format!("{docs} documents"));
}

#[test]
fn clicking_a_document_shows_it_in_the_reader() {
    let mut h = harness_on(sample());
    let (id, title) = {
        let l = h.state().session.loaded.as_ref().unwrap();
        let id = l
            .corpus
            .docs
            .iter()
            .position(|d| d.title.starts_with("Aurora Airways cuts routes"))
            .expect("sample article");
        (id as u32, l.corpus.docs[id].title.clone())
    };
    assert_ne!(h.state().session.selection.doc, Some(id));
    h.get_by_label(&title).click();
    h.run_steps(4);
    assert_eq!(h.state().session.selection.doc, Some(id));
    // The title now appears twice: in the table row and as the Reader's heading.
    assert_eq!(h.get_all_by_label(&title).count(), 2);
    h.get_by_label("Dateline");
    h.get_by_label("COPENHAGEN");
}

#[test]
fn find_in_document_counts_and_steps_through_hits() {
    let mut h = harness_on(sample());
    let title = {
        let l = h.state().session.loaded.as_ref().unwrap();
        l.corpus
            .docs
            .iter()
            .find(|d| d.title.starts_with("Aurora Airways cuts routes"))
            .unwrap()
            .title
            .clone()
    };
    h.get_by_label(&title).click();
    h.run_steps(3);
    h.state_mut().views.reader.find = "reyes".into();
    h.run_steps(3);
    let hits = h.state().views.reader.hits.len();
    assert!(hits >= 3, "{hits} hits");
    h.get_by_label(&format!("1 of {hits}"));
    h.get_by_label("⏷").click();
    h.run_steps(2);
    h.get_by_label(&format!("2 of {hits}"));
    h.get_by_label("⏶").click();
    h.get_by_label("⏶").click();
    h.run_steps(2);
    h.get_by_label(&format!("{hits} of {hits}"));
}

#[test]
fn clicking_a_word_bar_filters_the_documents() {
    let mut h = harness_on(sample());
    let total = h.state().views.documents.rows().len();
    let (word, rect) = h.state().views.words.bar_rects[2].clone();
    click_at(&h, rect.center());
    h.run_steps(4);
    assert_eq!(
        h.state().session.selection.word.as_deref(),
        Some(word.as_str())
    );
    let rows = h.state().views.documents.rows().to_vec();
    let expected = h
        .state()
        .session
        .loaded
        .as_ref()
        .unwrap()
        .analysis
        .docs_with(&word)
        .len();
    assert_eq!(rows.len(), expected);
    assert!(rows.len() < total, "{word}: {} of {total}", rows.len());
    h.get_by_label(&format!("{} of {total}", rows.len()));
    // Clearing the word restores the full list.
    h.get_by_label(&format!("word: {word} ✖")).click();
    h.run_steps(3);
    assert_eq!(h.state().session.selection.word, None);
    assert_eq!(h.state().views.documents.rows().len(), total);
}

#[test]
fn filter_box_matches_title_and_text() {
    let mut h = harness_on(sample());
    let total = h.state().views.documents.rows().len();
    h.state_mut().views.documents.filter = "istanbul".into();
    h.step();
    wait_until(&mut h, |app| !app.views.documents.is_filtering());
    let rows = h.state().views.documents.rows().to_vec();
    assert!(!rows.is_empty() && rows.len() < total);
    let l = h.state().session.loaded.clone().unwrap();
    for r in rows {
        let d = &l.corpus.docs[r as usize];
        assert!(
            d.text.to_lowercase().contains("istanbul")
                || d.title.to_lowercase().contains("istanbul")
        );
    }
}

#[test]
fn typing_a_filter_searches_in_the_background_and_keeps_the_rows_meanwhile() {
    let mut h = harness_on(sample());
    let before = h.state().views.documents.rows().to_vec();
    let total = before.len();
    h.get_by(|n| n.placeholder() == Some("words in title or text"))
        .focus();
    h.run_steps(2);
    h.get_by(|n| n.placeholder() == Some("words in title or text"))
        .type_text("Geneva");
    // The frame that takes the keystrokes changes the filter ...
    h.step();
    assert_eq!(h.state().views.documents.filter, "Geneva");
    assert_eq!(h.state().views.documents.rows(), before.as_slice());
    // ... and the next one starts the search without waiting for it: the table still lists
    // the previous rows, marked as being filtered.
    h.step();
    assert!(h.state().views.documents.is_filtering());
    assert_eq!(h.state().views.documents.rows(), before.as_slice());
    h.get_by_label(&format!("{total} of {total}"));
    h.get_by_label_contains("filtering…");
    wait_until(&mut h, |app| !app.views.documents.is_filtering());
    // The rows that arrive are exactly the documents naming Geneva, in path order.
    let l = h.state().session.loaded.clone().unwrap();
    let mut expected: Vec<u32> = (0..l.corpus.docs.len() as u32)
        .filter(|&i| {
            let d = &l.corpus.docs[i as usize];
            d.title.to_lowercase().contains("geneva") || d.text.to_lowercase().contains("geneva")
        })
        .collect();
    expected.sort_by(|&a, &b| {
        let (da, db) = (&l.corpus.docs[a as usize], &l.corpus.docs[b as usize]);
        (&da.path, da.index).cmp(&(&db.path, db.index))
    });
    assert!(!expected.is_empty() && expected.len() < total);
    assert_eq!(h.state().views.documents.rows(), expected.as_slice());
    h.get_by_label(&format!("{} of {total}", expected.len()));
    assert!(h.query_by_label_contains("filtering…").is_none());
    // Clearing the filter lists every document again at once.
    h.get_by_label("✖").click();
    h.run_steps(2);
    assert!(!h.state().views.documents.is_filtering());
    assert_eq!(h.state().views.documents.rows(), before.as_slice());
}

#[test]
fn sorting_many_rows_runs_in_the_background_and_keeps_the_old_order_meanwhile() {
    let mut h = harness_on(sample());
    // Every sort counts as a large one here, as on a corpus of 200,000 documents.
    h.state_mut().views.documents.sort_in_frame = 0;
    let before = h.state().views.documents.rows().to_vec();
    h.get_by_label("Words").click();
    // The frame that takes the click changes the order asked for ...
    h.step();
    // ... and the next one starts the sort without waiting for it.
    h.step();
    assert!(h.state().views.documents.is_filtering());
    assert_eq!(h.state().views.documents.rows(), before.as_slice());
    h.get_by_label_contains("sorting…");
    wait_until(&mut h, |app| !app.views.documents.is_filtering());
    let l = h.state().session.loaded.clone().unwrap();
    let rows = h.state().views.documents.rows().to_vec();
    let counts: Vec<u32> = rows
        .iter()
        .map(|&r| l.analysis.doc_tokens[r as usize])
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "descending by words"
    );
    assert_ne!(rows, before);
    let (mut a, mut b) = (rows.clone(), before.clone());
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b, "the same documents, in another order");
    assert!(h.query_by_label_contains("sorting…").is_none());
}

#[test]
fn sorting_by_words_column_orders_rows() {
    let mut h = harness_on(sample());
    h.get_by_label("Words").click();
    h.run_steps(3);
    let l = h.state().session.loaded.clone().unwrap();
    let counts: Vec<u32> = h
        .state()
        .views
        .documents
        .rows()
        .iter()
        .map(|&r| l.analysis.doc_tokens[r as usize])
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "descending by words"
    );
}

#[test]
fn problems_panel_lists_bad_files() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut h = harness_on(fixtures);
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Problems").click();
    h.run_steps(3);
    h.get_by_label_contains("files skipped");
    h.get_by_label("truncated.json");
    h.get_by_label_contains("⚠");
}

#[test]
fn reset_layout_brings_back_a_closed_panel() {
    use quarry::ui::panels::Tab;
    let mut h = harness_on(sample());
    let dock = &mut h.state_mut().settings.dock;
    let path = dock
        .find_tab(&Tab::Problems)
        .expect("default layout has Problems");
    dock.remove_tab(path);
    h.run_steps(2);
    assert!(h.state().settings.dock.find_tab(&Tab::Problems).is_none());
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Reset layout").click();
    h.run_steps(2);
    assert!(h.state().settings.dock.find_tab(&Tab::Problems).is_some());
}

#[test]
fn settings_survive_a_restart_and_reopen_the_last_folder() {
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("settings.ron");
    let app = QuarryApp::new(
        &egui::Context::default(),
        Some(settings.clone()),
        vec![sample()],
    );
    let mut h = harness_for(app);
    h.state_mut().settings.options.words_top_n = 12;
    h.state_mut().save_settings();
    assert!(settings.is_file());
    // A new window with no argument reopens the last folder with the saved options.
    let again = QuarryApp::new(&egui::Context::default(), Some(settings), Vec::new());
    assert_eq!(again.settings.recent.first(), Some(&sample()));
    assert_eq!(again.settings.options.words_top_n, 12);
    assert!(again.is_loading());
}

/// A file dropped onto the window, as the windowing layer would report it.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_files_opens_them_as_a_corpus() {
    let mut h = harness_on(sample());
    let un = sample().join("un");
    let files: Vec<PathBuf> = [
        "2025-01-21-security-council-deadlock.txt",
        "2025-02-24-general-assembly-vote.html",
    ]
    .iter()
    .map(|f| un.join(f))
    .collect();
    h.input_mut().dropped_files = files
        .iter()
        .map(|p| std::sync::Arc::new(Dropped(p.clone())) as egui::DroppedFileHandle)
        .collect();
    h.step();
    let start = Instant::now();
    while h.state().is_loading() {
        assert!(start.elapsed() < Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_steps(2);
    let l = h.state().session.loaded.clone().unwrap();
    assert_eq!(l.corpus.docs.len(), 2);
    assert_eq!(l.corpus.root, un);
    h.get_by_label("2 of 2");
}

#[test]
fn ctrl_f_focuses_the_find_box() {
    let mut h = harness_on(sample());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    h.event(egui::Event::Text("sanctions".into()));
    h.run_steps(3);
    assert_eq!(h.state().views.reader.find, "sanctions");
}

#[test]
fn word_to_concordance_to_reader_with_the_hit_marked() {
    let mut h = harness_on(sample());
    let (word, rect) = h.state().views.words.bar_rects[0].clone();
    click_at(&h, rect.center());
    wait_until(&mut h, |app| {
        app.views.concordance.query == word && !app.views.concordance.results.is_running()
    });
    let l = h.state().session.loaded.clone().unwrap();
    let expected: u64 = l.analysis.freq[l.analysis.term(&word).unwrap() as usize];
    h.get_by_label(&format!(
        "{expected} hits in {} documents",
        l.analysis.docs_with(&word).len()
    ));
    // Click the third concordance line (on its left context).
    let hits = h.state().views.concordance.results.value().unwrap().clone();
    let hits = &hits.as_ref().as_ref().unwrap().hits;
    assert!(hits.len() >= 3);
    let width = h.state().views.concordance.width;
    let ln = quarry::analysis::kwic::line(&l.analysis, &l.corpus, &hits[2], width);
    let target = h.get_all_by_label(&ln.left).next().unwrap().rect().center();
    click_at(&h, target);
    h.run_steps(4);
    let sel = h.state().session.selection.clone();
    let doc = sel.doc.unwrap();
    assert_eq!(doc, hits[2].doc);
    let (start, end) = sel.hit.expect("a hit is marked");
    assert_eq!((start, end), (ln.start, ln.end));
    let text = &l.corpus.docs[doc as usize].text;
    assert_eq!(text[start..end].to_lowercase(), word);
    // The Reader highlights every occurrence of the word in that document.
    let in_doc = l
        .analysis
        .postings(l.analysis.term(&word).unwrap())
        .find(|&(d, _)| d == doc)
        .unwrap()
        .1;
    h.get_by_label(&format!("“{word}”: {in_doc} in this document"));
}

#[test]
fn dragging_a_date_range_in_trends_narrows_the_documents() {
    let mut h = harness_on(sample());
    let total = h.state().views.documents.rows().len();
    h.state_mut().focus(quarry::ui::panels::Tab::Trends);
    h.state_mut().views.trends.extra = "minister".into();
    h.run_steps(2);
    wait_until(&mut h, |app| app.views.trends.plot_frame.is_some());
    let (rect, left, right) = h.state().views.trends.plot_frame.unwrap();
    // Drag across the middle third of the time axis.
    let at = |f: f32| egui::pos2(rect.left() + rect.width() * f, rect.center().y);
    let (from, to) = (at(0.35), at(0.65));
    h.event(egui::Event::PointerMoved(from));
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    for i in 1..=10 {
        let p = from + (to - from) * (i as f32 / 10.0);
        h.event(egui::Event::PointerMoved(p));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(4);
    let (a, b) = h
        .state()
        .session
        .selection
        .dates
        .expect("a date range is set");
    let x = |f: f64| left + (right - left) * f;
    let day = |d: chrono::NaiveDate| quarry::ui::panels::trends::day_x(d);
    assert!((day(a) - x(0.35)).abs() <= 2.0 && (day(b) - x(0.65)).abs() <= 2.0);
    let rows = h.state().views.documents.rows().to_vec();
    assert!(
        !rows.is_empty() && rows.len() < total,
        "{} of {total}",
        rows.len()
    );
    let l = h.state().session.loaded.clone().unwrap();
    for r in &rows {
        let d = l.corpus.docs[*r as usize].date.unwrap().date();
        assert!(d >= a && d <= b, "{d} outside {a}..{b}");
    }
    // Keywords now compare the range with the rest.
    h.state_mut().focus(quarry::ui::panels::Tab::Keywords);
    wait_until(&mut h, |app| {
        app.session
            .store
            .counts_for(&app.session.scope_key())
            .is_some()
    });
    h.run_steps(3);
    // Clearing the range restores every document.
    h.state_mut().focus(quarry::ui::panels::Tab::Trends);
    h.run_steps(2);
    h.get_by_label("Clear range").click();
    h.run_steps(3);
    assert_eq!(h.state().views.documents.rows().len(), total);
}

#[test]
fn clicking_an_entity_selects_it_everywhere_and_a_matrix_cell_lists_contexts() {
    let mut h = harness_on(sample());
    let total = h.state().views.documents.rows().len();
    h.state_mut().focus(quarry::ui::panels::Tab::Entities);
    wait_until(&mut h, |app| !app.views.entities.rows.is_empty());
    let cat = h.state().session.store.catalog_latest().unwrap();
    // The most mentioned entity in the table.
    let id = h.state().views.entities.rows[0];
    let name = cat.entities[id as usize].name.clone();
    let target = h.get_all_by_label(&name).next().unwrap().rect().center();
    click_at(&h, target);
    h.run_steps(3);
    assert_eq!(h.state().session.selection.entity, Some(id));
    // Documents: only those mentioning it.
    let rows = h.state().views.documents.rows().to_vec();
    let docs = cat.docs_of(id);
    assert_eq!(rows.len(), docs.len());
    assert!(rows.len() < total);
    h.get_by_label(&format!("entity: {name} ✖"));
    // Concordance lists its mentions.
    h.state_mut().focus(quarry::ui::panels::Tab::Concordance);
    h.run_steps(3);
    let mentions = cat.entities[id as usize].mentions as usize;
    assert_eq!(h.state().views.concordance.spans.len(), mentions);
    h.get_by_label(&format!("{name}: {mentions} mentions"));
    // A cell of the matrix selects the link and lists the places where both appear.
    h.state_mut().focus(quarry::ui::panels::Tab::Matrix);
    wait_until(&mut h, |app| !app.views.matrix.cells.is_empty());
    let g = loop {
        if let Some((_, g)) = h.state().context().graph() {
            break g;
        }
        h.step();
    };
    let _ = g;
    let cells = h.state().views.matrix.cells.clone();
    // The first cell whose pair occurs together in the sample.
    let (pair, rect) = cells
        .iter()
        .find(|((a, b), _)| {
            let d = cat.docs_of(*a);
            cat.docs_of(*b).iter().any(|x| d.contains(x))
        })
        .cloned()
        .expect("two entities appear together");
    h.event(egui::Event::PointerMoved(rect.center()));
    h.run_steps(2);
    click_at(&h, rect.center());
    h.run_steps(3);
    let (a, b) = pair;
    assert_eq!(h.state().session.selection.edge, Some((a.min(b), a.max(b))));
    wait_until(&mut h, |app| !app.views.concordance.spans.is_empty());
    let spans = h.state().views.concordance.spans.clone();
    // Every context holds a mention of each entity.
    for (d, start, end) in spans {
        let inside = |e: u32| {
            cat.in_doc(d)
                .iter()
                .any(|m| m.entity == e && m.start as usize >= start && m.end as usize <= end)
        };
        assert!(inside(a) && inside(b));
    }
}

#[test]
fn a_filter_kept_while_another_corpus_opens_lists_only_its_documents() {
    let mut h = harness_on(sample());
    h.state_mut().views.documents.filter = "minister".into();
    h.step();
    wait_until(&mut h, |app| !app.views.documents.is_filtering());
    assert!(h.state().views.documents.rows().len() > 2);
    let un = sample().join("un");
    h.input_mut().dropped_files = [
        "2025-01-21-security-council-deadlock.txt",
        "2025-02-24-general-assembly-vote.html",
    ]
    .iter()
    .map(|f| std::sync::Arc::new(Dropped(un.join(f))) as egui::DroppedFileHandle)
    .collect();
    h.step();
    let start = Instant::now();
    loop {
        assert!(start.elapsed() < Duration::from_secs(60));
        let app = h.state();
        if let Some(l) = &app.session.loaded {
            let n = l.corpus.docs.len() as u32;
            // Every row listed, at every frame, is a document of the corpus on screen.
            assert!(app.views.documents.rows().iter().all(|&r| r < n));
            if n == 2 && !app.is_loading() && !app.views.documents.is_filtering() {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    h.run_steps(2);
    let l = h.state().session.loaded.clone().unwrap();
    let expected: Vec<u32> = (0..2)
        .filter(|&i| {
            let d = &l.corpus.docs[i as usize];
            d.title.to_lowercase().contains("minister")
                || d.text.to_lowercase().contains("minister")
        })
        .collect();
    assert_eq!(h.state().views.documents.rows().len(), expected.len());
}

/// Entities are found and grouped after a load even when no panel that lists them is open,
/// so that the Reader colours mentions from the start.
#[test]
fn entities_are_grouped_after_a_load_without_their_panels_open() {
    let mut h = harness_on(sample());
    wait_until(&mut h, |app| app.session.store.catalog_latest().is_some());
    let cat = h.state().session.store.catalog_latest().unwrap();
    assert!(cat.entities.len() > 20, "{} entities", cat.entities.len());
    assert!(!h.state().session.store.entities_running());
}

#[test]
fn words_lists_the_counts_of_the_date_range_it_follows() {
    let mut h = harness_on(sample());
    let l = h.state().session.loaded.clone().unwrap();
    let a = &l.analysis;
    let t = a.term("vellmark").expect("a sample word");
    let whole = a.freq[t as usize];
    let count = |app: &QuarryApp| {
        app.views
            .words
            .listed()
            .into_iter()
            .find(|(w, _)| w == "vellmark")
            .map(|(_, n)| n)
    };
    assert_eq!(count(h.state()), Some(whole));
    // March 2025 only: the word's occurrences in the documents dated then.
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let (from, to) = (day("2025-03-01"), day("2025-03-31"));
    let in_march: u64 = a
        .postings(t)
        .filter(|(d, _)| {
            l.corpus.docs[*d as usize]
                .date
                .is_some_and(|x| (from..=to).contains(&x.date()))
        })
        .map(|(_, n)| n as u64)
        .sum();
    assert!(in_march > 0 && in_march < whole, "{in_march} of {whole}");
    h.state_mut().session.set_dates(Some((from, to)));
    wait_until(&mut h, |app| count(app) == Some(in_march));
    // Clearing the range brings the whole corpus's count back.
    h.state_mut().session.set_dates(None);
    wait_until(&mut h, |app| count(app) == Some(whole));
}

#[test]
fn counts_of_one_are_singular_and_large_counts_have_separators() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("one.txt"),
        "Harbour talks resume\n\nEnvoys met in Geneva on Tuesday.\n",
    )
    .unwrap();
    let h = harness_on(dir.path().to_path_buf());
    h.get_by_label("1 of 1");
    h.get_by_label_contains("1 document · 9 words");
    assert!(h.query_by_label_contains("1 documents").is_none());
    assert_eq!(
        quarry::ui::widgets::count(19_779, "file", "files"),
        "19,779 files"
    );
}

#[test]
fn arrow_keys_step_through_documents_and_escape_clears_the_selection() {
    let mut h = harness_on(sample());
    // The window is named after the folder.
    assert_eq!(h.state().title, "sample_data — Quarry");
    let rows = h.state().views.documents.rows().to_vec();
    assert!(rows.len() > 12);
    assert_eq!(h.state().session.selection.doc, Some(rows[0]));
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(3);
    assert_eq!(h.state().session.selection.doc, Some(rows[1]));
    h.key_press(egui::Key::PageDown);
    h.run_steps(3);
    assert_eq!(h.state().session.selection.doc, Some(rows[11]));
    h.key_press(egui::Key::ArrowUp);
    h.run_steps(3);
    assert_eq!(h.state().session.selection.doc, Some(rows[10]));
    // The Reader follows the document.
    let l = h.state().session.loaded.clone().unwrap();
    let title = l.corpus.docs[rows[10] as usize].title.clone();
    assert!(h.get_all_by_label(&title).count() >= 2, "{title}");
    // Escape clears the selected word.
    let (word, rect) = h.state().views.words.bar_rects[0].clone();
    click_at(&h, rect.center());
    h.run_steps(3);
    assert_eq!(
        h.state().session.selection.word.as_deref(),
        Some(word.as_str())
    );
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert_eq!(h.state().session.selection.word, None);
    // F1 shows the shortcuts.
    h.key_press(egui::Key::F1);
    h.run_steps(2);
    h.get_by_label("Previous / next document in the Documents list");
}

#[test]
fn another_folder_opens_its_first_article_at_the_top() {
    let mut h = harness_on(sample());
    assert_eq!(h.state().session.selection.doc, Some(0));
    // Scroll the Reader (the upper right pane) down.
    h.event(egui::Event::PointerMoved(egui::pos2(1000.0, 300.0)));
    for _ in 0..20 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, -3.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run_steps(10);
    assert!(
        h.state().views.reader.scrolled > 20.0,
        "{}",
        h.state().views.reader.scrolled
    );
    // The same folder opened again is a new corpus whose first article has the same number.
    h.state_mut().open(vec![sample()]);
    let start = Instant::now();
    while h.state().is_loading() {
        assert!(start.elapsed() < Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_steps(4);
    assert_eq!(h.state().session.selection.doc, Some(0));
    assert_eq!(h.state().views.reader.scrolled, 0.0);
}

#[test]
fn an_empty_document_list_says_why_and_type_badges_are_readable() {
    let mut h = harness_on(sample());
    h.state_mut().views.documents.filter = "zzzqqq".into();
    wait_until(&mut h, |app| {
        !app.views.documents.is_filtering() && app.views.documents.rows().is_empty()
    });
    h.get_by_label("No document has the text “zzzqqq”. Clear it above to list them all.");
    // Entity types are written at the size of the text around them.
    h.state_mut().focus(quarry::ui::panels::Tab::Entities);
    wait_until(&mut h, |app| !app.views.entities.rows.is_empty());
    let body = h.get_by_label("Mentions").rect().height();
    let badges: Vec<f32> = h
        .get_all_by_label("PLACE")
        .map(|n| n.rect().height())
        .collect();
    assert!(badges.len() >= 2, "{badges:?}");
    for b in badges {
        assert!(b >= body - 0.5, "a PLACE badge is {b} high, text {body}");
    }
}

#[test]
fn a_phrase_is_plotted_in_trends_like_a_word() {
    let mut h = harness_on(sample());
    h.state_mut().focus(quarry::ui::panels::Tab::Trends);
    let phrase = "foreign minister";
    h.state_mut().session.selection.word = Some(phrase.into());
    let l = h.state().session.loaded.clone().unwrap();
    let q = quarry::analysis::kwic::Query::parse(phrase, &l.analysis).unwrap();
    let hits = quarry::analysis::kwic::search(&l.analysis, &q, None).len() as u64;
    assert!(hits > 1, "{hits} hits");
    wait_until(&mut h, |app| {
        app.views.trends.plotted() == vec![(phrase.to_string(), hits)]
    });
    assert!(h.query_by_label_contains("None of these").is_none());
}

#[test]
fn trends_offers_a_date_range_only_when_documents_have_dates() {
    let dir = tempfile::tempdir().unwrap();
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
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let hint = "Drag across the chart to pick a date range.";
    for (path, dated) in [(dir.path().to_path_buf(), false), (sample(), true)] {
        let mut h = harness_on(path);
        h.state_mut().focus(quarry::ui::panels::Tab::Trends);
        wait_until(&mut h, |app| !app.views.trends.plotted().is_empty());
        assert_eq!(h.query_by_label(hint).is_some(), dated, "dated: {dated}");
    }
}

#[test]
fn a_second_open_comes_from_the_saved_index_and_the_index_can_be_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let opts = quarry::index::Options {
        cache: Some(dir.path().to_path_buf()),
    };
    let open = || {
        harness_for(QuarryApp::with_index(
            &egui::Context::default(),
            None,
            opts.clone(),
            vec![sample()],
        ))
    };
    drop(open());
    let mut h = open();
    h.run_steps(2);
    h.get_by_label_contains("Opened from the saved index");
    // The menu comes first; the Reader also has a "File" line.
    h.get_all_by_label("File").next().unwrap().click();
    h.run_steps(2);
    h.get_by_label("Forget this folder's index").click();
    h.run_steps(2);
    h.get_by_label_contains("The folder's index was removed");
    assert!(quarry::index::dirs::list(dir.path()).is_empty());
}
