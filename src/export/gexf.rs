//! GEXF 1.3, the format Gephi opens natively.
//!
//! Nodes carry a label and the attributes `type`, `mentions`, `documents`; edges carry a
//! `weight` and the attributes `count`, `documents` and the score (titled with the measure's
//! name). The graph is undirected and static. Node ids are written as decimal strings.

use super::{Network, number, xml_escape};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

/// Namespace of GEXF 1.3.
pub const NAMESPACE: &str = "http://gexf.net/1.3";

/// The network as a GEXF document.
pub fn to_string(net: &Network) -> String {
    let mut s = String::new();
    let esc = |t: &str| {
        let mut o = String::new();
        xml_escape(t, &mut o);
        o
    };
    let measure = if net.measure.is_empty() {
        "score"
    } else {
        net.measure.as_str()
    };
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<gexf xmlns=\"{NAMESPACE}\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"{NAMESPACE} {NAMESPACE}/gexf.xsd\" version=\"1.3\">"
    );
    s.push_str("  <meta>\n    <creator>Quarry</creator>\n");
    let _ = writeln!(
        s,
        "    <description>Entity co-occurrence network, edges scored by {}</description>",
        esc(measure)
    );
    s.push_str("  </meta>\n");
    s.push_str("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n");
    s.push_str("    <attributes class=\"node\">\n");
    s.push_str("      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n");
    s.push_str("      <attribute id=\"mentions\" title=\"mentions\" type=\"long\"/>\n");
    s.push_str("      <attribute id=\"documents\" title=\"documents\" type=\"long\"/>\n");
    s.push_str("    </attributes>\n");
    s.push_str("    <attributes class=\"edge\">\n");
    s.push_str("      <attribute id=\"count\" title=\"count\" type=\"long\"/>\n");
    s.push_str("      <attribute id=\"documents\" title=\"documents\" type=\"long\"/>\n");
    let _ = writeln!(
        s,
        "      <attribute id=\"score\" title=\"{}\" type=\"double\"/>",
        esc(measure)
    );
    s.push_str("    </attributes>\n");
    s.push_str("    <nodes>\n");
    for n in &net.nodes {
        let _ = writeln!(
            s,
            "      <node id=\"{}\" label=\"{}\">\n        <attvalues>\n          \
             <attvalue for=\"type\" value=\"{}\"/>\n          \
             <attvalue for=\"mentions\" value=\"{}\"/>\n          \
             <attvalue for=\"documents\" value=\"{}\"/>\n        \
             </attvalues>\n      </node>",
            n.id,
            esc(&n.label),
            esc(&n.kind),
            n.mentions,
            n.documents
        );
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in net.edges.iter().enumerate() {
        let _ = writeln!(
            s,
            "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{}\">\n        \
             <attvalues>\n          \
             <attvalue for=\"count\" value=\"{}\"/>\n          \
             <attvalue for=\"documents\" value=\"{}\"/>\n          \
             <attvalue for=\"score\" value=\"{}\"/>\n        \
             </attvalues>\n      </edge>",
            e.source,
            e.target,
            number(e.weight),
            e.count,
            e.documents,
            number(e.score)
        );
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}

/// Writes the GEXF document to `w`.
pub fn write(w: &mut dyn Write, net: &Network) -> io::Result<()> {
    w.write_all(to_string(net).as_bytes())
}

/// Saves the GEXF document to `path` atomically (see [`super::write_atomic`]).
pub fn save(path: &Path, net: &Network) -> io::Result<()> {
    super::write_atomic(path, |w| write(w, net))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::sample;

    fn attvalue(node: roxmltree::Node<'_, '_>, key: &str) -> Option<String> {
        node.descendants()
            .find(|d| d.has_tag_name("attvalue") && d.attribute("for") == Some(key))
            .and_then(|d| d.attribute("value").map(str::to_string))
    }

    #[test]
    fn well_formed_with_escaped_labels_and_attributes() {
        let net = sample();
        let text = to_string(&net);
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "gexf");
        assert_eq!(root.tag_name().namespace(), Some(NAMESPACE));
        assert_eq!(root.attribute("version"), Some("1.3"));
        let graph = root
            .children()
            .find(|c| c.has_tag_name("graph"))
            .expect("graph");
        assert_eq!(graph.attribute("defaultedgetype"), Some("undirected"));
        let nodes: Vec<_> = doc
            .descendants()
            .filter(|d| d.has_tag_name("node"))
            .collect();
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0].attribute("id"), Some("3"));
        assert_eq!(
            nodes[0].attribute("label"),
            Some(net.nodes[0].label.as_str())
        );
        assert_eq!(nodes[1].attribute("label"), Some("Zoë\tTab\nLine"));
        assert_eq!(attvalue(nodes[0], "type").as_deref(), Some("ORG"));
        assert_eq!(attvalue(nodes[0], "mentions").as_deref(), Some("12"));
        assert_eq!(attvalue(nodes[1], "documents").as_deref(), Some("2"));
        let edge = doc
            .descendants()
            .find(|d| d.has_tag_name("edge"))
            .expect("edge");
        assert_eq!(edge.attribute("source"), Some("3"));
        assert_eq!(edge.attribute("target"), Some("7"));
        assert_eq!(edge.attribute("weight"), Some("2.5"));
        assert_eq!(attvalue(edge, "count").as_deref(), Some("3"));
        assert_eq!(attvalue(edge, "documents").as_deref(), Some("2"));
        assert_eq!(attvalue(edge, "score").as_deref(), Some("11.25"));
        let score_title = doc
            .descendants()
            .find(|d| d.has_tag_name("attribute") && d.attribute("id") == Some("score"))
            .and_then(|d| d.attribute("title"));
        assert_eq!(score_title, Some("logDice"));
    }

    #[test]
    fn empty_network_is_well_formed() {
        let text = to_string(&Network::default());
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        assert!(doc.descendants().all(|d| !d.has_tag_name("node")));
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("graph.gexf");
        save(&path, &sample()).expect("save");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            to_string(&sample())
        );
    }
}
