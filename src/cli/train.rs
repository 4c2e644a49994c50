//! `quarry train-ner` (trains the built-in entity model from annotated folders) and
//! `quarry train-clusters` (word clusters from unlabelled text, for the entity model); built
//! with the `train` feature.

use super::EXIT_OPEN;
use super::ner::use_clusters;
use crate::ner::Recognizer;
use crate::ner::train::clusters::{LearnOptions, learn};
use crate::ner::train::{TrainOptions, evaluate, load_gold, train};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `quarry train-ner`.
#[derive(Debug, Args)]
pub struct TrainNerArgs {
    /// Folder of annotated documents (NAME.json with text and character-offset entities).
    #[arg(long)]
    pub train: PathBuf,
    /// Where to write the weights (the built-in model is assets/ner/model.bin).
    #[arg(long)]
    pub out: PathBuf,
    /// Folder scored after each epoch.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Passes over the training documents.
    #[arg(long, default_value_t = 10)]
    pub epochs: usize,
    /// log2 of the number of weight rows.
    #[arg(long, default_value_t = 18)]
    pub bits: u32,
    /// Folds for training the second pass (below 2: one pass only).
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Percentage of training tokens seen without their own word (form and lowercase).
    #[arg(long, default_value_t = 35)]
    pub dropout: u64,
    /// Word clusters to use instead of the built-in ones (written by `train-clusters`).
    #[arg(long)]
    pub clusters: Option<PathBuf>,
    /// Seed of the document shuffle (the built-in model uses the default).
    #[arg(long, hide = true, default_value_t = 0x5eed)]
    pub seed: u64,
}

/// Arguments of `quarry train-clusters`.
#[derive(Debug, Args)]
pub struct TrainClustersArgs {
    /// Unlabelled text: JSON-lines files (".gz" too) whose objects have "body" or "text",
    /// or folders of annotated documents (their text only).
    #[arg(long, required = true, num_args = 1..)]
    pub corpus: Vec<PathBuf>,
    /// Where to write the table (the built-in one is assets/ner/clusters.tsv).
    #[arg(long)]
    pub out: PathBuf,
    /// Least number of occurrences for a word to get a cluster.
    #[arg(long, default_value_t = 3)]
    pub min_count: u32,
    /// Number of most frequent words used as left and right context.
    #[arg(long, default_value_t = 1000)]
    pub context: usize,
    /// Coarse clusters.
    #[arg(long, default_value_t = 64)]
    pub coarse: usize,
    /// Fine clusters within each coarse one.
    #[arg(long, default_value_t = 8)]
    pub fine: usize,
    /// k-means iterations at each level.
    #[arg(long, default_value_t = 12)]
    pub iters: usize,
}

/// Runs `quarry train-ner`.
pub fn train_ner(a: TrainNerArgs) -> ExitCode {
    let start = Instant::now();
    if let Err(c) = use_clusters(a.clusters.as_ref()) {
        return c;
    }
    let load_dir = |p: &PathBuf| {
        load_gold(p).map_err(|e| {
            eprintln!("quarry: {}: {e}", p.display());
            ExitCode::from(EXIT_OPEN)
        })
    };
    let docs = match load_dir(&a.train) {
        Ok(d) => d,
        Err(c) => return c,
    };
    let dev = match a.dev.as_ref().map(load_dir).transpose() {
        Ok(d) => d,
        Err(c) => return c,
    };
    eprintln!("training on {} documents, {} epochs", docs.len(), a.epochs);
    let opt = TrainOptions {
        epochs: a.epochs,
        bits: a.bits,
        seed: a.seed,
        folds: a.folds,
        dropout: a.dropout,
    };
    let model = train(&docs, &opt, |epoch, m| {
        let line = match &dev {
            Some(dev) => {
                let s = evaluate(&Recognizer::new(m.clone()), dev);
                let (p, r, f) = s.main3();
                format!("dev F1 {f:.4} P {p:.4} R {r:.4}")
            }
            None => String::new(),
        };
        eprintln!(
            "epoch {epoch} ({:.1} s) {line}",
            start.elapsed().as_secs_f64()
        );
    });
    let bytes = model.encode();
    if let Err(e) = std::fs::write(&a.out, &bytes) {
        eprintln!("quarry: {}: {e}", a.out.display());
        return ExitCode::from(EXIT_OPEN);
    }
    if let Some(dev) = &dev {
        eprintln!("{}", evaluate(&Recognizer::new(model), dev).report());
    }
    eprintln!(
        "wrote {} ({} bytes) in {:.1} s",
        a.out.display(),
        bytes.len(),
        start.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// The texts of one corpus argument: a folder of annotated documents or a JSON-lines file.
fn corpus_texts(p: &Path) -> anyhow::Result<Vec<String>> {
    if p.is_dir() {
        return Ok(load_gold(p)?.into_iter().map(|d| d.text).collect());
    }
    let raw = if p.extension().is_some_and(|x| x == "gz") {
        let out = std::process::Command::new("gzip")
            .arg("-dc")
            .arg(p)
            .output()?;
        anyhow::ensure!(out.status.success(), "gzip could not read it");
        String::from_utf8_lossy(&out.stdout).into_owned()
    } else {
        std::fs::read_to_string(p)?
    };
    Ok(raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let t = v.get("body").or_else(|| v.get("text"))?;
            t.as_str().map(str::to_string)
        })
        .collect())
}

/// Runs `quarry train-clusters`.
pub fn train_clusters(a: TrainClustersArgs) -> ExitCode {
    let start = Instant::now();
    let mut texts = Vec::new();
    for p in &a.corpus {
        match corpus_texts(p) {
            Ok(t) => texts.extend(t),
            Err(e) => {
                eprintln!("quarry: {}: {e}", p.display());
                return ExitCode::from(EXIT_OPEN);
            }
        }
    }
    eprintln!("clustering the words of {} texts", texts.len());
    let opt = LearnOptions {
        min_count: a.min_count,
        context: a.context,
        coarse: a.coarse,
        fine: a.fine,
        iters: a.iters,
    };
    let table = learn(texts.iter().map(String::as_str), &opt);
    if let Err(e) = std::fs::write(&a.out, &table) {
        eprintln!("quarry: {}: {e}", a.out.display());
        return ExitCode::from(EXIT_OPEN);
    }
    eprintln!(
        "wrote {} ({} words, {} bytes) in {:.1} s",
        a.out.display(),
        table.lines().count(),
        table.len(),
        start.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
