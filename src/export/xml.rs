//! What the XML network formats share: the attribute columns of a [`Network`], its nodes and
//! edges in sorted order, and a writer of indented elements with escaped attribute values.
//!
//! [`super::gexf`] and [`super::graphml`] each state only their own vocabulary (element and
//! attribute names, where the label and weight go) on top of this.

use super::{EdgeRow, Network, NodeRow, xml_escape};

/// One attribute of nodes or edges: identifier, title, XML Schema-like type, and its value.
pub struct Column<R> {
    /// Identifier, unique among the columns of its class (node or edge).
    pub id: &'static str,
    /// Title; [`Column::title`] replaces an empty one with the network's measure.
    title: &'static str,
    /// Type name, as both formats spell it: `string`, `long` or `double`.
    pub kind: &'static str,
    /// The row's value as text.
    pub value: fn(&R) -> String,
}

impl<R> Column<R> {
    /// Title shown for the column.
    pub fn title<'a>(&self, net: &'a Network) -> &'a str {
        if self.title.is_empty() {
            net.measure_name()
        } else {
            self.title
        }
    }
}

/// Node attributes besides id and label.
pub const NODE_COLUMNS: [Column<NodeRow>; 3] = [
    Column {
        id: "type",
        title: "type",
        kind: "string",
        value: |n| n.kind.clone(),
    },
    Column {
        id: "mentions",
        title: "mentions",
        kind: "long",
        value: |n| n.mentions.to_string(),
    },
    Column {
        id: "documents",
        title: "documents",
        kind: "long",
        value: |n| n.documents.to_string(),
    },
];

/// Edge attributes besides endpoints and weight; the score is titled with the measure.
pub const EDGE_COLUMNS: [Column<EdgeRow>; 3] = [
    Column {
        id: "count",
        title: "count",
        kind: "long",
        value: |e| e.count.to_string(),
    },
    Column {
        id: "documents",
        title: "documents",
        kind: "long",
        value: |e| e.documents.to_string(),
    },
    Column {
        id: "score",
        title: "",
        kind: "double",
        value: |e| super::number(e.score),
    },
];

/// Nodes by id, whatever order the network holds them in.
pub fn sorted_nodes(net: &Network) -> Vec<&NodeRow> {
    let mut nodes: Vec<&NodeRow> = net.nodes.iter().collect();
    nodes.sort_by_key(|n| n.id);
    nodes
}

/// Edges by (source, target), whatever order the network holds them in.
pub fn sorted_edges(net: &Network) -> Vec<&EdgeRow> {
    let mut edges: Vec<&EdgeRow> = net.edges.iter().collect();
    edges.sort_by_key(|e| (e.source, e.target));
    edges
}

/// An XML document being written: two spaces of indent per level, one element per line.
pub struct Xml {
    out: String,
    open: Vec<&'static str>,
}

impl Xml {
    /// A document, starting with the XML declaration.
    pub fn document() -> Self {
        Xml {
            out: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".to_string(),
            open: Vec::new(),
        }
    }

    /// Writes `<name a="v"…` indented to the current level, values escaped.
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            xml_escape(value, &mut self.out);
            self.out.push('"');
        }
    }

    /// Opens an element whose children follow, up to the matching [`Xml::close`].
    pub fn open(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str(">\n");
        self.open.push(name);
    }

    /// Writes an element without content.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str("/>\n");
    }

    /// Writes an element holding only text.
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(name, attrs);
        self.out.push('>');
        xml_escape(text, &mut self.out);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// Closes the element opened last.
    pub fn close(&mut self) {
        if let Some(name) = self.open.pop() {
            for _ in 0..self.open.len() {
                self.out.push_str("  ");
            }
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push_str(">\n");
        }
    }

    /// The document, with every open element closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}
