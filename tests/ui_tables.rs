//! The app opened on exported tables shows what it shows for the folder itself: the same top
//! words and the same top entities; the Reader reads the text from the folder on demand, and
//! says so in one line when that folder is gone.

mod common;

use common::{harness_on, sample, wait_until};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quarry::ui::QuarryApp;
use quarry::ui::panels::Tab;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Exports `folder` into a new temporary folder with the command line.
fn export(folder: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("tables");
    let status = Command::new(env!("CARGO_BIN_EXE_quarry"))
        .arg("export")
        .arg(folder)
        .arg("--out")
        .arg(&out)
        .env("QUARRY_CACHE_DIR", tmp.path().join("cache"))
        .output()
        .expect("quarry runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    (tmp, out)
}

/// The top rows of the Entities table: name, type and mentions.
fn top_entities(h: &mut Harness<'static, QuarryApp>) -> Vec<(String, String, u32)> {
    h.state_mut().focus(Tab::Entities);
    wait_until(h, |app| !app.views.entities.rows.is_empty());
    let cat = h.state().session.store.catalog_latest().expect("a catalog");
    h.state()
        .views
        .entities
        .rows
        .iter()
        .take(25)
        .map(|&e| {
            let e = &cat.entities[e as usize];
            (e.name.clone(), e.kind.label().to_string(), e.mentions)
        })
        .collect()
}

#[test]
fn an_export_opens_with_the_folders_top_words_and_entities() {
    let (_tmp, out) = export(&sample());
    let mut folder = harness_on(sample());
    let mut tables = harness_on(out.clone());
    assert!(
        tables
            .state()
            .session
            .loaded
            .as_ref()
            .unwrap()
            .tables
            .is_some()
    );
    let words = |h: &Harness<'static, QuarryApp>| -> Vec<(String, u64)> {
        h.state()
            .views
            .words
            .listed()
            .into_iter()
            .take(30)
            .collect()
    };
    let top = words(&folder);
    assert!(top.len() >= 20, "{top:?}");
    assert_eq!(words(&tables), top);
    let ents = top_entities(&mut folder);
    assert!(ents.len() >= 20, "{ents:?}");
    assert_eq!(top_entities(&mut tables), ents);
    assert!(tables.query_all_by_label(&ents[0].0).count() >= 1);
    // The network links the same entities, as often and with the same scores.
    let graph = |h: &mut Harness<'static, QuarryApp>| {
        h.state_mut().focus(Tab::Network);
        wait_until(h, |app| app.session.store.graph_latest().is_some());
        let g = h.state().session.store.graph_latest().unwrap();
        let cat = h.state().session.store.catalog_latest().unwrap();
        let name =
            |i: petgraph::graph::NodeIndex| cat.entities[g.graph[i].entity as usize].name.clone();
        let mut edges: Vec<(String, String, u32)> = g
            .graph
            .raw_edges()
            .iter()
            .map(|e| (name(e.source()), name(e.target()), e.weight.count))
            .collect();
        edges.sort();
        (g.graph.node_count(), g.n, edges)
    };
    let g = graph(&mut folder);
    assert!(g.2.len() > 100, "{} links", g.2.len());
    assert_eq!(graph(&mut tables), g);
    // The concordance reads the texts from the folder: the same hits as in the folder.
    for h in [&mut folder, &mut tables] {
        h.state_mut().focus(Tab::Concordance);
        h.state_mut().views.concordance.query = "vellmark".into();
    }
    wait_until(&mut folder, |app| {
        app.views.concordance.results.value().is_some()
    });
    wait_until(&mut tables, |app| {
        app.views.concordance.from_source.value().is_some()
    });
    let hits = folder.state().views.concordance.results.value().unwrap();
    let hits = &hits.as_ref().as_ref().unwrap().hits;
    let read = tables
        .state()
        .views
        .concordance
        .from_source
        .value()
        .unwrap();
    let read = read.as_ref().as_ref().unwrap();
    assert!(hits.len() > 100, "{}", hits.len());
    assert_eq!(read.hits.len(), hits.len());
    let docs = |v: Vec<u32>| -> Vec<u32> {
        let mut v = v;
        v.dedup();
        v
    };
    assert_eq!(
        docs(
            read.hits
                .iter()
                .map(|h| read.read.ids[h.doc as usize])
                .collect()
        ),
        docs(hits.iter().map(|h| h.doc).collect())
    );
    assert!(
        tables
            .query_all_by_label_contains("texts read from the exported folder")
            .count()
            >= 1
    );
    // A selected word lists the documents that hold it, as in the folder.
    for h in [&mut folder, &mut tables] {
        h.state_mut().session.selection.word = Some("vellmark".into());
    }
    let listed = |h: &mut Harness<'static, QuarryApp>| {
        wait_until(h, |app| {
            !app.views.documents.is_filtering() && !app.views.documents.rows().is_empty()
        });
        h.state().views.documents.rows().to_vec()
    };
    let rows = listed(&mut folder);
    assert!(rows.len() > 10 && rows.len() < 54, "{}", rows.len());
    assert_eq!(listed(&mut tables), rows);
    // The corpus counts agree.
    let (a, b) = (
        folder.state().session.loaded.clone().unwrap(),
        tables.state().session.loaded.clone().unwrap(),
    );
    assert_eq!(a.corpus.docs.len(), b.corpus.docs.len());
    assert_eq!(a.analysis.total_tokens, b.analysis.total_tokens);
    assert_eq!(a.analysis.distinct(), b.analysis.distinct());
}

#[test]
fn the_reader_reads_an_exported_document_from_its_folder_or_says_why_not() {
    // A copy of the sample, exported, so that it can be taken away afterwards.
    let tmp = tempfile::tempdir().expect("temp dir");
    let copy = tmp.path().join("articles");
    std::fs::create_dir_all(&copy).unwrap();
    for e in std::fs::read_dir(sample().join("business")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, copy.join(p.file_name().unwrap())).unwrap();
    }
    let (_keep, out) = export(&copy);
    let mut h = harness_on(out.clone());
    let l = h.state().session.loaded.clone().unwrap();
    let d = &l.corpus.docs[0];
    assert!(d.text.is_empty(), "the tables hold no texts");
    let title = d.title.clone();
    h.state_mut().session.selection.doc = Some(0);
    h.run_steps(3);
    assert_eq!(h.get_all_by_label(&title).count(), 2, "row and heading");
    // Text of the body, read from the file, is found in the Reader.
    let text = std::fs::read_to_string(copy.join(&d.path)).unwrap();
    let line = text
        .lines()
        .rev()
        .find(|l| l.len() > 40)
        .unwrap()
        .to_string();
    h.state_mut().views.reader.find = line[..30].to_string();
    h.run_steps(3);
    assert_eq!(h.state().views.reader.hits.len(), 1, "{line}");
    assert!(
        h.query_all_by_label_contains("Opened from exported tables")
            .count()
            >= 1
    );
    // The folder is gone: the Reader says so in one line and still shows the metadata.
    std::fs::remove_dir_all(&copy).unwrap();
    let mut h = harness_on(out);
    h.state_mut().session.selection.doc = Some(0);
    h.run_steps(3);
    assert_eq!(h.get_all_by_label(&title).count(), 2, "row and heading");
    assert!(h.query_all_by_label_contains("cannot be read here").count() >= 1);
    assert!(h.state().views.reader.hits.is_empty());
}
