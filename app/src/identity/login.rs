//! Sign-in. Works before hydration and without JavaScript (an `ActionForm` is a real form).
use crate::i18n::*;
use crate::identity::api::SignIn;
use crate::shell::language::LanguageSwitch;
use crate::tr;
use crate::ui::error::ErrorAlert;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

/// The sign-in page, loaded lazily (someone signed in never needs its code).
pub struct LoginPage;

#[lazy_route]
impl LazyRoute for LoginPage {
    fn data() -> Self {
        LoginPage
    }

    fn view(_this: Self) -> AnyView {
        view! { <SignInForm /> }.into_any()
    }
}

#[component]
fn SignInForm() -> impl IntoView {
    let i18n = use_i18n();
    let sign_in = ServerAction::<SignIn>::new();
    let error = move || sign_in.value().get().and_then(Result::err).map(|error| view! { <ErrorAlert error /> });
    view! {
        <Title text=move || format!("{} · Apprenance", t_string!(i18n, login.title)) />
        <main class="page narrow login">
            <div class="login-top">
                <span class="brand">{tr!(i18n, app_name)}</span>
                <LanguageSwitch />
            </div>
            <h1>{tr!(i18n, login.title)}</h1>
            <p class="tagline">{tr!(i18n, login.tagline)}</p>
            <ActionForm action=sign_in attr:class="card">
                <label for="email">{tr!(i18n, login.email)}</label>
                <input id="email" name="email" type="email" autocomplete="username" required />
                <label for="password">{tr!(i18n, login.password)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required />
                {error}
                <button type="submit" class="primary" disabled=move || sign_in.pending().get()>
                    {move || {
                        if sign_in.pending().get() {
                            t_string!(i18n, login.pending).to_string()
                        } else {
                            t_string!(i18n, login.submit).to_string()
                        }
                    }}
                </button>
            </ActionForm>
        </main>
    }
}
