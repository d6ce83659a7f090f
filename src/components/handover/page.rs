//! `/shortlist?…`: what the hand-over link opens on the person's phone, in the language the
//! counsellor chose for them (the link's `lang`). It needs no load of the whole area: it
//! fetches the shortlisted vacancies by id.

use super::{shortlist_details, HandoverSheet};
use crate::components::status::DroppedParamsNotice;
use crate::focus::focus_after_render;
use crate::i18n::*;
use crate::url_state::{use_desk_state, view_href, RESULTS_PATH};
use leptos::prelude::*;
use leptos_meta::Title;
use passerelle_core::view_state::ViewState;

/// The hand-over page's path.
pub const SHORTLIST_PATH: &str = "/shortlist";

#[component]
pub fn ShortlistPage() -> impl IntoView {
    let i18n = use_i18n();
    let url = use_desk_state();
    let desk = Memo::new(move |_| url.read().0.clone());
    let lang = Signal::derive(move || desk.with(|d| d.lang));
    let details = shortlist_details(desk);
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_after_render(heading);
    // Every job around the person's first town, at their level: the way on from the list.
    let around_first_town = Memo::new(move |_| {
        desk.with(|d| {
            d.towns().first().map(|t| {
                let view = ViewState {
                    town: Some(t.municipality),
                    radius_km: t.radius_km,
                    dutch: d.dutch,
                    lang: d.lang,
                    ..ViewState::default()
                };
                (t.municipality, view_href(RESULTS_PATH, &view))
            })
        })
    });

    view! {
        <Title text=move || t_string!(i18n, page_title_handover).to_string() />
        <div class="handover-page">
            <h1 tabindex="-1" node_ref=heading>{t!(i18n, handover_title)}</h1>
            <p>{t!(i18n, handover_intro)}</p>
            <DroppedParamsNotice dropped=Signal::derive(move || url.read().1.clone()) />
            <HandoverSheet desk=desk links_lang=lang details=details />
            {move || around_first_town.get().map(|(town, href)| view! {
                <p>
                    <a class="button" href=href>
                        {move || t_string!(i18n, handover_all_jobs, town = town.name_in(locale_code(i18n.get_locale()))).to_string()}
                    </a>
                </p>
            })}
        </div>
    }
}
