//! Tests of the co-occurrence graph on hand-built mentions.

use super::*;
use crate::analysis::measures::Association;
use crate::jobs::Job;
use std::time::Instant;

const A: u32 = 0;
const B: u32 = 1;
const C: u32 = 2;

/// A mention at token `t`; bytes 10·t .. 10·t + 5.
fn m(entity: u32, doc: u32, t: u32, sentence: u32, paragraph: u32) -> MentionRef {
    MentionRef {
        entity,
        doc,
        token: t,
        sentence,
        paragraph,
        start: 10 * t,
        end: 10 * t + 5,
    }
}

/// Doc 0: [A B A] [B C] (one paragraph); doc 1: [A C] ¶ [A B]; doc 2: [C].
fn sample() -> Vec<MentionRef> {
    vec![
        m(A, 0, 0, 0, 0),
        m(B, 0, 2, 0, 0),
        m(A, 0, 4, 0, 0),
        m(B, 0, 10, 1, 0),
        m(C, 0, 12, 1, 0),
        m(A, 1, 0, 0, 0),
        m(C, 1, 3, 0, 0),
        m(A, 1, 20, 1, 1),
        m(B, 1, 21, 1, 1),
        m(C, 2, 0, 0, 0),
    ]
}

const TOTALS: UnitTotals = UnitTotals {
    sentences: 10,
    paragraphs: 6,
    documents: 3,
    tokens: 100,
};

fn opts(scope: Scope, measure: Association) -> CooccurOptions {
    CooccurOptions {
        scope,
        measure,
        ..CooccurOptions::default()
    }
}

fn build(mentions: &[MentionRef], o: CooccurOptions, filter: Filter<'_>) -> CooccurGraph {
    build_graph(mentions, &TOTALS, &o, &filter, &JobCtx::detached()).expect("not cancelled")
}

/// (entity, entity, count, documents) of every edge, in graph order.
fn edges(g: &CooccurGraph) -> Vec<(u32, u32, u32, u32)> {
    g.graph
        .raw_edges()
        .iter()
        .map(|e| {
            let (a, b) = (&g.graph[e.source()], &g.graph[e.target()]);
            (a.entity, b.entity, e.weight.count, e.weight.documents)
        })
        .collect()
}

fn close(got: f64, want: f64) {
    assert!((got - want).abs() < 1e-9, "got {got}, want {want}");
}

#[test]
fn sentence_scope_counts_units() {
    let g = build(
        &sample(),
        opts(Scope::Sentence, Association::LogDice),
        Filter::default(),
    );
    // Units: d0s0 {A,B}, d0s1 {B,C}, d1s0 {A,C}, d1s1 {A,B}, d2s0 {C}.
    assert_eq!(edges(&g), [(A, B, 2, 2), (A, C, 1, 1), (B, C, 1, 1)]);
    assert_eq!(g.n, 10.0);
    let nodes: Vec<NodeData> = g.graph.raw_nodes().iter().map(|n| n.weight).collect();
    let node = |entity, mentions, documents, units| NodeData {
        entity,
        mentions,
        documents,
        units,
    };
    assert_eq!(
        nodes,
        [node(A, 4, 2, 3), node(B, 3, 2, 3), node(C, 3, 3, 3)]
    );
    // f(A) = f(B) = 3: logDice = 14 + log2(2·2 / 6).
    let ab = g.edge(B, A).expect("edge A–B");
    close(ab.score, 13.415037499278844);
    close(g.edge(B, C).expect("edge B–C").score, 12.415037499278844);
    // First A and B of each shared sentence.
    let ctx = |doc, unit, start, end| Context {
        doc,
        unit,
        start,
        end,
    };
    assert_eq!(ab.contexts, [ctx(0, 0, 0, 25), ctx(1, 1, 200, 215)]);
    assert!(g.edge(A, 7).is_none());
}

#[test]
fn paragraph_and_document_scope() {
    let g = build(
        &sample(),
        opts(Scope::Paragraph, Association::Jaccard),
        Filter::default(),
    );
    // Units: d0p0 {A,B,C}, d1p0 {A,C}, d1p1 {A,B}, d2p0 {C}; f = 3, 2, 3.
    assert_eq!(edges(&g), [(A, B, 2, 2), (A, C, 2, 2), (B, C, 1, 1)]);
    assert_eq!(g.n, 6.0);
    close(g.edge(A, B).expect("A–B").score, 2.0 / 3.0); // 2 / (3 + 2 − 2)
    close(g.edge(A, C).expect("A–C").score, 0.5); // 2 / (3 + 3 − 2)
    close(g.edge(B, C).expect("B–C").score, 0.25); // 1 / (2 + 3 − 1)
    let g = build(
        &sample(),
        opts(Scope::Document, Association::Pmi),
        Filter::default(),
    );
    // Units: d0 {A,B,C}, d1 {A,B,C}, d2 {C}; f = 2, 2, 3; N = 3.
    assert_eq!(edges(&g), [(A, B, 2, 2), (A, C, 2, 2), (B, C, 2, 2)]);
    close(g.edge(A, B).expect("A–B").score, 0.5849625007211562); // log2((2/3) / (2/3)²)
    close(g.edge(A, C).expect("A–C").score, 0.0); // log2((2/3) / ((2/3)·1))
    assert_eq!(g.edge(A, B).expect("A–B").contexts[0].unit, 0);
}

#[test]
fn window_scope_counts_mention_pairs() {
    let g = build(
        &sample(),
        opts(Scope::Window(2), Association::Jaccard),
        Filter::default(),
    );
    // Pairs ≤ 2 tokens apart: d0 A0–B2, B2–A4, B10–C12; d1 A20–B21 (A0–C3 is 3 apart).
    assert_eq!(edges(&g), [(A, B, 3, 2), (B, C, 1, 1)]);
    // Events: N = 4, f(A) = 3, f(B) = 4, f(C) = 1.
    assert_eq!(g.n, 4.0);
    let units: Vec<u32> = g.graph.raw_nodes().iter().map(|n| n.weight.units).collect();
    assert_eq!(units, [3, 4, 1]);
    let ab = g.edge(A, B).expect("A–B");
    close(ab.score, 0.75); // 3 / (3 + 4 − 3)
    let spans: Vec<(u32, u32, u32, u32)> = ab
        .contexts
        .iter()
        .map(|c| (c.doc, c.unit, c.start, c.end))
        .collect();
    assert_eq!(spans, [(0, 0, 0, 25), (0, 2, 20, 45), (1, 20, 200, 215)]);
    let g = build(
        &sample(),
        opts(Scope::Window(3), Association::Count),
        Filter::default(),
    );
    assert_eq!(edges(&g), [(A, B, 3, 2), (A, C, 1, 1), (B, C, 1, 1)]);
    assert_eq!(g.edge(A, C).expect("A–C").score, 1.0);
}

#[test]
fn document_and_entity_filters() {
    let allowed = [true, false, true];
    let filter = Filter {
        docs: Some(&allowed),
        entities: None,
    };
    let g = build(&sample(), opts(Scope::Sentence, Association::Count), filter);
    // Doc 1 left out: d0s0 {A,B}, d0s1 {B,C}, d2s0 {C}.
    assert_eq!(edges(&g), [(A, B, 1, 1), (B, C, 1, 1)]);
    let a = g.graph[g.node(A).expect("A")];
    assert_eq!((a.mentions, a.documents, a.units), (2, 1, 1));
    let no_b = [true, false, true];
    let filter = Filter {
        docs: None,
        entities: Some(&no_b),
    };
    let g = build(&sample(), opts(Scope::Sentence, Association::Count), filter);
    assert_eq!(edges(&g), [(A, C, 1, 1)]);
    // Ids past the end of a filter are not allowed.
    let short = [true];
    let filter = Filter {
        docs: Some(&short),
        entities: None,
    };
    let g = build(&sample(), opts(Scope::Document, Association::Count), filter);
    assert_eq!(edges(&g), [(A, B, 1, 1), (A, C, 1, 1), (B, C, 1, 1)]);
}

#[test]
fn min_count_and_context_cap() {
    let mut o = opts(Scope::Sentence, Association::Count);
    o.min_count = 2;
    o.max_contexts = 1;
    let g = build(&sample(), o, Filter::default());
    assert_eq!(edges(&g), [(A, B, 2, 2)]);
    assert_eq!(g.graph.node_count(), 2);
    let ab = g.edge(A, B).expect("A–B");
    assert_eq!(ab.contexts.len(), 1);
    assert_eq!(ab.contexts[0].doc, 0);
}

/// One document per listed pair, repeated `times`.
fn docs_of_pairs(pairs: &[(u32, u32, u32)]) -> Vec<MentionRef> {
    let mut out = Vec::new();
    let mut doc = 0;
    for &(x, y, times) in pairs {
        for _ in 0..times {
            out.push(m(x, doc, 0, 0, 0));
            out.push(m(y, doc, 1, 0, 0));
            doc += 1;
        }
    }
    out
}

#[test]
fn top_k_keeps_the_best_edges_of_either_endpoint() {
    // Hub 0 with leaves 1–4 (4, 3, 2, 1 documents); 1–2 and 3–4 in 5 documents each.
    let ms = docs_of_pairs(&[
        (0, 1, 4),
        (0, 2, 3),
        (0, 3, 2),
        (0, 4, 1),
        (1, 2, 5),
        (3, 4, 5),
    ]);
    let mut o = opts(Scope::Document, Association::Count);
    o.top_k = 1;
    let g = build(&ms, o, Filter::default());
    // Best of 0: 0–1; of 1 and 2: 1–2; of 3 and 4: 3–4.
    assert_eq!(edges(&g), [(0, 1, 4, 4), (1, 2, 5, 5), (3, 4, 5, 5)]);
    assert_eq!(g.graph.node_count(), 5);
    // Ties go to the lower id of the other endpoint: 1–2 is nobody's first.
    let ms = docs_of_pairs(&[(0, 1, 1), (0, 2, 1), (1, 2, 1)]);
    let g = build(&ms, o, Filter::default());
    assert_eq!(edges(&g), [(0, 1, 1, 1), (0, 2, 1, 1)]);
    o.top_k = 0;
    assert_eq!(build(&ms, o, Filter::default()).graph.edge_count(), 3);
}

#[test]
fn empty_input_gives_an_empty_graph() {
    let g = build(&[], CooccurOptions::default(), Filter::default());
    assert_eq!((g.graph.node_count(), g.graph.edge_count()), (0, 0));
    // A lone entity has no edge and so no node.
    let g = build(
        &[m(A, 0, 0, 0, 0)],
        CooccurOptions::default(),
        Filter::default(),
    );
    assert_eq!(g.graph.node_count(), 0);
}

/// Synthetic mentions: `docs` documents of `per_doc` mentions, entities drawn with a skew
/// towards low ids, about 3 mentions per sentence and 4 sentences per paragraph.
pub(crate) fn synthetic(docs: u32, per_doc: u32, entities: u32, seed: u64) -> Vec<MentionRef> {
    let mut s = seed | 1;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let mut out = Vec::with_capacity((docs * per_doc) as usize);
    for doc in 0..docs {
        let mut token = 0;
        for i in 0..per_doc {
            token += 1 + (next() % 8) as u32;
            // Squaring a uniform number favours low ids, a rough Zipf-like skew.
            let u = (next() % 1_000_000) as f64 / 1_000_000.0;
            let entity = ((u * u) * entities as f64) as u32;
            out.push(MentionRef {
                entity,
                doc,
                token,
                sentence: i / 3,
                paragraph: i / 12,
                start: token * 6,
                end: token * 6 + 5,
            });
        }
    }
    out
}

#[test]
fn same_graph_whatever_the_order_and_thread_count() {
    let mut ms = synthetic(300, 40, 200, 7);
    let o = CooccurOptions {
        scope: Scope::Window(6),
        measure: Association::LogLikelihood,
        min_count: 2,
        top_k: 5,
        max_contexts: 3,
    };
    let key = |g: &CooccurGraph| {
        let nodes: Vec<NodeData> = g.graph.raw_nodes().iter().map(|n| n.weight).collect();
        let es: Vec<(usize, usize, EdgeData)> = g
            .graph
            .raw_edges()
            .iter()
            .map(|e| (e.source().index(), e.target().index(), e.weight.clone()))
            .collect();
        (nodes, es)
    };
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .expect("pool")
    };
    let one = pool(1).install(|| key(&build(&ms, o, Filter::default())));
    ms.reverse();
    let three = pool(3).install(|| key(&build(&ms, o, Filter::default())));
    assert!(!one.1.is_empty());
    assert_eq!(one, three);
}

#[test]
fn cancelled_build_returns_none() {
    let ms = sample();
    let job = Job::spawn("graph", crate::jobs::no_waker(), move |ctx| {
        while !ctx.is_cancelled() {
            std::thread::yield_now();
        }
        build_graph(
            &ms,
            &TOTALS,
            &CooccurOptions::default(),
            &Filter::default(),
            ctx,
        )
        .is_none()
    })
    .expect("spawn");
    job.cancel();
    assert_eq!(job.wait(), Some(true));
}

/// Processor time of this process so far, in milliseconds (Linux; 0 elsewhere), to tell
/// work from waiting on a busy machine.
pub(crate) fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = stat.rsplit_once(')').map(|r| r.1).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 (the third is the first after the name), in ticks
    // of 10 ms.
    let tick = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) * 10.0
}

/// Build time on 20,000 documents of 100 mentions over 5,000 entities:
/// `cargo test --release --lib cooccur::tests::timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing() {
    let ms = synthetic(20_000, 100, 5_000, 42);
    let totals = UnitTotals {
        sentences: 20_000 * 34,
        paragraphs: 20_000 * 9,
        documents: 20_000,
        tokens: 20_000 * 450,
    };
    for scope in [
        Scope::Sentence,
        Scope::Paragraph,
        Scope::Window(10),
        Scope::Document,
    ] {
        let o = CooccurOptions {
            scope,
            top_k: 20,
            ..CooccurOptions::default()
        };
        let (t, cpu) = (Instant::now(), cpu_ms());
        let g = build_graph(&ms, &totals, &o, &Filter::default(), &JobCtx::detached())
            .expect("not cancelled");
        println!(
            "{scope:?}: {:.0} ms wall, {:.0} ms processor, {} nodes, {} edges",
            t.elapsed().as_secs_f64() * 1000.0,
            cpu_ms() - cpu,
            g.graph.node_count(),
            g.graph.edge_count()
        );
    }
}

#[test]
fn a_unit_naming_too_many_entities_adds_no_pairs() {
    let n = MAX_UNIT_ENTITIES as u32 + 1;
    // Doc 0, sentence 0: a list of n names; sentence 1: A and B.
    let mut ms: Vec<MentionRef> = (0..n).map(|e| m(10 + e, 0, e, 0, 0)).collect();
    ms.push(m(A, 0, n, 1, 0));
    ms.push(m(B, 0, n + 1, 1, 0));
    let g = build(
        &ms,
        opts(Scope::Sentence, Association::Count),
        Filter::default(),
    );
    assert_eq!(edges(&g), vec![(A, B, 1, 1)]);
    assert_eq!(g.crowded, 1);
    // Judged on every entity of the unit, whichever the filter keeps.
    let mut two = vec![false; (10 + n) as usize];
    two[10] = true;
    two[11] = true;
    let only = Filter {
        entities: Some(&two),
        ..Filter::default()
    };
    let g = build(&ms, opts(Scope::Sentence, Association::Count), only);
    assert!(edges(&g).is_empty());
    // One name fewer and the sentence counts; its paragraph, holding A and B too, does not.
    let mut next = vec![false; (10 + n) as usize];
    next[11] = true;
    next[12] = true;
    let next = Filter {
        entities: Some(&next),
        ..Filter::default()
    };
    let g = build(&ms[1..], opts(Scope::Sentence, Association::Count), next);
    assert_eq!((edges(&g), g.crowded), (vec![(11, 12, 1, 1)], 0));
    let g = build(&ms[1..], opts(Scope::Paragraph, Association::Count), next);
    assert_eq!((edges(&g), g.crowded), (vec![], 1));
}
