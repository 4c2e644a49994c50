//! What the XML network formats share: the attribute columns of a [`Network`], its nodes and
//! edges in sorted order, and a writer of indented elements with escaped attribute values.
//!
//! [`super::gexf`] and [`super::graphml`] each state only their own vocabulary (element and
//! attribute names, where the label and weight go) on top of this.

use super::{EdgeRow, Network, NodeRow, xml_escape};
use std::io::{self, Write};
use std::path::Path;

/// Namespace of XML Schema instances, where `xsi:schemaLocation` lives.
pub const XSI_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Attributes of a root element in `namespace` whose schema is the file `xsd` under the
/// namespace's address: `xmlns`, then `extra` (more namespaces), `xmlns:xsi` and
/// `xsi:schemaLocation`.
pub fn root_attrs<'a>(
    namespace: &'a str,
    extra: &[(&'a str, &'a str)],
    location: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut attrs = vec![("xmlns", namespace)];
    attrs.extend_from_slice(extra);
    attrs.push(("xmlns:xsi", XSI_NAMESPACE));
    attrs.push(("xsi:schemaLocation", location));
    attrs
}

/// The value of `xsi:schemaLocation` for a schema file under the namespace's address.
pub fn schema_location(namespace: &str, xsd: &str) -> String {
    format!("{namespace} {namespace}/{xsd}")
}

/// Writes the document `to_string` makes of the network to `w`.
pub fn write_doc(
    w: &mut dyn Write,
    net: &Network,
    to_string: fn(&Network) -> String,
) -> io::Result<()> {
    w.write_all(to_string(net).as_bytes())
}

/// Saves the document `to_string` makes of the network to `path` atomically (see
/// [`super::write_atomic`]).
pub fn save_doc(path: &Path, net: &Network, to_string: fn(&Network) -> String) -> io::Result<()> {
    super::write_atomic(path, |w| write_doc(w, net, to_string))
}

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
pub const NODE_COLUMNS: [Column<NodeRow>; 4] = [
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
    Column {
        id: "wikidata",
        title: "wikidata",
        kind: "string",
        value: |n| n.wikidata.clone().unwrap_or_default(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_attributes_declare_the_schema_after_the_namespaces() {
        let location = schema_location("http://x.org/1.3", "x.xsd");
        assert_eq!(location, "http://x.org/1.3 http://x.org/1.3/x.xsd");
        let attrs = root_attrs("http://x.org/1.3", &[("xmlns:v", "http://v")], &location);
        let names: Vec<&str> = attrs.iter().map(|a| a.0).collect();
        assert_eq!(
            names,
            ["xmlns", "xmlns:v", "xmlns:xsi", "xsi:schemaLocation"]
        );
        assert_eq!(attrs[2].1, XSI_NAMESPACE);
        let mut x = Xml::document();
        x.open("root", &root_attrs("n", &[], "n n/s.xsd"));
        assert_eq!(
            x.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root xmlns=\"n\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"n n/s.xsd\">\n</root>\n"
        );
    }
}
