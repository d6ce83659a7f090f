//! The one owner of code splitting: screens whose code is cut out of the start page's wasm
//! and fetched the first time they are opened.
//!
//! A jobseeker on a phone downloads the town picker first, not the counsellor's desk. With
//! the `split` feature (the release build, see Trunk.toml), each [`split_screen!`] function is
//! a `#[wasm_split]` point: `cargo xtask split-wasm` moves the code only it reaches into its
//! own wasm part, loaded on the first call. Without the feature (native tests, wasm-bindgen
//! tests, clippy) the same function runs in place, so every test exercises the same views.
//!
//! A part that cannot be fetched is not a panic: the screen says why in the user's language,
//! and the rest of the app (drafts, filters in the URL) is untouched. Offline, it offers to try
//! again. After a new deployment (a kiosk runs for days) the running build's parts are gone
//! from the server for good, so it offers to reload instead: the URL keeps the search.

use std::future::Future;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::api::get_fresh_text;
use crate::components::status::ErrorNotice;
use crate::i18n::*;

/// A split screen's code could not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenUnavailable;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for ScreenUnavailable {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Self
    }
}

/// What a split screen function returns. The view is boxed so that it crosses the split
/// (an `extern "C"` call between wasm parts) as one pointer.
pub type ScreenResult = Result<Box<AnyView>, ScreenUnavailable>;

/// `split_screen! { pub fn desk_screen(tiles: Option<Tiles>) in desk, preload preload_desk { view! { … } } }`
/// declares `async fn desk_screen(tiles) -> ScreenResult`, split into the wasm part `desk` in
/// the release build, and `async fn preload_desk()`, which fetches the part without building
/// the view (an error is the screen's to report when it opens). Arguments must be concrete types.
macro_rules! split_screen {
    ($(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) in $part:ident, preload $preload:ident $body:block) => {
        $(#[$attr])*
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($part, fallible, preload($preload))]
        $vis fn $name($($arg: $ty),*) -> $crate::split::ScreenResult {
            let view = $body;
            Ok(Box::new(::leptos::prelude::IntoAny::into_any(view)))
        }

        $(#[$attr])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> $crate::split::ScreenResult {
            let view = $body;
            Ok(Box::new(::leptos::prelude::IntoAny::into_any(view)))
        }

        /// Nothing to fetch: without the `split` feature the screen is in the one wasm.
        #[cfg(not(feature = "split"))]
        $vis async fn $preload() -> Result<(), $crate::split::ScreenUnavailable> {
            Ok(())
        }
    };
}
pub(crate) use split_screen;

/// Shows a split screen: "Loading…" while its part arrives (at once once it has), and a
/// translated notice if it cannot be fetched: "Try again", or "Reload" when the server now
/// serves another build.
#[component]
pub fn SplitScreen<L, F>(load: L) -> impl IntoView
where
    L: Fn() -> F + Send + Sync + 'static,
    F: Future<Output = ScreenResult> + 'static,
{
    let i18n = use_i18n();
    let attempt = RwSignal::new(0_u32);
    view! {
        <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }>
            {move || {
                attempt.track();
                let screen = load();
                // The split loader's future and a fetch are not `Send` (a wasm part and a
                // JS promise are per thread); the browser has one thread.
                Suspend::new(SendWrapper::new(async move {
                    match screen.await {
                        Ok(view) => *view,
                        Err(ScreenUnavailable) if another_build_deployed().await == Some(true) => view! {
                            <ErrorNotice
                                message=Signal::derive(move || t_string!(i18n, screen_outdated).to_string())
                                retry_label=Signal::derive(move || t_string!(i18n, reload_page).to_string())
                                on_retry=Callback::new(move |()| {
                                    let _ = window().location().reload();
                                })
                            />
                        }
                        .into_any(),
                        Err(ScreenUnavailable) => view! {
                            <ErrorNotice
                                message=Signal::derive(move || t_string!(i18n, screen_unavailable).to_string())
                                retry_label=Signal::derive(move || t_string!(i18n, retry).to_string())
                                on_retry=Callback::new(move |()| attempt.update(|n| *n += 1))
                            />
                        }
                        .into_any(),
                    }
                }))
            }}
        </Suspense>
    }
}

/// Starts fetching a split screen's part in the background (`preload_*` of [`split_screen!`]).
/// A failure is silent here: opening the screen tries again and explains it if it must.
pub fn fetch_ahead<E: 'static>(preload: impl Future<Output = Result<(), E>> + 'static) {
    leptos::task::spawn_local(async move {
        let _ = preload.await;
    });
}

/// Whether the server now serves another build than the running one: its `index.html` no longer
/// names this page's JS glue (`/passerelle-<hash>.js`, Trunk's `modulepreload` link). `None`
/// when it cannot be told (offline, no such link in a test page).
async fn another_build_deployed() -> Option<bool> {
    let running = document()
        .query_selector("link[rel=modulepreload]")
        .ok()
        .flatten()?
        .get_attribute("href")?;
    let served = get_fresh_text("/").await.ok()?;
    Some(!served.contains(&running))
}
