//! Exports of tables and networks to files other programs open: CSV, GEXF (Gephi), GraphML.
//!
//! Writers take plain data ([`csv`] a header and rows of strings, [`gexf`] and [`graphml`] a
//! [`Network`]), so they know nothing of the user interface; GEXF and GraphML share their XML
//! shape (attribute columns, sorted nodes and edges, escaping) and differ only in vocabulary.
//! Every `save` writes atomically: to a temporary file in the destination folder, renamed over
//! the destination once complete, so a crash or a full disk never leaves a half-written file
//! under the real name (see [`write_atomic`]).

mod atomic;
pub mod csv;
pub mod gexf;
pub mod graphml;
mod xml;

pub(crate) use atomic::temp_beside;
pub use atomic::write_atomic;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// A graph to export, independent of how it was built or drawn.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// Name of the measure behind [`EdgeRow::score`] (e.g. "logDice").
    pub measure: String,
    /// Nodes; ids must be distinct.
    pub nodes: Vec<NodeRow>,
    /// Undirected edges between node ids.
    pub edges: Vec<EdgeRow>,
}

/// Distance from the centre to the edge of a drawing placed by [`Network::place`].
pub const DRAWING_RADIUS: f32 = 300.0;

/// A node of a [`Network`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NodeRow {
    /// Identifier, referenced by edges.
    pub id: u32,
    /// Text shown for the node.
    pub label: String,
    /// Kind of entity (person, place…).
    pub kind: String,
    /// Mentions.
    pub mentions: u64,
    /// Documents mentioning it.
    pub documents: u64,
    /// Colour to draw it with, as red, green, blue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<[u8; 3]>,
    /// Place in a drawing, y pointing up (see [`Network::place`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<[f32; 2]>,
    /// The Wikidata item of the entity ("Q491627"), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
}

/// An edge of a [`Network`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EdgeRow {
    /// Id of one endpoint.
    pub source: u32,
    /// Id of the other endpoint.
    pub target: u32,
    /// Weight used by graph programs (layout, thickness); they expect it positive (a count,
    /// or a score shifted above 0). Non-finite values are written as 0.
    pub weight: f64,
    /// Score by [`Network::measure`]; non-finite values are written as 0.
    pub score: f64,
    /// Co-occurrences.
    pub count: u64,
    /// Documents where both occur.
    pub documents: u64,
}

impl Network {
    /// The measure's name, or "score" when it has none.
    pub fn measure_name(&self) -> &str {
        if self.measure.is_empty() {
            "score"
        } else {
            &self.measure
        }
    }

    /// Places the nodes as a layout drew them: `layout[i]` is node i's position with y
    /// pointing down, as on screen. The drawing is scaled to reach [`DRAWING_RADIUS`] from the
    /// origin and turned y-up, as graph programs draw; nodes without a finite position get
    /// none.
    pub fn place(&mut self, layout: &[[f32; 2]]) {
        let finite = |p: &[f32; 2]| p[0].is_finite() && p[1].is_finite();
        let reach = layout
            .iter()
            .filter(|p| finite(p))
            .map(|p| p[0].abs().max(p[1].abs()))
            .fold(0.0f32, f32::max);
        let k = if reach > 0.0 {
            DRAWING_RADIUS / reach
        } else {
            1.0
        };
        for (i, n) in self.nodes.iter_mut().enumerate() {
            n.position = layout
                .get(i)
                .filter(|p| finite(p))
                .map(|p| [p[0] * k + 0.0, 0.0 - p[1] * k]);
        }
    }

    /// The nodes as a table for [`csv`]: header and rows.
    pub fn node_table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let header = ["id", "label", "type", "mentions", "documents"];
        let rows = self
            .nodes
            .iter()
            .map(|n| {
                vec![
                    n.id.to_string(),
                    n.label.clone(),
                    n.kind.clone(),
                    n.mentions.to_string(),
                    n.documents.to_string(),
                ]
            })
            .collect();
        (header.map(String::from).to_vec(), rows)
    }

    /// The edges as a table for [`csv`], with the endpoints' labels.
    pub fn edge_table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let labels: FxHashMap<u32, &str> = self
            .nodes
            .iter()
            .map(|n| (n.id, n.label.as_str()))
            .collect();
        let label = |id: u32| labels.get(&id).copied().unwrap_or_default().to_string();
        let header = vec![
            "source".to_string(),
            "target".to_string(),
            "source_label".to_string(),
            "target_label".to_string(),
            "weight".to_string(),
            self.measure_name().to_string(),
            "count".to_string(),
            "documents".to_string(),
        ];
        let rows = self
            .edges
            .iter()
            .map(|e| {
                vec![
                    e.source.to_string(),
                    e.target.to_string(),
                    label(e.source),
                    label(e.target),
                    number(e.weight),
                    number(e.score),
                    e.count.to_string(),
                    e.documents.to_string(),
                ]
            })
            .collect();
        (header, rows)
    }
}

/// A float as text: shortest form that reads back the same; 0 for NaN and infinities.
pub fn number(x: f64) -> String {
    if x.is_finite() {
        x.to_string()
    } else {
        "0".to_string()
    }
}

/// Appends `s` to `out` escaped for XML text and attribute values: `& < > " '` as entities,
/// tab, newline and carriage return as character references (so attribute values keep them),
/// other characters that XML 1.0 forbids (control characters) dropped.
pub fn xml_escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small network with awkward characters.
    pub(crate) fn sample() -> Network {
        let node = |id, label: &str, kind: &str, mentions, documents| NodeRow {
            id,
            label: label.to_string(),
            kind: kind.to_string(),
            mentions,
            documents,
            ..NodeRow::default()
        };
        Network {
            measure: "logDice".to_string(),
            nodes: vec![
                node(3, "AT&T <Inc> \"quoted\" 'single'", "ORG", 12, 5),
                node(7, "Zoë\tTab\nLine", "PERSON", 4, 2),
            ],
            edges: vec![EdgeRow {
                source: 3,
                target: 7,
                weight: 2.5,
                score: 11.25,
                count: 3,
                documents: 2,
            }],
        }
    }

    #[test]
    fn escapes_xml() {
        let mut s = String::new();
        xml_escape("a<b>&\"c\"'d'\u{1}\te", &mut s);
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;&#9;e");
    }

    #[test]
    fn placing_scales_the_drawing_and_turns_it_y_up() {
        let mut net = sample();
        net.place(&[[10.0, 20.0], [-5.0, 0.0]]);
        assert_eq!(net.nodes[0].position, Some([150.0, -DRAWING_RADIUS]));
        assert_eq!(net.nodes[1].position, Some([-75.0, 0.0]));
        net.place(&[[f32::NAN, 1.0]]);
        assert_eq!(net.nodes[0].position, None);
        assert_eq!(net.nodes[1].position, None);
    }

    #[test]
    fn xml_output_is_sorted_whatever_the_input_order() {
        let mut net = sample();
        net.edges.push(EdgeRow {
            source: 3,
            target: 3,
            ..EdgeRow::default()
        });
        let mut shuffled = net.clone();
        shuffled.nodes.reverse();
        shuffled.edges.reverse();
        assert_eq!(gexf::to_string(&shuffled), gexf::to_string(&net));
        assert_eq!(graphml::to_string(&shuffled), graphml::to_string(&net));
        let doc = gexf::to_string(&net);
        let first = doc.find("source=\"3\" target=\"3\"").expect("self-loop");
        let second = doc.find("source=\"3\" target=\"7\"").expect("edge");
        assert!(first < second);
    }

    #[test]
    fn tables_of_a_network() {
        let net = sample();
        let (h, rows) = net.node_table();
        assert_eq!(h, ["id", "label", "type", "mentions", "documents"]);
        assert_eq!(rows[1][0], "7");
        let (h, rows) = net.edge_table();
        assert_eq!(h[5], "logDice");
        assert_eq!(rows[0][2], "AT&T <Inc> \"quoted\" 'single'");
        assert_eq!(rows[0][4..], ["2.5", "11.25", "3", "2"]);
        assert_eq!(number(f64::NAN), "0");
    }
}
