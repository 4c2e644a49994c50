//! The headless command line: output shapes and exit codes.

use std::path::PathBuf;
use std::process::Command;

fn quarry(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_quarry"))
        .env("QUARRY_CACHE_DIR", env!("CARGO_TARGET_TMPDIR"))
        .args(args)
        .output()
        .expect("runs")
}

fn sample() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample_data")
        .display()
        .to_string()
}

#[test]
fn stats_json_has_the_documented_shape() {
    let out = quarry(&["stats", &sample(), "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "root",
        "files",
        "documents",
        "tokens",
        "content_tokens",
        "distinct_words",
        "bytes",
        "formats",
        "dated_documents",
        "date_range",
        "skipped_files",
        "problems",
        "timings",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert!(v["documents"].as_u64().unwrap() >= 40);
    assert!(v["tokens"].as_u64().unwrap() > v["content_tokens"].as_u64().unwrap());
    assert!(v["timings"]["load_ms"].as_f64().unwrap() >= 0.0);
    assert!(v["timings"]["analyze_ms"].as_f64().unwrap() >= 0.0);
    assert_eq!(v["formats"].as_object().unwrap().len(), 5);
}

#[test]
fn words_match_between_text_and_json() {
    let json = quarry(&["words", &sample(), "--top", "10", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let words = v["words"].as_array().unwrap();
    assert_eq!(words.len(), 10);
    let counts: Vec<u64> = words.iter().map(|w| w["count"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));
    assert!(words.iter().all(|w| w["word"] != "the"));
    let text = quarry(&["words", &sample(), "--top", "10"]);
    let first = String::from_utf8(text.stdout).unwrap();
    let first = first.lines().next().unwrap().to_string();
    assert_eq!(
        first,
        format!(
            "{}\t{}\t{}",
            words[0]["count"],
            words[0]["documents"],
            words[0]["word"].as_str().unwrap()
        )
    );
}

#[test]
fn text_prints_the_file_as_held() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(&f, "\u{feff}Headline\n\nBody – “quoted”.\n").unwrap();
    let out = quarry(&["text", f.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Headline\n\nBody – “quoted”.\n"
    );
    let json = quarry(&["text", f.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[0]["title"], "Headline");
    assert_eq!(v[0]["format"], "txt");
}

#[test]
fn exit_codes() {
    assert_eq!(quarry(&["stats", "/no/such/folder"]).status.code(), Some(1));
    assert_eq!(quarry(&["stats"]).status.code(), Some(2));
    assert_eq!(
        quarry(&["stats", &sample(), "--bogus"]).status.code(),
        Some(2)
    );
    let bad = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let out = quarry(&["stats", bad.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "problems listed but exit 0");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["problems"].as_array().unwrap().len() >= 8);
}

#[test]
fn graph_gexf_places_colours_and_sizes_nodes() {
    let viz = "http://gexf.net/1.3/viz";
    let out = quarry(&["graph", &sample(), "--format", "gexf"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|d| d.has_tag_name("node"))
        .collect();
    assert!(nodes.len() >= 5, "{} nodes", nodes.len());
    for n in &nodes {
        for name in ["size", "color", "position"] {
            assert!(
                n.children().any(|c| c.has_tag_name((viz, name))),
                "node without viz:{name}"
            );
        }
    }
    // Without layout steps the nodes keep their colours but have no place.
    let out = quarry(&[
        "graph",
        &sample(),
        "--format",
        "gexf",
        "--layout-steps",
        "0",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert!(
        doc.descendants()
            .all(|d| !d.has_tag_name((viz, "position")))
    );
    assert!(doc.descendants().any(|d| d.has_tag_name((viz, "color"))));
}

/// The sample corpus and its entity catalog, built by the library as the command line does.
fn sample_catalog() -> (
    quarry::corpus::Corpus,
    quarry::analysis::Analysis,
    quarry::ner::catalog::Catalog,
) {
    use quarry::jobs::JobCtx;
    use quarry::ner::Recognizer;
    use quarry::ner::catalog::{Edits, build};
    let ctx = JobCtx::detached();
    let c = quarry::corpus::load(&PathBuf::from(sample()), &ctx).unwrap();
    let a = quarry::analysis::analyze(&c, &ctx).unwrap();
    let cat = build(&a, &c, Recognizer::english(), &Edits::default(), &ctx).unwrap();
    (c, a, cat)
}

/// What `quarry graph --format json` prints for the top `cap` entities of the documents dated
/// in `dates`, computed with the library: the command's default options.
fn core_graph_json(
    (c, a, cat): &(
        quarry::corpus::Corpus,
        quarry::analysis::Analysis,
        quarry::ner::catalog::Catalog,
    ),
    cap: usize,
    dates: Option<(&str, &str)>,
) -> (String, usize) {
    use quarry::analysis::cooccur::CooccurOptions;
    use quarry::ner::catalog::top::{GraphInput, graph_of_top_entities};
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let scope = dates.map(|(f, t)| quarry::analysis::trends::date_range_docs(c, day(f), day(t)));
    let input = GraphInput {
        catalog: cat,
        analysis: a,
        corpus: c,
        scope: scope.as_ref(),
    };
    let opts = CooccurOptions {
        min_count: 2,
        max_contexts: 0,
        ..CooccurOptions::default()
    };
    let ctx = quarry::jobs::JobCtx::detached();
    let g = graph_of_top_entities(&input, &opts, Some(cap), &ctx).unwrap();
    let net = quarry::ner::catalog::network(cat, &g);
    let docs = scope.map_or(c.docs.len(), |s| s.len());
    (serde_json::to_string_pretty(&net).unwrap(), docs)
}

#[test]
fn graph_of_the_top_entities_is_the_core_graph() {
    let lib = sample_catalog();
    let all = quarry(&["graph", &sample(), "--format", "json"]);
    let out = quarry(&["graph", &sample(), "--entities", "40", "--format", "json"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let (want, _) = core_graph_json(&lib, 40, None);
    assert_eq!(text, want);
    // The cut leaves fewer entities than the whole graph, and at most 40.
    let nodes = |t: &[u8]| {
        let v: serde_json::Value = serde_json::from_slice(t).unwrap();
        v["nodes"].as_array().unwrap().len()
    };
    let (cut, whole) = (nodes(text.as_bytes()), nodes(&all.stdout));
    assert!(cut > 5 && cut <= 40 && cut < whole, "{cut} of {whole}");
}

#[test]
fn graph_of_a_date_range_is_the_core_graph() {
    let lib = sample_catalog();
    // The sample runs from 2025-01-14 to 2025-08-28; spring is a part of it.
    let args = [
        "graph",
        &sample(),
        "--entities",
        "300",
        "--from",
        "2025-03-01",
        "--to",
        "2025-05-31",
        "--format",
        "json",
    ];
    let out = quarry(&args);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let (want, docs) = core_graph_json(&lib, 300, Some(("2025-03-01", "2025-05-31")));
    assert!(docs > 5 && docs < lib.0.docs.len(), "{docs} documents");
    assert_eq!(text, want);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(!v["edges"].as_array().unwrap().is_empty());
    // Both ends of a range are needed.
    let half = quarry(&["graph", &sample(), "--from", "2025-03-01"]);
    assert_eq!(half.status.code(), Some(2));
}

#[test]
fn readme_lists_every_measure() {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let keys = quarry::analysis::measures::Association::keys();
    let lists: Vec<&str> = readme
        .split("[--measure ")
        .skip(1)
        .map(|rest| rest.split(']').next().unwrap_or_default())
        .collect();
    // The collocates and graph commands.
    assert_eq!(lists.len(), 2, "{lists:?}");
    for list in lists {
        assert_eq!(list, keys);
    }
}
