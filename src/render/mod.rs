//! From the model to HTML text: Markdown to safe blocks, the article, card and series views,
//! the escaping writer and the URL allow-list, the widget's words, JSON-LD, the pre-rendered
//! element and the element's own loading and error states.

pub mod attributes;
pub mod element;
pub mod html;
pub mod i18n;
pub mod jsonld;
pub mod markdown;
pub mod states;
// The allow-list and the map live in `content`, which applies them first.
pub(crate) use crate::content::strmap;
pub use crate::content::url;
pub mod view;
