//! Fetching the content JSON with a time limit.

use crate::error::EmbedError;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Request, RequestInit, RequestMode, Response};

/// GETs `url` (relative to the page) and returns the body text. CORS mode, no credentials:
/// content is public, and a partner site's cookies are none of our business.
pub async fn text(url: &str, timeout_seconds: u32) -> Result<String, EmbedError> {
    let window = web_sys::window().ok_or(EmbedError::Network {
        url: url.to_owned(),
    })?;
    let init = RequestInit::new();
    init.set_mode(RequestMode::Cors);
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let signal = AbortSignal::timeout_with_u32(timeout_seconds.saturating_mul(1000));
    init.set_signal(Some(&signal));
    let network = || EmbedError::Network {
        url: url.to_owned(),
    };
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
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
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
    let body = response.text().map_err(|_| network())?;
    JsFuture::from(body)
        .await
        .map_err(outcome)?
        .as_string()
        .ok_or_else(network)
}
