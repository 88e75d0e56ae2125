//! The browser entry points: `hydrate` takes over a page the server rendered; `mount` starts
//! the app in the offline shell, rendering from the device's copies (see `offline-boot.js`).
#![recursion_limit = "512"]

/// Called by the page's boot script (`app/src/shell/boot.rs`) once the module is loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    short_tasks::install();
    // Lazy routes: hydration fetches the current page's chunk first, then takes over the
    // server's nodes.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else {
            return;
        };
        leptos::mount::hydrate_from_async(body, app::App).await.forget();
        mark_ready();
    });
}

/// Called by `offline-boot.js` in the offline shell, which has no server-rendered content.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount() {
    console_error_panic_hook::set_once();
    short_tasks::install();
    leptos::mount::mount_to_body(app::App);
    mark_ready();
}

/// Says the app has started: `sw-register.js` registers the service worker then, and browser
/// tests wait for it instead of sleeping.
fn mark_ready() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"__apprenance_hydrated".into(), &true.into());
        if let Ok(ready) = web_sys::Event::new("apprenance:ready") {
            let _ = window.dispatch_event(&ready);
        }
    }
}

/// Leptos's executor, with one change: a newly spawned task first runs in a browser task of
/// its own (a message the page posts to itself), not in the microtask queue of whatever
/// spawned it. Hydrating a page spawns its suspended parts and every effect; on the stock
/// executor all of that ran, with the compilation of the code it reaches, as one task that
/// blocked the phone for hundreds of milliseconds (Lighthouse's TBT). Now the shell, each
/// page part and each effect are separate tasks, with input handled in between; they still
/// run in the order they were spawned. A task woken later is polled as before.
mod short_tasks {
    use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use wasm_bindgen::prelude::*;

    thread_local! {
        static QUEUE: RefCell<VecDeque<PinnedLocalFuture<()>>> = const { RefCell::new(VecDeque::new()) };
        static PORT: Option<web_sys::MessagePort> = channel();
    }

    /// A channel whose every message starts the oldest waiting task.
    fn channel() -> Option<web_sys::MessagePort> {
        let channel = web_sys::MessageChannel::new().ok()?;
        let start_next = Closure::<dyn FnMut()>::new(|| {
            if let Some(task) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
                wasm_bindgen_futures::spawn_local(task);
            }
        });
        channel.port1().set_onmessage(Some(start_next.as_ref().unchecked_ref()));
        start_next.forget();
        Some(channel.port2())
    }

    struct ShortTasks;

    impl CustomExecutor for ShortTasks {
        fn spawn(&self, fut: PinnedFuture<()>) {
            self.spawn_local(fut);
        }

        fn spawn_local(&self, fut: PinnedLocalFuture<()>) {
            let posted = PORT.with(|port| port.as_ref().map(|p| p.post_message(&JsValue::NULL).is_ok()));
            if posted == Some(true) {
                QUEUE.with(|q| q.borrow_mut().push_back(fut));
            } else {
                wasm_bindgen_futures::spawn_local(fut);
            }
        }

        fn poll_local(&self) {}
    }

    /// Before Leptos starts (it keeps the first executor it is given).
    pub fn install() {
        let _ = Executor::init_custom_executor(ShortTasks);
    }
}
