//! GraphML, read by Gephi, Cytoscape, yEd, igraph and NetworkX.
//!
//! Keys declare the attributes: nodes `label`, `type`, `mentions`, `documents`; edges
//! `weight`, `count`, `documents` and the score (its `attr.name` is the measure's name). The
//! graph is undirected; node ids are written as decimal strings, edge ids as `e0`, `e1`…

use super::{Network, number, xml_escape};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

/// Namespace of GraphML.
pub const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

/// Key declarations: (id, for, attr.name, attr.type); the score's name is filled in.
const KEYS: [(&str, &str, &str, &str); 8] = [
    ("label", "node", "label", "string"),
    ("type", "node", "type", "string"),
    ("mentions", "node", "mentions", "long"),
    ("ndocs", "node", "documents", "long"),
    ("weight", "edge", "weight", "double"),
    ("count", "edge", "count", "long"),
    ("edocs", "edge", "documents", "long"),
    ("score", "edge", "", "double"),
];

/// The network as a GraphML document.
pub fn to_string(net: &Network) -> String {
    let mut s = String::new();
    let esc = |t: &str| {
        let mut o = String::new();
        xml_escape(t, &mut o);
        o
    };
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<graphml xmlns=\"{NAMESPACE}\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"{NAMESPACE} {NAMESPACE}/1.0/graphml.xsd\">"
    );
    for (id, target, name, kind) in KEYS {
        let name = match (id, net.measure.as_str()) {
            ("score", "") => "score".to_string(),
            ("score", m) => esc(m),
            _ => name.to_string(),
        };
        let _ = writeln!(
            s,
            "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        );
    }
    s.push_str("  <graph id=\"G\" edgedefault=\"undirected\">\n");
    for n in &net.nodes {
        let _ = writeln!(
            s,
            "    <node id=\"{}\">\n      <data key=\"label\">{}</data>\n      \
             <data key=\"type\">{}</data>\n      <data key=\"mentions\">{}</data>\n      \
             <data key=\"ndocs\">{}</data>\n    </node>",
            n.id,
            esc(&n.label),
            esc(&n.kind),
            n.mentions,
            n.documents
        );
    }
    for (i, e) in net.edges.iter().enumerate() {
        let _ = writeln!(
            s,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">\n      \
             <data key=\"weight\">{}</data>\n      <data key=\"count\">{}</data>\n      \
             <data key=\"edocs\">{}</data>\n      <data key=\"score\">{}</data>\n    </edge>",
            e.source,
            e.target,
            number(e.weight),
            e.count,
            e.documents,
            number(e.score)
        );
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

/// Writes the GraphML document to `w`.
pub fn write(w: &mut dyn Write, net: &Network) -> io::Result<()> {
    w.write_all(to_string(net).as_bytes())
}

/// Saves the GraphML document to `path` atomically (see [`super::write_atomic`]).
pub fn save(path: &Path, net: &Network) -> io::Result<()> {
    super::write_atomic(path, |w| write(w, net))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::sample;

    fn data(node: roxmltree::Node<'_, '_>, key: &str) -> Option<String> {
        node.children()
            .find(|d| d.has_tag_name("data") && d.attribute("key") == Some(key))
            .map(|d| d.text().unwrap_or_default().to_string())
    }

    #[test]
    fn well_formed_with_keys_and_escaped_values() {
        let net = sample();
        let text = to_string(&net);
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().namespace(), Some(NAMESPACE));
        let keys: Vec<(&str, &str)> = doc
            .descendants()
            .filter(|d| d.has_tag_name("key"))
            .filter_map(|k| Some((k.attribute("id")?, k.attribute("attr.name")?)))
            .collect();
        assert_eq!(keys.len(), 8);
        assert!(keys.contains(&("score", "logDice")));
        assert!(keys.contains(&("ndocs", "documents")));
        let nodes: Vec<_> = doc
            .descendants()
            .filter(|d| d.has_tag_name("node"))
            .collect();
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0].attribute("id"), Some("3"));
        assert_eq!(
            data(nodes[0], "label").as_deref(),
            Some(net.nodes[0].label.as_str())
        );
        assert_eq!(data(nodes[1], "label").as_deref(), Some("Zoë\tTab\nLine"));
        assert_eq!(data(nodes[0], "type").as_deref(), Some("ORG"));
        assert_eq!(data(nodes[0], "mentions").as_deref(), Some("12"));
        assert_eq!(data(nodes[0], "ndocs").as_deref(), Some("5"));
        let edge = doc
            .descendants()
            .find(|d| d.has_tag_name("edge"))
            .expect("edge");
        assert_eq!(edge.attribute("source"), Some("3"));
        assert_eq!(edge.attribute("target"), Some("7"));
        assert_eq!(data(edge, "weight").as_deref(), Some("2.5"));
        assert_eq!(data(edge, "count").as_deref(), Some("3"));
        assert_eq!(data(edge, "edocs").as_deref(), Some("2"));
        assert_eq!(data(edge, "score").as_deref(), Some("11.25"));
        let graph = doc
            .descendants()
            .find(|d| d.has_tag_name("graph"))
            .expect("graph");
        assert_eq!(graph.attribute("edgedefault"), Some("undirected"));
    }

    #[test]
    fn empty_network_and_save() {
        let doc_text = to_string(&Network::default());
        let doc = roxmltree::Document::parse(&doc_text).expect("well-formed XML");
        let score = doc
            .descendants()
            .find(|d| d.attribute("id") == Some("score"))
            .and_then(|d| d.attribute("attr.name"));
        assert_eq!(score, Some("score"));
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("graph.graphml");
        save(&path, &sample()).expect("save");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            to_string(&sample())
        );
    }
}
