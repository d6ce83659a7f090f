//! The application shell: languages, runtime config, routing, header and footer.

use std::sync::Arc;

use crate::api::{load_config, ApiClient, ApiError, RuntimeConfig};
use crate::components::applications::{ApplicationsPage, APPLICATIONS_PATH};
use crate::components::desk::{DeskEnabled, DeskPage};
use crate::components::handover::{ShortlistPage, SHORTLIST_PATH};
use crate::components::header::{sync_locale_from_url, Header};
use crate::components::kiosk::KioskSession;
use crate::components::level_payoff::DutchCourses;
use crate::components::map::{load_leaflet, Tiles};
use crate::components::results::ResultsPage;
use crate::components::start::StartPage;
use crate::components::status::ErrorNotice;
use crate::components::zone::ZonePage;
use crate::focus::focus_after_render;
use crate::i18n::*;
use crate::labels::api_error;
use crate::mode::{kiosk_tried_in_address, Mode};
use crate::split::{fetch_ahead, split_screen, ScreenResult, ScreenUnavailable, SplitScreen};
use crate::url_state::{DESK_PATH, RESULTS_PATH, ZONE_PATH};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use passerelle_core::kiosk::KioskSettings;
use passerelle_core::{DATA_ATTRIBUTION, DATA_ATTRIBUTION_SHORT};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    if let Ok(path) = window().location().pathname() {
        preload_screen_at(&path);
    }
    // The URL's language, read before anything renders, so the first frame is already in it;
    // `<I18nContextProvider>` takes over a context it finds (see `i18n::provide_initial_locale`).
    provide_initial_locale();
    // Personal data does not outlive its retention time just because nobody reads it again.
    // When idle: the first screen does not wait for it, and every read checks the age itself.
    request_idle_callback(crate::storage::sweep_expired);
    view! {
        <I18nContextProvider>
            <Router>
                <Shell />
            </Router>
        </I18nContextProvider>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    sync_locale_from_url();
    let config = LocalResource::new(load_config);
    view! {
        // The start page's title, and every screen's until it names its own (results, a vacancy).
        <Title text=move || t_string!(i18n, page_title_start).to_string() />
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || config.get().map(|result| match result.and_then(|c| Mode::of(&c).map(|m| (c, m))) {
                Ok((config, mode)) => view! { <Configured config=config mode=mode /> }.into_any(),
                Err(e) => view! {
                    <Header />
                    <main id="main" tabindex="-1"><ConfigError error=e /></main>
                }.into_any(),
            })}
        </Suspense>
    }
}

/// The screens, once the deployment's configuration is known.
#[component]
fn Configured(config: RuntimeConfig, mode: Mode) -> impl IntoView {
    provide_context(ApiClient::new(config.api_base.clone()));
    provide_context(mode.clone());
    provide_context(DeskEnabled(
        config.counsellor_desk && matches!(mode, Mode::Personal),
    ));
    provide_context(DutchCourses(config.dutch_courses_url.clone()));
    // Nearly every visit goes from the start page to the results: fetch that screen's code
    // and Leaflet while the visitor picks a town, so that choosing one does not wait for them.
    request_idle_callback(|| {
        fetch_ahead(preload_results_screen());
        fetch_ahead(load_leaflet());
    });
    let tiles = config.tile_url.clone().map(|url| Tiles { url });
    let tile_attribution = config.tile_attribution.clone();
    let screens = move || {
        let tiles = tiles.clone();
        let desk_tiles = tiles.clone();
        view! {
            <Header />
            <main id="main" tabindex="-1">
                <Routes fallback=move || view! { <NotFound /> }>
                    <Route path=path!("/") view=StartPage />
                    <Route path=path!("/jobs") view=move || {
                        let tiles = tiles.clone();
                        view! { <SplitScreen load=move || with_map(results_screen(tiles.clone())) /> }
                    } />
                    <Route path=path!("/applications") view=|| view! { <SplitScreen load=applications_screen /> } />
                    <Route path=path!("/desk") view=move || {
                        let tiles = desk_tiles.clone();
                        view! { <SplitScreen load=move || with_map(desk_screen(tiles.clone())) /> }
                    } />
                    <Route path=path!("/shortlist") view=|| view! { <SplitScreen load=shortlist_screen /> } />
                    <Route path=path!("/zone") view=|| view! { <SplitScreen load=zone_screen /> } />
                </Routes>
            </main>
            <Footer tile_attribution=tile_attribution.clone() />
        }
    };
    match mode {
        Mode::Kiosk(settings) => {
            let screens: ChildrenFn = Arc::new(move || screens().into_any());
            view! { <SplitScreen load=move || kiosk_session(settings.clone(), screens.clone()) /> }
                .into_any()
        }
        Mode::Personal => screens().into_any(),
    }
}

// Every screen but the start page is its own wasm part in the release build (see `split`):
// the town picker, the first thing anyone sees, does not wait for the counsellor's desk.
split_screen! { fn results_screen(tiles: Option<Tiles>) in results, preload preload_results_screen { view! { <ResultsPage tiles=tiles /> } } }
split_screen! { fn applications_screen() in applications, preload preload_applications_screen { view! { <ApplicationsPage /> } } }
split_screen! { fn desk_screen(tiles: Option<Tiles>) in desk, preload preload_desk_screen { view! { <DeskPage tiles=tiles /> } } }
split_screen! { fn shortlist_screen() in shortlist, preload preload_shortlist_screen { view! { <ShortlistPage /> } } }
split_screen! { fn zone_screen() in zone, preload preload_zone_screen { view! { <ZonePage /> } } }
// A kiosk's session (idle question, reset, phone hand-over) is code no personal device runs.
split_screen! {
    fn kiosk_session(settings: Arc<KioskSettings>, screens: ChildrenFn) in kiosk, preload preload_kiosk_session {
        view! { <KioskSession settings=settings>{screens()}</KioskSession> }
    }
}

/// A screen with a map: its part, and Leaflet, which the start page does without. Both are
/// fetched at once; either failing is the screen's "cannot be loaded" notice, and its retry
/// tries both again.
async fn with_map(screen: impl std::future::Future<Output = ScreenResult>) -> ScreenResult {
    let leaflet = load_leaflet();
    let view = screen.await?;
    leaflet.await.map_err(|_| ScreenUnavailable)?;
    Ok(view)
}

/// Someone arriving on a screen's address (a shared link, a reload, a kiosk's code opened on a
/// phone) needs that screen's part at once: fetch it beside the runtime config, not after it.
/// A kiosk deployment is known from its config only, so its session's part waits for that,
/// unless the address tries kiosk mode.
fn preload_screen_at(path: &str) {
    if kiosk_tried_in_address() {
        fetch_ahead(preload_kiosk_session());
    }
    match path {
        RESULTS_PATH => {
            fetch_ahead(preload_results_screen());
            fetch_ahead(load_leaflet());
        }
        APPLICATIONS_PATH => fetch_ahead(preload_applications_screen()),
        DESK_PATH => {
            fetch_ahead(preload_desk_screen());
            fetch_ahead(load_leaflet());
        }
        SHORTLIST_PATH => fetch_ahead(preload_shortlist_screen()),
        ZONE_PATH => fetch_ahead(preload_zone_screen()),
        _ => {}
    }
}

#[component]
fn Footer(tile_attribution: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="attribution">
            <details>
                <summary>
                    <span>{DATA_ATTRIBUTION_SHORT}</span>
                    {tile_attribution.map(|a| view! { <span>" · " {a}</span> })}
                </summary>
                <h2>{t!(i18n, sources_title)}</h2>
                <p>{DATA_ATTRIBUTION}</p>
            </details>
        </footer>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_after_render(heading);
    view! {
        <div class="start-page">
            <Title text=move || t_string!(i18n, page_title_not_found).to_string() />
            <h1 tabindex="-1" node_ref=heading>{t!(i18n, not_found_title)}</h1>
            <p>{t!(i18n, not_found)}</p>
            <a class="button button-primary" href="/">{t!(i18n, back_home)}</a>
        </div>
    }
}

#[component]
fn ConfigError(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let retry = Callback::new(|_| {
        let _ = window().location().reload();
    });
    // A configuration the app cannot use is for whoever deployed it to fix: say exactly what.
    let detail = match &error {
        ApiError::Malformed(why) => Some(why.clone()),
        _ => None,
    };
    let message = Signal::derive(move || {
        let mut text = format!(
            "{} {}",
            t_string!(i18n, config_error),
            api_error(i18n, &error)
        );
        if let Some(why) = &detail {
            text.push_str(&format!(" {} {why}", t_string!(i18n, technical_detail)));
        }
        text
    });
    view! { <ErrorNotice message=message retry_label=Signal::derive(move || t_string!(i18n, retry).to_string()) on_retry=retry /> }
}
