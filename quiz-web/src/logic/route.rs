//! The app's screens as URL hashes (`#/exam`, `#/results/ID`, `#/quick/domain/ID`, ...): reading a
//! hash into a [`Route`] and writing one back (ids percent-coded by `quiz_core::percent`).

use quiz_core::assembly::Scope;
use quiz_core::percent::{decode, encode};

/// A screen of the app, as written in the URL hash (`#/exam`, `#/results/ID`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Exam,
    Results(String),
    /// A quick check over a scope; `None` when the scope is chosen on the page.
    Quick(Option<Scope>),
    /// A spaced-review session of the questions due.
    Review,
    /// The custom-practice builder; with a link's choices (`Custom::to_query`, read by
    /// `Custom::parse`, which decodes it), filled in from them.
    Custom(Option<String>),
    Progress,
    Settings,
}

impl Route {
    /// Reads a location hash (with or without the leading `#`). Unknown hashes go home.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        // The builder's choices are a query of their own, passed on as written.
        if let Some(query) = path.strip_prefix("custom/") {
            let query = query.trim_end_matches('/');
            return Route::Custom((!query.is_empty()).then(|| query.to_string()));
        }
        let parts: Vec<String> = path
            .split('/')
            .filter(|p| !p.is_empty())
            .map(decode)
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        match parts.as_slice() {
            ["exam"] => Route::Exam,
            ["results", id] => Route::Results(id.to_string()),
            ["quick"] => Route::Quick(None),
            ["quick", "all"] => Route::Quick(Some(Scope::All)),
            ["quick", "domain", id] => Route::Quick(Some(Scope::Domain(id.to_string()))),
            ["quick", "section", id] => Route::Quick(Some(Scope::Section(id.to_string()))),
            ["quick", "objective", id] => Route::Quick(Some(Scope::Objective(id.to_string()))),
            ["review"] => Route::Review,
            ["custom"] => Route::Custom(None),
            ["progress"] => Route::Progress,
            ["settings"] => Route::Settings,
            _ => Route::Home,
        }
    }

    /// The hash for this route, starting with `#/`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Exam => "#/exam".into(),
            Route::Results(id) => format!("#/results/{}", encode(id)),
            Route::Quick(None) | Route::Quick(Some(Scope::Questions(_))) => "#/quick".into(),
            Route::Quick(Some(Scope::All)) => "#/quick/all".into(),
            Route::Quick(Some(Scope::Domain(id))) => format!("#/quick/domain/{}", encode(id)),
            Route::Quick(Some(Scope::Section(id))) => format!("#/quick/section/{}", encode(id)),
            Route::Quick(Some(Scope::Objective(id))) => format!("#/quick/objective/{}", encode(id)),
            Route::Review => "#/review".into(),
            Route::Custom(None) => "#/custom".into(),
            Route::Custom(Some(query)) => format!("#/custom/{query}"),
            Route::Progress => "#/progress".into(),
            Route::Settings => "#/settings".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip() {
        let routes = [
            Route::Home,
            Route::Exam,
            Route::Results("18f-00ab12".into()),
            Route::Quick(None),
            Route::Quick(Some(Scope::All)),
            Route::Quick(Some(Scope::Domain("d 1/x".into()))),
            Route::Quick(Some(Scope::Section("s1".into()))),
            Route::Quick(Some(Scope::Objective("o1".into()))),
            Route::Review,
            Route::Custom(None),
            Route::Custom(Some("sections=a%2Fb&n=5&seed=1".into())),
            Route::Progress,
            Route::Settings,
        ];
        for r in routes {
            assert_eq!(Route::parse(&r.to_hash()), r, "{}", r.to_hash());
        }
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#"), Route::Home);
        assert_eq!(Route::parse("#/nope/x"), Route::Home);
        assert_eq!(Route::parse("#/exam/"), Route::Exam);
        assert_eq!(Route::parse("#/results/a%2"), Route::Results("a%2".into()));
        // A custom link's query is the builder's to decode: %2F stays, so ids can hold a slash.
        assert_eq!(
            Route::parse("#/custom/objectives=a%2Fb,c&n=3"),
            Route::Custom(Some("objectives=a%2Fb,c&n=3".into()))
        );
        assert_eq!(Route::parse("#/custom/"), Route::Custom(None));
    }
}
