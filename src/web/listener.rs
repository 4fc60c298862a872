//! Event listeners that remove themselves when dropped, as gloo-events' `EventListener`
//! does, without the options dictionary it builds for every listener (none of ours needs
//! options: keydown and pointer events on the document are not passive by default).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

pub(crate) struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Calls `handler` for each `kind` event on `target` until the listener is dropped.
    pub(crate) fn new(
        target: &EventTarget,
        kind: &'static str,
        mut handler: impl FnMut(&Event) + 'static,
    ) -> Listener {
        let callback = Closure::<dyn FnMut(Event)>::new(move |event: Event| handler(&event));
        let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
        Listener {
            target: target.clone(),
            kind,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}
