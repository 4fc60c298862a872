//! Fetching the content JSON with a time limit.

use crate::error::EmbedError;
use crate::model::LoadErrorKind;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Request, RequestInit, RequestMode, Response};

/// A response body and what the server said it is.
pub struct Body {
    pub text: String,
    pub content_type: Option<String>,
}

/// GETs `url` (relative to the page) with `platform.fetch` (the page's `fetch` as it was
/// when the entry script loaded). CORS mode, credentials only for the same origin: content
/// is public, and a partner site's cookies are none of our business.
pub async fn text(platform: &JsValue, url: &str, timeout_seconds: u32) -> Result<Body, EmbedError> {
    let network = || EmbedError::Network {
        url: url.to_owned(),
    };
    let fetch = js_sys::Reflect::get(platform, &"fetch".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(network)?;
    let init = RequestInit::new();
    init.set_mode(RequestMode::Cors);
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let signal = AbortSignal::timeout_with_u32(timeout_seconds.saturating_mul(1000));
    init.set_signal(Some(&signal));
    let outcome = |_| {
        if signal.aborted() {
            EmbedError::Timeout {
                url: url.to_owned(),
                seconds: timeout_seconds,
            }
        } else {
            network()
        }
    };
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| network())?;
    let promise = fetch
        .call1(&JsValue::UNDEFINED, &request)
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or_else(network)?;
    let response: Response = JsFuture::from(promise)
        .await
        .map_err(outcome)?
        .dyn_into()
        .map_err(|_| network())?;
    if !response.ok() {
        return Err(EmbedError::Http {
            url: url.to_owned(),
            status: response.status(),
        });
    }
    let content_type = response.headers().get("content-type").ok().flatten();
    let body = response.text().map_err(|_| network())?;
    let text = JsFuture::from(body)
        .await
        .map_err(outcome)?
        .as_string()
        .ok_or_else(network)?;
    Ok(Body { text, content_type })
}

/// A syntax error in a body the server did not even call JSON (a proxy's HTML error page,
/// say) is reported as that.
pub fn explain(error: EmbedError, url: &str, content_type: Option<&str>) -> EmbedError {
    match (&error, content_type) {
        (EmbedError::Load(e), Some(kind))
            if matches!(e.kind(), LoadErrorKind::Syntax(_))
                && crate::search::find(&kind.to_ascii_lowercase(), "json").is_none() =>
        {
            EmbedError::NotJson {
                url: url.to_owned(),
                content_type: kind.to_owned(),
            }
        }
        _ => error,
    }
}
