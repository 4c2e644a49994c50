//! GraphML, read by Gephi, Cytoscape, yEd, igraph and NetworkX.
//!
//! Keys declare the attributes: nodes `label`, `type`, `mentions`, `documents`, `wikidata`
//! (empty when unknown); edges `weight`, `count`, `documents` and the score (its `attr.name`
//! is the measure's name). The graph is undirected; node ids are written as decimal strings, edge ids as `e0`, `e1`…;
//! nodes come sorted by id, edges by their endpoints.

use super::xml::{
    Column, EDGE_COLUMNS, NODE_COLUMNS, Xml, root_attrs, save_doc, schema_location, sorted_edges,
    sorted_nodes, write_doc,
};
use super::{Network, number};
use std::io::{self, Write};
use std::path::Path;

/// Namespace of GraphML.
pub const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

/// The network as a GraphML document.
pub fn to_string(net: &Network) -> String {
    let mut x = Xml::document();
    let location = schema_location(NAMESPACE, "1.0/graphml.xsd");
    x.open("graphml", &root_attrs(NAMESPACE, &[], &location));
    key(&mut x, "label", "node", "label", "string");
    for c in &NODE_COLUMNS {
        key(&mut x, key_id("node", c), "node", c.title(net), c.kind);
    }
    key(&mut x, "weight", "edge", "weight", "double");
    for c in &EDGE_COLUMNS {
        key(&mut x, key_id("edge", c), "edge", c.title(net), c.kind);
    }
    x.open("graph", &[("id", "G"), ("edgedefault", "undirected")]);
    for n in sorted_nodes(net) {
        x.open("node", &[("id", &n.id.to_string())]);
        x.text("data", &[("key", "label")], &n.label);
        data(&mut x, "node", &NODE_COLUMNS, n);
        x.close();
    }
    for (i, e) in sorted_edges(net).into_iter().enumerate() {
        x.open(
            "edge",
            &[
                ("id", &format!("e{i}")),
                ("source", &e.source.to_string()),
                ("target", &e.target.to_string()),
            ],
        );
        x.text("data", &[("key", "weight")], &number(e.weight));
        data(&mut x, "edge", &EDGE_COLUMNS, e);
        x.close();
    }
    x.finish()
}

/// Key ids are shared by nodes and edges, so each class's `documents` gets its own.
fn key_id<R>(class: &str, c: &Column<R>) -> &'static str {
    match (class, c.id) {
        ("node", "documents") => "ndocs",
        ("edge", "documents") => "edocs",
        (_, id) => id,
    }
}

/// `<key>` declaring one attribute.
fn key(x: &mut Xml, id: &str, class: &str, name: &str, kind: &str) {
    x.empty(
        "key",
        &[
            ("id", id),
            ("for", class),
            ("attr.name", name),
            ("attr.type", kind),
        ],
    );
}

/// `<data>` of one node or edge, a line per column.
fn data<R>(x: &mut Xml, class: &str, columns: &[Column<R>], row: &R) {
    for c in columns {
        x.text("data", &[("key", key_id(class, c))], &(c.value)(row));
    }
}

/// Writes the GraphML document to `w`.
pub fn write(w: &mut dyn Write, net: &Network) -> io::Result<()> {
    write_doc(w, net, to_string)
}

/// Saves the GraphML document to `path` atomically (see [`super::write_atomic`]).
pub fn save(path: &Path, net: &Network) -> io::Result<()> {
    save_doc(path, net, to_string)
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
        assert_eq!(keys.len(), 9);
        assert!(keys.contains(&("score", "logDice")));
        assert!(keys.contains(&("wikidata", "wikidata")));
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
