//! GEXF 1.3, the format Gephi opens natively.
//!
//! Nodes carry a label and the attributes `type`, `mentions`, `documents`, `wikidata` (empty
//! when unknown); edges carry a `weight` and the attributes `count`, `documents` and the score
//! (titled with the measure's name). The graph is undirected and static. Node ids are written as decimal strings; nodes
//! come sorted by id, edges by their endpoints.
//!
//! Drawing hints use the GEXF viz module ([`VIZ_NAMESPACE`]): every node has a `viz:size`
//! growing with the square root of its mentions, and a `viz:color` and `viz:position` when the
//! network gives them; every edge has a `viz:thickness` from its weight's place between the
//! lowest and highest weight.

use super::xml::{
    Column, EDGE_COLUMNS, NODE_COLUMNS, Xml, root_attrs, save_doc, schema_location, sorted_edges,
    sorted_nodes, write_doc,
};
use super::{Network, number};
use std::io::{self, Write};
use std::path::Path;

/// Namespace of GEXF 1.3.
pub const NAMESPACE: &str = "http://gexf.net/1.3";
/// Namespace of the GEXF 1.3 viz module.
pub const VIZ_NAMESPACE: &str = "http://gexf.net/1.3/viz";
/// Smallest and largest node size, for a drawing about [`super::DRAWING_RADIUS`] units from
/// its centre to its edge (the proportions of the app's Network panel).
pub const NODE_SIZE: (f64, f64) = (3.0, 15.0);
/// Thinnest and thickest edge.
pub const THICKNESS: (f64, f64) = (0.5, 3.0);

/// The network as a GEXF document.
pub fn to_string(net: &Network) -> String {
    let scale = Scale::of(net);
    let mut x = Xml::document();
    let location = schema_location(NAMESPACE, "gexf.xsd");
    let mut attrs = root_attrs(NAMESPACE, &[("xmlns:viz", VIZ_NAMESPACE)], &location);
    attrs.push(("version", "1.3"));
    x.open("gexf", &attrs);
    x.open("meta", &[]);
    x.text("creator", &[], "Quarry");
    let about = format!(
        "Entity co-occurrence network, edges scored by {}",
        net.measure_name()
    );
    x.text("description", &[], &about);
    x.close();
    x.open(
        "graph",
        &[("defaultedgetype", "undirected"), ("mode", "static")],
    );
    declare(&mut x, "node", &NODE_COLUMNS, net);
    declare(&mut x, "edge", &EDGE_COLUMNS, net);
    x.open("nodes", &[]);
    for n in sorted_nodes(net) {
        x.open("node", &[("id", &n.id.to_string()), ("label", &n.label)]);
        attvalues(&mut x, &NODE_COLUMNS, n);
        x.empty("viz:size", &[("value", &scale.size(n.mentions))]);
        if let Some([r, g, b]) = n.color {
            let [r, g, b] = [r, g, b].map(|c| c.to_string());
            x.empty("viz:color", &[("r", &r), ("g", &g), ("b", &b)]);
        }
        if let Some(p) = n.position.filter(|p| p.iter().all(|c| c.is_finite())) {
            let [px, py] = p.map(|c| c.to_string());
            x.empty("viz:position", &[("x", &px), ("y", &py), ("z", "0")]);
        }
        x.close();
    }
    x.close();
    x.open("edges", &[]);
    for (i, e) in sorted_edges(net).into_iter().enumerate() {
        x.open(
            "edge",
            &[
                ("id", &i.to_string()),
                ("source", &e.source.to_string()),
                ("target", &e.target.to_string()),
                ("weight", &number(e.weight)),
            ],
        );
        attvalues(&mut x, &EDGE_COLUMNS, e);
        x.empty("viz:thickness", &[("value", &scale.thickness(e.weight))]);
        x.close();
    }
    x.finish()
}

/// `<attributes class=…>` declaring the columns of nodes or edges.
fn declare<R>(x: &mut Xml, class: &str, columns: &[Column<R>], net: &Network) {
    x.open("attributes", &[("class", class)]);
    for c in columns {
        x.empty(
            "attribute",
            &[("id", c.id), ("title", c.title(net)), ("type", c.kind)],
        );
    }
    x.close();
}

/// `<attvalues>` of one node or edge.
fn attvalues<R>(x: &mut Xml, columns: &[Column<R>], row: &R) {
    x.open("attvalues", &[]);
    for c in columns {
        x.empty("attvalue", &[("for", c.id), ("value", &(c.value)(row))]);
    }
    x.close();
}

/// What node sizes and edge thicknesses are relative to: the most mentions, the weight range.
struct Scale {
    max_mentions: f64,
    weights: (f64, f64),
}

impl Scale {
    fn of(net: &Network) -> Self {
        let max_mentions = net.nodes.iter().map(|n| n.mentions).max().unwrap_or(0);
        let weights = net
            .edges
            .iter()
            .map(|e| e.weight)
            .filter(|w| w.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), w| {
                (lo.min(w), hi.max(w))
            });
        Scale {
            max_mentions: max_mentions.max(1) as f64,
            weights,
        }
    }

    /// Size of a node: the square root of its share of the most mentions, in [`NODE_SIZE`].
    fn size(&self, mentions: u64) -> String {
        let t = (mentions as f64 / self.max_mentions).sqrt();
        rounded(NODE_SIZE.0 + (NODE_SIZE.1 - NODE_SIZE.0) * t)
    }

    /// Thickness of an edge: its weight's place in the weight range, in [`THICKNESS`]; the
    /// thickest when all weights are equal, the thinnest for a weight that is not finite.
    fn thickness(&self, weight: f64) -> String {
        let (lo, hi) = self.weights;
        let t = if !weight.is_finite() {
            0.0
        } else if hi > lo {
            ((weight - lo) / (hi - lo)).clamp(0.0, 1.0)
        } else {
            1.0
        };
        rounded(THICKNESS.0 + (THICKNESS.1 - THICKNESS.0) * t)
    }
}

/// A size as text, to two decimals.
fn rounded(x: f64) -> String {
    number((x * 100.0).round() / 100.0)
}

/// Writes the GEXF document to `w`.
pub fn write(w: &mut dyn Write, net: &Network) -> io::Result<()> {
    write_doc(w, net, to_string)
}

/// Saves the GEXF document to `path` atomically (see [`super::write_atomic`]).
pub fn save(path: &Path, net: &Network) -> io::Result<()> {
    save_doc(path, net, to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::EdgeRow;
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

    /// The child of `node` named `name` in the viz namespace.
    fn viz<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
        node.children()
            .find(|c| c.has_tag_name((VIZ_NAMESPACE, name)))
    }

    /// A float attribute of a viz element.
    fn float(node: Option<roxmltree::Node<'_, '_>>, attr: &str) -> f64 {
        let node = node.expect("viz element");
        let value = node.attribute(attr).expect("attribute");
        value.parse().expect("a number")
    }

    #[test]
    fn viz_elements_follow_the_schema() {
        let mut net = sample();
        net.nodes[0].color = Some([234, 120, 30]);
        net.nodes[0].position = Some([12.5, -3.25]);
        let text = to_string(&net);
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.lookup_namespace_uri(Some("viz")), Some(VIZ_NAMESPACE));
        let nodes: Vec<_> = doc
            .descendants()
            .filter(|d| d.has_tag_name((NAMESPACE, "node")))
            .collect();
        assert_eq!(nodes.len(), 2);
        // The node given a colour and a place has them, channels as integers 0..=255.
        let color = viz(nodes[0], "color").expect("colour");
        let channels: Vec<u8> = ["r", "g", "b"]
            .iter()
            .map(|c| {
                color
                    .attribute(*c)
                    .expect("channel")
                    .parse()
                    .expect("0..=255")
            })
            .collect();
        assert_eq!(channels, [234, 120, 30]);
        let at = viz(nodes[0], "position");
        assert_eq!(float(at, "x"), 12.5);
        assert_eq!(float(at, "y"), -3.25);
        assert_eq!(float(at, "z"), 0.0);
        // The other has neither, and every node has a size, growing with mentions.
        assert!(viz(nodes[1], "color").is_none());
        assert!(viz(nodes[1], "position").is_none());
        let (big, small) = (
            float(viz(nodes[0], "size"), "value"),
            float(viz(nodes[1], "size"), "value"),
        );
        assert_eq!(big, NODE_SIZE.1);
        assert!(NODE_SIZE.0 < small && small < big, "{small} {big}");
        // Edges have a thickness; a single weight is the thickest.
        let edge = doc
            .descendants()
            .find(|d| d.has_tag_name((NAMESPACE, "edge")))
            .expect("edge");
        assert_eq!(float(viz(edge, "thickness"), "value"), THICKNESS.1);
        // Viz elements sit directly in nodes and edges, and only the four used appear.
        for v in doc
            .descendants()
            .filter(|d| d.tag_name().namespace() == Some(VIZ_NAMESPACE))
        {
            let parent = v.parent_element().expect("parent").tag_name().name();
            let name = v.tag_name().name();
            match name {
                "size" | "color" | "position" => assert_eq!(parent, "node"),
                "thickness" => assert_eq!(parent, "edge"),
                other => panic!("unexpected viz:{other}"),
            }
        }
    }

    #[test]
    fn sizes_and_thicknesses_spread_over_their_ranges() {
        let mut net = sample();
        net.nodes[1].mentions = 0;
        net.edges.push(EdgeRow {
            source: 3,
            target: 3,
            weight: f64::NAN,
            ..EdgeRow::default()
        });
        net.edges.push(EdgeRow {
            source: 7,
            target: 7,
            weight: 0.5,
            ..EdgeRow::default()
        });
        let text = to_string(&net);
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        let values = |element: &str, name: &str| -> Vec<f64> {
            doc.descendants()
                .filter(|d| d.has_tag_name((NAMESPACE, element)))
                .map(|d| float(viz(d, name), "value"))
                .collect()
        };
        assert_eq!(values("node", "size"), [NODE_SIZE.1, NODE_SIZE.0]);
        // Edges sorted by endpoints: (3, 3) not finite, (3, 7) the most, (7, 7) the least.
        assert_eq!(
            values("edge", "thickness"),
            [THICKNESS.0, THICKNESS.1, THICKNESS.0]
        );
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
