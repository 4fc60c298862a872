//! Fetching the content JSON with a time limit.

use super::dom;
use crate::content::model::LoadErrorKind;
use crate::error::EmbedError;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;

/// A response body (a JavaScript string) and what the server said it is.
pub struct Body {
    pub text: JsValue,
    pub content_type: Option<String>,
}

/// GETs `url` (relative to the page) with `platform.fetch` (the page's `fetch` as it was when
/// the entry script loaded), within `timeout_seconds`, and calls `done` with the body or
/// what went wrong. The request itself is in `dom.js`: promises stay on the JavaScript side,
/// which keeps an async runtime out of the wasm.
pub fn text(
    platform: &JsValue,
    url: &str,
    timeout_seconds: u32,
    done: impl FnOnce(Result<Body, EmbedError>) + 'static,
) {
    let owned_url = url.to_owned();
    let callback = Closure::once_into_js(
        move |outcome: u8, status: u16, content_type: Option<String>, text: JsValue| {
            let url = owned_url;
            done(match outcome {
                0 if text.is_string() => Ok(Body { text, content_type }),
                1 => Err(EmbedError::Http { url, status }),
                2 => Err(EmbedError::Timeout {
                    url,
                    seconds: timeout_seconds,
                }),
                _ => Err(EmbedError::Network { url }),
            })
        },
    );
    dom::fetch_text(platform, url, timeout_seconds, callback);
}

/// A syntax error in a body the server did not even call JSON (a proxy's HTML error page,
/// say) is reported as that.
pub fn explain(error: EmbedError, url: &str, content_type: Option<&str>) -> EmbedError {
    match (&error, content_type) {
        (EmbedError::Load(e), Some(kind))
            if matches!(e.kind(), LoadErrorKind::Syntax(_))
                && crate::content::search::find(&kind.to_ascii_lowercase(), "json").is_none() =>
        {
            EmbedError::NotJson {
                url: url.to_owned(),
                content_type: kind.to_owned(),
            }
        }
        _ => error,
    }
}
