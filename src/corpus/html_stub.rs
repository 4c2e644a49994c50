//! Temporary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    pub title: Option<String>,
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub text: String,
}
pub fn extract(html: &str) -> HtmlArticle {
    HtmlArticle {
        text: html.to_string(),
        ..Default::default()
    }
}
