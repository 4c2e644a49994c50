//! `quarry graph`: the entity co-occurrence network of a folder, as GEXF, GraphML, CSV or JSON.

use super::args::{DateArgs, measure_parser};
use super::{EXIT_OPEN, open_with};
use crate::analysis::cooccur::{CooccurOptions, Scope};
use crate::analysis::docset::DocSet;
use crate::analysis::layout::{Layout, NETWORK_SEED, NETWORK_SETTINGS, scored_edges};
use crate::analysis::measures::Association;
use crate::jobs::JobCtx;
use crate::ner::Recognizer;
use crate::ner::catalog::top::{GraphInput, graph_of_top_entities};
use crate::ner::catalog::{self, Edits};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Most layout steps by default; a graph of about ten thousand nodes settles in about 120,
/// well over a second.
pub const LAYOUT_STEPS: u32 = 300;

/// `quarry graph`
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Folder or file to load.
    pub path: PathBuf,
    /// What counts as together: sentence, paragraph, document or window:N (N tokens).
    #[arg(long, default_value = "sentence")]
    pub scope: String,
    /// Edge weight: an association measure.
    #[arg(long, ignore_case = true, default_value = Association::default().key(), value_parser = measure_parser())]
    pub measure: Association,
    /// Leave out pairs seen together fewer times.
    #[arg(long, default_value_t = 2)]
    pub min: u32,
    /// Keep only each entity's K strongest links (0 keeps all).
    #[arg(long, default_value_t = 0)]
    pub top_k: usize,
    /// Keep only the N entities most mentioned in the documents used (the Network panel
    /// shows 300); all by default.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub entities: Option<u32>,
    /// Only documents dated in this range, as the app's date selection.
    #[command(flatten)]
    pub dates: DateArgs,
    /// Output format: gexf, graphml, csv (edges; nodes with --nodes), json.
    #[arg(long, default_value = "gexf")]
    pub format: String,
    /// With --format csv, print the node table instead of the edge table.
    #[arg(long)]
    pub nodes: bool,
    /// With --format gexf, force-layout steps that place the nodes (0 leaves them unplaced).
    #[arg(long, default_value_t = LAYOUT_STEPS)]
    pub layout_steps: u32,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// Reads "sentence", "paragraph", "document" or "window:N".
pub fn parse_scope(s: &str) -> Result<Scope, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "sentence" => Ok(Scope::Sentence),
        "paragraph" => Ok(Scope::Paragraph),
        "document" => Ok(Scope::Document),
        w => match w.strip_prefix("window:").map(str::parse::<u32>) {
            Some(Ok(n)) if n > 0 => Ok(Scope::Window(n)),
            _ => Err(format!(
                "unknown scope {s:?} (expected sentence, paragraph, document or window:N)"
            )),
        },
    }
}

/// Runs `quarry graph`.
pub fn run(a: GraphArgs) -> ExitCode {
    let scope = match parse_scope(&a.scope) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("quarry: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = a.dates.check() {
        eprintln!("quarry: {e}");
        return ExitCode::from(2);
    }
    if !["gexf", "graphml", "csv", "json"].contains(&a.format.as_str()) {
        eprintln!(
            "quarry: unknown format {:?} (gexf, graphml, csv, json)",
            a.format
        );
        return ExitCode::from(2);
    }
    if crate::tables::read::is_export(&a.path) {
        eprintln!(
            "quarry: {} holds exported tables; draw the graph from the folder itself, or open the tables in the app",
            a.path.display()
        );
        return ExitCode::from(EXIT_OPEN);
    }
    let start = Instant::now();
    // The entity model is decoded while the folder loads.
    let model = std::thread::spawn(|| {
        Recognizer::english();
    });
    let ctx = JobCtx::detached();
    // Entities are recognised after the words, those seen before taken from the saved ones.
    let recognise = |c: &_| {
        let _ = model.join();
        crate::index::recognise_saved(
            c,
            Recognizer::english(),
            "",
            &crate::index::Options::user(),
            &ctx,
        )
    };
    let (c, an, found, load_ms) = match open_with(&a.path, recognise) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let found_ms = found.as_ref().map_or(0.0, |f| f.ms);
    let t_group = Instant::now();
    let Some(cat) = found.and_then(|f| catalog::group(&f, &an, &c, &Edits::default(), &ctx)) else {
        return ExitCode::from(EXIT_OPEN);
    };
    let group_ms = t_group.elapsed().as_secs_f64() * 1000.0;
    let t_graph = Instant::now();
    let scope_kind = scope;
    let opts = CooccurOptions {
        scope,
        measure: a.measure,
        min_count: a.min,
        top_k: a.top_k,
        max_contexts: 0,
    };
    let scope = a.dates.docs(&c);
    if scope.as_ref().is_some_and(DocSet::is_empty) {
        eprintln!("quarry: note: no document is dated in the range; the graph is empty");
    }
    let input = GraphInput {
        catalog: &cat,
        analysis: &an,
        corpus: &c,
        scope: scope.as_ref(),
    };
    let cap = a.entities.map(|n| n as usize);
    let Some(g) = graph_of_top_entities(&input, &opts, cap, &ctx) else {
        return ExitCode::from(EXIT_OPEN);
    };
    let graph_ms = t_graph.elapsed().as_secs_f64() * 1000.0;
    if g.crowded > 0 {
        let unit = match scope_kind {
            Scope::Sentence => "sentences",
            Scope::Paragraph => "paragraphs",
            _ => "documents",
        };
        eprintln!(
            "quarry: note: {} {unit} naming more than {} entities (lists of names) were left out",
            g.crowded,
            crate::analysis::cooccur::MAX_UNIT_ENTITIES
        );
    }
    let mut net = catalog::network(&cat, &g);
    let t_layout = Instant::now();
    let mut steps = 0;
    if a.format == "gexf" && a.layout_steps > 0 {
        let links: Vec<(u32, u32, f64)> = g
            .graph
            .raw_edges()
            .iter()
            .map(|e| {
                let (s, t) = (e.source().index() as u32, e.target().index() as u32);
                (s, t, e.weight.score)
            })
            .collect();
        let n = g.graph.node_count();
        let mut layout =
            Layout::with_settings(n, &scored_edges(&links), NETWORK_SEED, NETWORK_SETTINGS);
        steps = layout.settle(a.layout_steps);
        net.place(layout.positions());
    }
    let layout_ms = t_layout.elapsed().as_secs_f64() * 1000.0;
    let text = match a.format.as_str() {
        "gexf" => crate::export::gexf::to_string(&net),
        "graphml" => crate::export::graphml::to_string(&net),
        "json" => serde_json::to_string_pretty(&net).unwrap_or_default(),
        _ => {
            let (h, rows) = if a.nodes {
                net.node_table()
            } else {
                net.edge_table()
            };
            crate::export::csv::to_string(&h, rows)
        }
    };
    let written = match &a.output {
        Some(p) => crate::export::write_atomic(p, |w| w.write_all(text.as_bytes())),
        None => super::output::write_stdout(text.as_bytes()),
    };
    if let Err(code) = super::output::written(written) {
        return code;
    }
    eprintln!(
        "{} entities, {} mentions; graph {} nodes, {} edges. load, words and entities {:.0} ms (entities {:.0} ms of it), grouping {:.0} ms, graph {:.0} ms, layout {:.0} ms ({steps} steps), total {:.0} ms",
        cat.entities.len(),
        cat.mentions.len(),
        net.nodes.len(),
        net.edges.len(),
        load_ms,
        found_ms,
        group_ms,
        graph_ms,
        layout_ms,
        start.elapsed().as_secs_f64() * 1000.0
    );
    ExitCode::SUCCESS
}
