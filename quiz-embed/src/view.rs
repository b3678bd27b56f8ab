//! The widget's state and its HTML, as plain Rust (unit-tested natively).
//!
//! Only bank text fields (stem, option text, reason, explanation, note know/trap) are inserted
//! as HTML, and only through quiz-core's allowlist ([`PageHtml`]: a field outside it shows as
//! text), whoever made the bank. Everything else goes through [`esc`] (quiz-core's one escaper).

use quiz_core::assembly::{quick_check, AssemblyError};
use quiz_core::attempt::{Attempt, AttemptError, Mode};
use quiz_core::json::JsonValue;
use quiz_core::model::{Bank, Question, QuestionKind};
use quiz_core::progress::AttemptRecord;
use quiz_core::progress_format;
use quiz_core::safe_html::{escape as esc, PageHtml};
use quiz_core::scoring::is_correct_answer;
use quiz_core::Scope;
use std::rc::Rc;

pub const DEFAULT_COUNT: usize = 3;
pub const MAX_COUNT: usize = 20;

/// What one `[data-quiz]` element asks for, read from its data- attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub scope: Scope,
    pub count: usize,
    pub seed: Option<u64>,
    pub app_url: Option<String>,
}

impl Config {
    /// Reads the attributes through `attr` (name → value). A missing scope is an error message.
    pub fn read(attr: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let get = |n: &str| {
            attr(n)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let scope = if let Some(ids) = get("data-questions") {
            Scope::Questions(
                ids.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
            )
        } else if let Some(id) = get("data-objective") {
            Scope::Objective(id)
        } else if let Some(id) = get("data-section") {
            Scope::Section(id)
        } else if let Some(id) = get("data-domain") {
            Scope::Domain(id)
        } else {
            return Err("This quiz needs a data-objective, data-section, data-domain or data-questions attribute.".into());
        };
        let count = get("data-count")
            .and_then(|c| c.parse::<usize>().ok())
            .unwrap_or(DEFAULT_COUNT)
            .clamp(1, MAX_COUNT);
        let seed = get("data-seed").and_then(|s| s.parse::<u64>().ok());
        let app_url = get("data-app-url").filter(|u| safe_url(u));
        Ok(Config {
            scope,
            count,
            seed,
            app_url,
        })
    }
}

/// Only http(s) and relative links; never `javascript:` or `data:`.
pub fn safe_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    match lower.find([':', '/', '?', '#']) {
        Some(i) if lower.as_bytes()[i] == b':' => {
            lower.starts_with("https:") || lower.starts_with("http:")
        }
        _ => !lower.chars().any(|c| c.is_control()),
    }
}

/// A bank text field as the widget inserts it: its markup when the allowlist accepts it, else
/// its text.
fn bank_html(out: &mut String, field: &str) {
    out.push_str(PageHtml::from_bank(field).as_str());
}

/// Where the widget is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Question,
    Summary,
}

pub struct Quiz {
    pub bank: Rc<Bank>,
    pub config: Config,
    /// Widget number on the page: keeps radio names and ids unique.
    pub uid: u32,
    pub attempt: Attempt,
    pub stage: Stage,
    /// A polite notice for the current question (for example "choose at most 2").
    pub notice: Option<String>,
}

fn scope_message(e: &AssemblyError) -> String {
    match e {
        AssemblyError::UnknownScope(id) => {
            format!("This quiz asks for “{id}”, which its question bank does not have.")
        }
        AssemblyError::EmptyScope(_) => "There are no questions on this topic yet.".into(),
        other => other.to_string(),
    }
}

impl Quiz {
    /// Starts a quick check; a scope with no questions is a readable message.
    pub fn start(
        bank: Rc<Bank>,
        config: Config,
        uid: u32,
        seed: u64,
        now_ms: u64,
    ) -> Result<Quiz, String> {
        let attempt = new_attempt(&bank, &config, seed, now_ms)?;
        Ok(Quiz {
            bank,
            config,
            uid,
            attempt,
            stage: Stage::Question,
            notice: None,
        })
    }

    /// A fresh attempt over the same scope.
    pub fn restart(&mut self, seed: u64, now_ms: u64) {
        if let Ok(a) = new_attempt(&self.bank, &self.config, seed, now_ms) {
            self.attempt = a;
            self.stage = Stage::Question;
            self.notice = None;
        }
    }

    /// The `k`-th option as shown (input change). Single replaces; multiple toggles.
    pub fn pick(&mut self, k: usize, now_ms: u64) {
        let i = self.attempt.current;
        let Some(option) = self
            .attempt
            .paper
            .items
            .get(i)
            .and_then(|it| it.option_order.get(k))
            .cloned()
        else {
            return;
        };
        let single = self
            .bank
            .question(&self.attempt.paper.items[i].question_id)
            .is_some_and(|q| q.kind == QuestionKind::Single);
        let result = if single {
            self.attempt.select(&self.bank, i, &option, now_ms)
        } else {
            self.attempt.toggle(&self.bank, i, &option, now_ms)
        };
        self.notice = match result {
            Ok(()) => None,
            Err(e @ AttemptError::TooManySelections { .. }) => Some(format!("You can {e}.")),
            Err(e) => Some(capitalise(&e.to_string())),
        };
    }

    /// Checks the current answer. Returns true when it was checked now (record progress then).
    pub fn check(&mut self, now_ms: u64) -> bool {
        match self.attempt.check(self.attempt.current, now_ms) {
            Ok(()) => {
                self.notice = None;
                true
            }
            Err(e) => {
                self.notice = Some(capitalise(&e.to_string()));
                false
            }
        }
    }

    pub fn next(&mut self) {
        self.notice = None;
        if self.attempt.go_next().is_err() {
            self.stage = Stage::Summary;
        }
    }

    /// (correct, checked) so far.
    pub fn score(&self) -> (usize, usize) {
        let mut correct = 0;
        let mut checked = 0;
        for (item, r) in self.attempt.paper.items.iter().zip(&self.attempt.responses) {
            if r.checked {
                checked += 1;
                if let Some(q) = self.bank.question(&item.question_id) {
                    correct += is_correct_answer(q, &r.selected) as usize;
                }
            }
        }
        (correct, checked)
    }

    /// This attempt as the study app records it (an `AttemptRecord` as JSON made by `J`): the
    /// progress module merges it into the stored progress.
    pub fn record_json<J: JsonValue>(&self, now_ms: u64) -> String {
        progress_format::write_attempt_record::<J>(&AttemptRecord::from_attempt(
            &self.bank,
            &self.attempt,
            now_ms,
        ))
        .stringify(false)
    }

    pub fn exam_id(&self) -> &str {
        &self.bank.blueprint.id
    }

    fn scope_label(&self) -> &str {
        let bp = &self.bank.blueprint;
        match &self.config.scope {
            Scope::Objective(id) => self
                .bank
                .objective(id)
                .map_or(id.as_str(), |o| o.statement.as_str()),
            Scope::Section(id) => bp
                .domains
                .iter()
                .flat_map(|d| &d.sections)
                .find(|s| &s.id == id)
                .map_or(id.as_str(), |s| s.title.as_str()),
            Scope::Domain(id) => bp
                .domains
                .iter()
                .find(|d| &d.id == id)
                .map_or(id.as_str(), |d| d.title.as_str()),
            _ => bp.title.as_str(),
        }
    }

    /// The widget's HTML for its current state.
    pub fn render(&self) -> String {
        let mut h = String::with_capacity(4096);
        let n = self.attempt.len();
        h.push_str("<div class=\"hd\"><span class=\"kk\">Quick check</span><span class=\"ct\">");
        match self.stage {
            Stage::Question => h.push_str(&format!("Question {} of {n}", self.attempt.current + 1)),
            Stage::Summary => h.push_str("Done"),
        }
        h.push_str("</span></div><p class=\"sc\">");
        esc(&mut h, self.scope_label());
        h.push_str("</p>");
        match self.stage {
            Stage::Question => self.render_question(&mut h),
            Stage::Summary => self.render_summary(&mut h),
        }
        if let Some(url) = &self.config.app_url {
            h.push_str(
                "<p class=\"ft\"><a class=\"app\" target=\"_blank\" rel=\"noopener\" href=\"",
            );
            esc(&mut h, url);
            h.push_str("\">Practise the full exam →</a></p>");
        }
        h
    }

    fn render_question(&self, h: &mut String) {
        let i = self.attempt.current;
        let item = &self.attempt.paper.items[i];
        let Some(q) = self.bank.question(&item.question_id) else {
            h.push_str("<p class=\"msg\">This question is no longer in the bank.</p>");
            return;
        };
        let r = &self.attempt.responses[i];
        let checked = r.checked;
        let single = q.kind == QuestionKind::Single;
        let (u, name) = (self.uid, format!("qz{}-{}", self.uid, i));
        h.push_str(&format!("<fieldset class=\"q\" aria-labelledby=\"{name}-s\"><div class=\"stem\" id=\"{name}-s\" tabindex=\"-1\">"));
        bank_html(h, &q.stem);
        h.push_str("</div>");
        if !single {
            h.push_str(&format!(
                "<p class=\"hint\">Choose {}.</p>",
                q.picks_required()
            ));
        }
        h.push_str("<div class=\"opts\">");
        for (k, oid) in item.option_order.iter().enumerate() {
            let Some(o) = q.option(oid) else { continue };
            let sel = r.selected.contains(oid);
            let mut class = String::from("opt");
            if sel {
                class.push_str(" sel");
            }
            if checked && o.correct {
                class.push_str(" ok");
            } else if checked && sel {
                class.push_str(" bad");
            }
            h.push_str(&format!(
                "<label class=\"{class}\"><input type=\"{}\" name=\"{name}\" data-k=\"{k}\"{}{}><span class=\"ot\">",
                if single { "radio" } else { "checkbox" },
                if sel { " checked" } else { "" },
                if checked { " disabled" } else { "" },
            ));
            bank_html(h, &o.text);
            h.push_str("</span>");
            if checked {
                let tag = match (o.correct, sel) {
                    (true, true) => "Your answer · correct",
                    (true, false) => "Correct answer",
                    (false, true) => "Your answer · incorrect",
                    (false, false) => "",
                };
                if !tag.is_empty() {
                    h.push_str(&format!("<span class=\"tag\">{tag}</span>"));
                }
                if !o.reason.is_empty() {
                    h.push_str("<span class=\"why\">");
                    bank_html(h, &o.reason);
                    h.push_str("</span>");
                }
            }
            h.push_str("</label>");
        }
        h.push_str("</div></fieldset>");
        h.push_str("<p class=\"msg\" role=\"status\">");
        if let Some(n) = &self.notice {
            esc(h, n);
        }
        h.push_str("</p>");
        if !checked {
            h.push_str(&format!(
                "<div class=\"act\"><button type=\"button\" class=\"btn\" data-act=\"check\"{}>Check answer</button></div>",
                if r.selected.is_empty() { " aria-disabled=\"true\"" } else { "" }
            ));
            return;
        }
        let right = is_correct_answer(q, &r.selected);
        h.push_str(&format!(
            "<div class=\"fb {}\" id=\"qz{u}-fb\" tabindex=\"-1\"><strong>{}</strong>",
            if right { "ok" } else { "bad" },
            if right { "Correct." } else { "Incorrect." }
        ));
        if !right {
            h.push_str(" The correct answer is marked.");
        }
        h.push_str("</div><div class=\"ex\"><p class=\"lb\">Explanation</p>");
        bank_html(h, &q.explanation);
        sources(h, q);
        h.push_str("</div>");
        if let Some(note) = self.bank.note_for(&q.objective) {
            h.push_str("<div class=\"note\"><p class=\"lb\">Study note</p>");
            bank_html(h, &note.know);
            h.push_str("<p class=\"lb\">Common trap</p>");
            bank_html(h, &note.trap);
            h.push_str("</div>");
        }
        h.push_str(&format!(
            "<div class=\"act\"><button type=\"button\" class=\"btn\" data-act=\"next\">{}</button></div>",
            if i + 1 < self.attempt.len() { "Next question" } else { "See your score" }
        ));
    }

    fn render_summary(&self, h: &mut String) {
        let (correct, checked) = self.score();
        let u = self.uid;
        h.push_str(&format!(
            "<div class=\"sum\" id=\"qz{u}-sum\" tabindex=\"-1\"><p class=\"big\">{correct} of {checked} correct</p><p>{}</p></div>",
            if checked > 0 && correct == checked { "Well done: every answer was right." } else { "Review the explanations and try again." }
        ));
        h.push_str("<div class=\"act\"><button type=\"button\" class=\"btn\" data-act=\"again\">Try again</button></div>");
    }
}

/// The question's sources as links that open in a new tab without a handle on the host page.
/// Only addresses that `Reference::https_url` accepts are linked; titles are text.
fn sources(h: &mut String, q: &Question) {
    let mut links = q
        .references
        .iter()
        .filter_map(|r| r.https_url().map(|url| (&r.title, url)))
        .peekable();
    if links.peek().is_none() {
        return;
    }
    h.push_str("<p class=\"lb\">Sources</p><ul class=\"src\">");
    for (title, url) in links {
        h.push_str("<li><a href=\"");
        esc(h, url);
        h.push_str("\" target=\"_blank\" rel=\"noopener noreferrer\">");
        esc(h, title);
        h.push_str("<span class=\"sr\"> (opens in a new tab)</span></a></li>");
    }
    h.push_str("</ul>");
}

/// "choose an answer first" → "Choose an answer first." (ASCII only: no Unicode case tables).
fn capitalise(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    if !out.is_empty() {
        out.push('.');
    }
    out
}

fn new_attempt(bank: &Bank, config: &Config, seed: u64, now_ms: u64) -> Result<Attempt, String> {
    let paper = quick_check(bank, &config.scope, config.count, seed, true)
        .map_err(|e| scope_message(&e))?;
    Ok(Attempt::start(
        format!("embed-{now_ms}-{}", seed % 1_000_000),
        bank.blueprint.id.clone(),
        Mode::QuickCheck,
        config.scope.clone(),
        paper,
        now_ms,
        None,
    ))
}

/// Where focus goes after an action (a CSS selector inside the widget).
pub fn focus_after(quiz: &Quiz, action: &str) -> Option<String> {
    let u = quiz.uid;
    match action {
        "check"
            if quiz
                .attempt
                .responses
                .get(quiz.attempt.current)
                .is_some_and(|r| r.checked) =>
        {
            Some(format!("#qz{u}-fb"))
        }
        "next" | "again" => Some(match quiz.stage {
            Stage::Question => format!("#qz{u}-{}-s", quiz.attempt.current),
            Stage::Summary => format!("#qz{u}-sum"),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quiz_core::model::*;

    fn opt(id: &str, correct: bool) -> AnswerOption {
        AnswerOption {
            id: id.into(),
            text: format!("<p>Option {id}</p>"),
            correct,
            reason: format!("<p>Reason {id}</p>"),
        }
    }

    fn bank() -> Rc<Bank> {
        let bp = Blueprint {
            id: "ex".into(),
            title: "Exam <b>".into(),
            version: "1".into(),
            question_count: 50,
            duration_minutes: 10,
            pass_percent: 70,
            domains: vec![Domain {
                id: "d".into(),
                title: "Dom".into(),
                weight_percent: 100,
                sections: vec![Section {
                    id: "s".into(),
                    title: "Sec".into(),
                    objectives: vec![
                        Objective {
                            id: "o1".into(),
                            statement: "Know <things> & stuff".into(),
                            tier: 1,
                        },
                        Objective {
                            id: "o2".into(),
                            statement: "Empty".into(),
                            tier: 1,
                        },
                    ],
                }],
            }],
        };
        let q = |id: &str, kind| Question {
            id: id.into(),
            objective: "o1".into(),
            kind,
            choose: (kind == QuestionKind::Multiple).then_some(2),
            difficulty: Difficulty::Easy,
            tags: vec![],
            stem: format!("<p>Stem {id}</p>"),
            options: if kind == QuestionKind::Single {
                vec![opt("a", true), opt("b", false), opt("c", false)]
            } else {
                vec![opt("a", true), opt("b", true), opt("c", false)]
            },
            explanation: "<p>Because</p>".into(),
            references: vec![
                Reference {
                    title: "Docs <page> & more".into(),
                    url: format!("https://docs.example.org/{id}?a=1&b=2"),
                },
                Reference {
                    title: "Hostile".into(),
                    url: "javascript:alert(1)".into(),
                },
            ],
        };
        let questions = vec![
            q("q1", QuestionKind::Single),
            q("q2", QuestionKind::Multiple),
            q("q3", QuestionKind::Single),
        ];
        let notes = vec![StudyNote {
            objective: "o1".into(),
            know: "<p>KNOW</p>".into(),
            trap: "<p>TRAP</p>".into(),
        }];
        Rc::new(Bank::new(bp, questions, notes))
    }

    fn cfg(scope: Scope) -> Config {
        Config {
            scope,
            count: 3,
            seed: None,
            app_url: None,
        }
    }

    #[test]
    fn reads_attributes() {
        let attrs = |pairs: &'static [(&'static str, &'static str)]| {
            move |n: &str| pairs.iter().find(|p| p.0 == n).map(|p| p.1.to_string())
        };
        let c = Config::read(attrs(&[
            ("data-objective", "o1"),
            ("data-count", "99"),
            ("data-seed", "7"),
            ("data-app-url", "javascript:alert(1)"),
        ]))
        .unwrap();
        assert_eq!(
            c,
            Config {
                scope: Scope::Objective("o1".into()),
                count: MAX_COUNT,
                seed: Some(7),
                app_url: None
            }
        );
        let c = Config::read(attrs(&[
            ("data-questions", "a, b,,c"),
            ("data-objective", "x"),
            ("data-app-url", "../app/"),
        ]))
        .unwrap();
        assert_eq!(
            c.scope,
            Scope::Questions(vec!["a".into(), "b".into(), "c".into()])
        );
        assert_eq!(c.count, DEFAULT_COUNT);
        assert_eq!(c.app_url.as_deref(), Some("../app/"));
        assert_eq!(
            Config::read(attrs(&[("data-section", "s")])).unwrap().scope,
            Scope::Section("s".into())
        );
        assert_eq!(
            Config::read(attrs(&[("data-domain", "d")])).unwrap().scope,
            Scope::Domain("d".into())
        );
        assert!(Config::read(attrs(&[("data-count", "2")])).is_err());
    }

    #[test]
    fn urls() {
        assert!(safe_url("https://x.org/app/#/"));
        assert!(safe_url("/app/"));
        assert!(safe_url("app.html?x=a:b"));
        assert!(!safe_url("JavaScript:alert(1)"));
        assert!(!safe_url("data:text/html,hi"));
    }

    #[test]
    fn escapes_text_but_not_bank_html() {
        let quiz = Quiz::start(
            bank(),
            Config {
                app_url: Some("/a\"b".into()),
                ..cfg(Scope::Objective("o1".into()))
            },
            1,
            5,
            0,
        )
        .unwrap();
        let html = quiz.render();
        assert!(html.contains("Know &lt;things&gt; &amp; stuff"));
        assert!(html.contains("<p>Option a</p>"));
        assert!(html.contains("href=\"/a&quot;b\""));
        assert!(!html.contains("Reason a"), "reasons only after checking");
    }

    #[test]
    fn bank_fields_outside_the_allowlist_show_as_text() {
        let b = bank();
        let mut questions = b.questions.clone();
        for q in &mut questions {
            q.stem =
                "<p>Wait<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"></p>"
                    .into();
            q.options[0].text = "<form><input type=\"password\"></form>".into();
            q.explanation =
                "<p>Code:</p>\n<pre><code class=\"language-sql\">SELECT 1;</code></pre>".into();
        }
        let mut notes = b.notes.clone();
        notes[0].know =
            "<svg onload=\"x()\"></svg><math></math><base href=\"https://evil.example/\">".into();
        let hostile = Rc::new(Bank::new(b.blueprint.clone(), questions, notes));
        let mut quiz = Quiz::start(hostile, cfg(Scope::Objective("o1".into())), 1, 5, 0).unwrap();
        let k = quiz.attempt.paper.items[0]
            .option_order
            .iter()
            .position(|o| o == "a")
            .unwrap();
        quiz.pick(k, 1);
        assert!(quiz.check(2));
        let html = quiz.render();
        for tag in [
            "<meta",
            "<form",
            "<input type=\"password",
            "<svg",
            "<math",
            "<base",
        ] {
            assert!(!html.contains(tag), "{tag} in {html}");
        }
        assert!(
            html.contains("&lt;p&gt;Wait&lt;meta http-equiv=&quot;refresh&quot;"),
            "{html}"
        );
        assert!(
            html.contains("&lt;form&gt;&lt;input type=&quot;password&quot;&gt;"),
            "{html}"
        );
        assert!(html.contains("&lt;svg onload="), "{html}");
        // A field inside the allowlist is markup, its code block reachable by keyboard.
        assert!(
            html.contains("<pre tabindex=\"0\"><code class=\"language-sql\">SELECT 1;"),
            "{html}"
        );
    }

    #[test]
    fn sources_show_after_checking_as_safe_links() {
        let mut quiz = Quiz::start(bank(), cfg(Scope::Objective("o1".into())), 1, 5, 0).unwrap();
        assert!(
            !quiz.render().contains("Sources"),
            "sources only after checking"
        );
        quiz.pick(0, 6);
        assert!(quiz.check(7));
        let html = quiz.render();
        let qid = &quiz.attempt.paper.items[0].question_id;
        assert!(
            html.contains(&format!(
                "<a href=\"https://docs.example.org/{qid}?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener noreferrer\">Docs &lt;page&gt; &amp; more<span class=\"sr\"> (opens in a new tab)</span></a>"
            )),
            "{html}"
        );
        assert!(
            !html.contains("javascript:") && !html.contains("Hostile"),
            "{html}"
        );
    }

    #[test]
    fn scope_problems_are_messages() {
        let e = Quiz::start(bank(), cfg(Scope::Objective("nope".into())), 1, 1, 0)
            .err()
            .unwrap();
        assert!(e.contains("“nope”"));
        let e = Quiz::start(bank(), cfg(Scope::Objective("o2".into())), 1, 1, 0)
            .err()
            .unwrap();
        assert_eq!(e, "There are no questions on this topic yet.");
    }

    #[test]
    fn answer_check_feedback_and_summary() {
        let mut quiz = Quiz::start(
            bank(),
            cfg(Scope::Questions(vec!["q2".into(), "q1".into()])),
            1,
            5,
            0,
        )
        .unwrap();
        assert!(!quiz.check(1));
        assert_eq!(quiz.notice.as_deref(), Some("Choose an answer first."));
        let order = quiz.attempt.paper.items[0].option_order.clone();
        let k = |id: &str| order.iter().position(|o| o == id).unwrap();
        quiz.pick(k("a"), 1);
        quiz.pick(k("c"), 1);
        quiz.pick(k("b"), 1);
        assert_eq!(
            quiz.notice.as_deref(),
            Some("You can choose at most 2; unselect one first.")
        );
        assert!(quiz.check(2));
        let html = quiz.render();
        assert!(html.contains("Incorrect."));
        assert!(
            html.contains("<p>Because</p>")
                && html.contains("<p>KNOW</p>")
                && html.contains("<p>TRAP</p>")
        );
        assert!(html.contains("<p>Reason c</p>"));
        assert_eq!(focus_after(&quiz, "check").as_deref(), Some("#qz1-fb"));
        quiz.next();
        let order = quiz.attempt.paper.items[1].option_order.clone();
        quiz.pick(order.iter().position(|o| o == "a").unwrap(), 3);
        assert!(quiz.check(3));
        assert!(quiz.render().contains("Correct."));
        quiz.next();
        assert_eq!(quiz.stage, Stage::Summary);
        assert_eq!(quiz.score(), (1, 2));
        assert!(quiz.render().contains("1 of 2 correct"));
        quiz.restart(9, 10);
        assert_eq!((quiz.stage, quiz.score()), (Stage::Question, (0, 0)));
    }

    #[test]
    fn records_only_checked_answers() {
        let mut quiz = Quiz::start(bank(), cfg(Scope::Objective("o1".into())), 1, 5, 0).unwrap();
        quiz.pick(0, 1);
        quiz.check(1);
        let rec: AttemptRecord =
            serde_json::from_str(&quiz.record_json::<serde_json::Value>(2)).unwrap();
        assert_eq!(
            (rec.outcomes.len(), rec.question_count, rec.mode),
            (1, 3, quiz_core::Mode::QuickCheck)
        );
        assert_eq!(rec.scope, Scope::Objective("o1".into()));
        assert_eq!(quiz.exam_id(), "ex");
    }
}
