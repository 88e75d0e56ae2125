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
        // After the effects hydration spawned: their tasks run first, in order.
        any_spawner::Executor::spawn_local(async { mark_ready() });
    });
}

/// Called by `offline-boot.js` in the offline shell, which has no server-rendered content.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount() {
    console_error_panic_hook::set_once();
    short_tasks::install();
    leptos::mount::mount_to_body(app::App);
    any_spawner::Executor::spawn_local(async { mark_ready() });
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
/// spawned it. Hydration spawns a task for every effect and every reactive node's updates, and
/// for the parts of a page still waiting for data; on the stock executor they all ran, with
/// V8's compilation of the code they reach, in the one task that hydrated, and Lighthouse
/// counted it as blocking. They now run after it, one browser task each, in the order they
/// were spawned, with input handled in between. The synchronous hydration of the view tree is
/// still one task. A task woken later is polled as before.
mod short_tasks {
    use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use wasm_bindgen::prelude::*;

    thread_local! {
        static QUEUE: RefCell<VecDeque<PinnedLocalFuture<()>>> = const { RefCell::new(VecDeque::new()) };
        /// Both ports stay referenced for the page's life.
        static CHANNEL: Option<web_sys::MessageChannel> = channel();
    }

    /// A channel whose every message starts the oldest waiting task.
    fn channel() -> Option<web_sys::MessageChannel> {
        let channel = web_sys::MessageChannel::new().ok()?;
        let start_next = Closure::<dyn FnMut()>::new(|| {
            if let Some(task) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
                wasm_bindgen_futures::spawn_local(task);
            }
        });
        // Setting `onmessage` starts the port.
        channel.port1().set_onmessage(Some(start_next.as_ref().unchecked_ref()));
        start_next.forget();
        Some(channel)
    }

    struct ShortTasks;

    impl CustomExecutor for ShortTasks {
        fn spawn(&self, fut: PinnedFuture<()>) {
            self.spawn_local(fut);
        }

        fn spawn_local(&self, fut: PinnedLocalFuture<()>) {
            let posted = CHANNEL.with(|c| c.as_ref().is_some_and(|c| c.port2().post_message(&JsValue::NULL).is_ok()));
            if posted {
                QUEUE.with(|q| q.borrow_mut().push_back(fut));
            } else {
                wasm_bindgen_futures::spawn_local(fut);
            }
        }

        fn poll_local(&self) {}
    }

    /// Before Leptos starts: it keeps the first executor it is given. `any_spawner` must be the
    /// version Leptos uses (Cargo.lock has one), or this would set an executor nobody reads.
    pub fn install() {
        if let Err(e) = Executor::init_custom_executor(ShortTasks) {
            web_sys::console::warn_1(&format!("executor already set: {e:?}").into());
        }
    }
}
