//! The TUI's whole state. Nothing here draws or touches the terminal; `update` changes it
//! and `view` reads it.

use super::action::HistoryStats;
use super::compose::Composer;
use super::counts::CatalogueStats;
use super::follow_ups::FollowUps;
use super::picker::Picker;
use super::search_job::{FilterKind, Outcome, Runner};
use super::text_field::TextField;
use crate::catalogue::{Catalogue, NeedIdx, Origin, RegionIdx, ServiceIdx, Status};
use crate::config::Config;
use crate::i18n::t;
use crate::referral::{Draft, Template};
use crate::search::{Hit, Index, Query};
use jiff::Timestamp;
use jiff::civil::Date;
use std::sync::Arc;

/// Which pane takes keys outside of overlays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Query,
    List,
    Details,
}

/// What is drawn over the panes and takes every key.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    None,
    Help {
        scroll: u16,
    },
    Stats {
        scroll: u16,
    },
    Picker(Picker),
    Compose(Box<Composer>),
    /// `f`: the follow-ups due, and the outcome picker.
    FollowUps(FollowUps),
}

/// The filters beside the query text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub needs: Vec<NeedIdx>,
    pub region: Option<RegionIdx>,
    pub language: Option<String>,
    pub population: Option<String>,
    pub open_now: bool,
    /// Ctrl-g: words naming a region stay text instead of acting as the region filter.
    pub no_place_words: bool,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// A basket service the catalogue no longer has (or no longer lists: inactive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gone {
    pub id: String,
    /// Its name when it went, so the operator knows what it was.
    pub name: String,
}

/// How the TUI was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Referring organisation and operator for new drafts.
    pub config: Config,
    /// The note template; `None` falls back to the built-in English one.
    pub template: Option<Template>,
    /// Colour allowed (no `--no-color`, no NO_COLOR, stdout a terminal).
    pub color: bool,
    /// The interface language (English by default, as in tests).
    pub lang: crate::i18n::Lang,
    /// The configuration's `default_region` as written: resolved like `--region`; one that
    /// is not found is said in the status line, not silently dropped.
    pub default_region: Option<String>,
}

/// The state.
pub struct App {
    pub index: Arc<Index>,
    pub query: TextField,
    pub filters: Filters,
    pub hits: Vec<Hit>,
    /// More matched than are listed.
    pub more: bool,
    /// When `hits` is empty: what dropping each filter would bring back.
    pub relief: Vec<(FilterKind, usize)>,
    /// The dropped-word notice of the results shown.
    pub notice: Option<String>,
    /// The region named in the query of the results shown.
    pub place: Option<crate::search::PlaceWords>,
    /// Position in `hits`.
    pub selected: usize,
    pub details_scroll: u16,
    /// Services chosen for the referral, in the order they were added.
    pub basket: Vec<ServiceIdx>,
    /// Basket services a reload took away (gone from the file, or inactive now): kept,
    /// marked, and the composer refuses the note until they are removed.
    pub gone: Vec<Gone>,
    /// The catalogue file is not writable for this operator: `e` says whom to ask.
    pub catalogue_read_only: bool,
    pub focus: Focus,
    pub overlay: Overlay,
    /// A one-line message in the status line, until the next key.
    pub status: Option<String>,
    /// The last catalogue update's notice, which the next one replaces on the status line.
    update_said: Option<String>,
    /// A problem with the catalogue (load errors, a broken edit), shown as a banner.
    pub banner: Option<String>,
    /// The catalogue's `notice` (e.g. "demonstration data, not a verified directory"),
    /// shown as a banner from the start until the first key; help and statistics repeat it.
    pub intro: Option<String>,
    pub color: bool,
    /// Bumped whenever the query or a filter changes.
    pub generation: u64,
    /// The generation whose results `hits` holds.
    pub shown_generation: u64,
    /// The id of the service to keep selected when the next results arrive (reloads).
    pub keep_selected: Option<String>,
    /// The current moment and date in the catalogue's zone, set by the event loop.
    pub now: Timestamp,
    pub today: Date,
    /// The referral draft, kept while the composer is closed (and restored after a
    /// dropped link).
    pub draft: Option<Draft>,
    pub template: Template,
    pub config: Config,
    /// The referral history as last read for the statistics overlay.
    pub history: Option<HistoryStats>,
    /// The catalogue's counts, taken when the statistics overlay opened.
    pub catalogue_stats: CatalogueStats,
    /// Ctrl-l was pressed with something to clear: a second Ctrl-l starts a new call.
    pub new_call_asked: bool,
    /// When the first service went into the basket: the status line shows the minutes.
    pub call_started: Option<Timestamp>,
    /// The composer waiting under a picker opened from its Region field.
    pub picker_for: Option<Box<Composer>>,
    /// Follow-ups due today or overdue, for the status line (`None`: not known, e.g. the
    /// history is off).
    pub due: Option<usize>,
    /// The interface language: every string drawn comes through it.
    pub lang: crate::i18n::Lang,
}

impl App {
    /// The directory on a catalogue, its search index built here (tests; the directory
    /// itself starts with [`App::with_index`] on the cached one).
    pub fn new(catalogue: Arc<Catalogue>, options: Options) -> App {
        App::with_index(Index::build(catalogue), options)
    }

    /// The directory on the catalogue of `index`.
    pub fn with_index(index: Index, options: Options) -> App {
        let catalogue = index.catalogue().clone();
        let banner = degraded_banner(&catalogue, options.lang);
        let intro = catalogue.header.notice.clone();
        let (region, status) = match options.default_region.as_deref() {
            None => (None, None),
            Some(input) => match crate::search::resolve_region(&catalogue, input) {
                Ok(region) => (Some(region), None),
                Err(error) => (
                    None,
                    Some(t!(
                        options.lang,
                        "tui-default-region-not-found",
                        error = error.to_string()
                    )),
                ),
            },
        };
        let now = crate::clock::now();
        let today = catalogue.today();
        App {
            index: Arc::new(index),
            query: TextField::default(),
            filters: Filters {
                region,
                ..Filters::default()
            },
            hits: Vec::new(),
            more: false,
            relief: Vec::new(),
            notice: None,
            place: None,
            selected: 0,
            details_scroll: 0,
            basket: Vec::new(),
            gone: Vec::new(),
            catalogue_read_only: false,
            focus: Focus::Query,
            overlay: Overlay::None,
            status,
            update_said: None,
            banner,
            intro,
            color: options.color,
            generation: 1,
            shown_generation: 0,
            keep_selected: None,
            now,
            today,
            history: None,
            catalogue_stats: CatalogueStats::default(),
            new_call_asked: false,
            call_started: None,
            picker_for: None,
            due: None,
            lang: options.lang,
            draft: None,
            template: options
                .template
                .or_else(|| Template::find("en", None).ok())
                .unwrap_or_else(builtin_template),
            config: options.config,
        }
    }

    pub fn catalogue(&self) -> &Arc<Catalogue> {
        self.index.catalogue()
    }

    /// Moves the clock to `now` (the event loop passes `crate::clock::now()` with each
    /// key). On a new day in the catalogue's zone `today` follows, and the search runs
    /// again (keeping the selection), so STALE, alerts, open now and the dates of new
    /// drafts are right after midnight.
    pub fn set_now(&mut self, now: Timestamp) {
        self.now = now;
        let today = now.to_zoned(self.catalogue().time_zone()).date();
        if today != self.today {
            self.today = today;
            self.keep_selected = self
                .selected_service()
                .map(|s| self.catalogue().services[s].id.clone());
            self.generation += 1;
        }
    }

    /// Adds a message to the status line, after any already there; a message already last
    /// there is not said twice.
    pub fn say(&mut self, message: String) {
        self.status = Some(match self.status.take() {
            Some(earlier) if earlier == message || earlier.ends_with(&format!("; {message}")) => {
                earlier
            }
            Some(earlier) => format!("{earlier}; {message}"),
            None => message,
        });
    }

    /// Says what a catalogue reload or update brought, in place of the previous one's
    /// notice while that is still on the status line (several saves before the next key
    /// say only the latest count).
    pub fn say_update(&mut self, message: String) {
        let earlier = self.update_said.replace(message.clone());
        if let (Some(status), Some(earlier)) = (&mut self.status, earlier)
            && let Some(at) = status.rfind(&earlier)
        {
            status.replace_range(at..at + earlier.len(), &message);
            return;
        }
        self.say(message);
    }

    /// Which catalogue is in use: its title and where it came from.
    pub fn catalogue_label(&self) -> String {
        let catalogue = self.catalogue();
        let origin = match &catalogue.origin {
            Origin::Embedded => self.lang.t("tui-origin-built-in"),
            other => other.display_name(),
        };
        let notice = if catalogue.uses_host_zone() && catalogue.has_opening_hours() {
            format!("; {}", self.lang.t("tui-host-zone"))
        } else {
            String::new()
        };
        format!(
            "{} ({origin}{notice})",
            crate::text::one_line(&catalogue.title())
        )
    }

    /// The query the current text and filters ask for.
    pub fn search_query(&self) -> Query {
        Query {
            text: self.query.value().to_string(),
            needs: self.filters.needs.clone(),
            region: self.filters.region,
            language: self.filters.language.clone(),
            population: self.filters.population.clone(),
            open_at: self.filters.open_now.then_some(self.now),
            include_inactive: false,
            no_place_words: self.filters.no_place_words,
        }
    }

    /// True while the hits shown are older than the query.
    pub fn search_due(&self) -> bool {
        self.shown_generation != self.generation
    }

    /// Runs the search in place, as the event loop's worker would (tests). The state of
    /// incremental search lives in a [`Runner`], never in the app: see [`App::refresh_with`].
    pub fn refresh(&mut self) {
        self.refresh_with(&mut Runner);
    }

    /// Runs the search with `runner`, the same one the event loop's worker thread uses, so
    /// benchmarks typing letter by letter measure the incremental path the operator gets.
    pub fn refresh_with(&mut self, runner: &mut Runner) {
        let query = self.search_query();
        let outcome = runner.run(&self.index, &query);
        super::update::update(self, super::Action::Results(self.generation, outcome));
    }

    /// Takes a finished search if it is for the current query.
    pub fn accept(&mut self, generation: u64, outcome: Outcome) {
        if generation != self.generation {
            return;
        }
        self.hits = outcome.hits;
        self.more = outcome.more;
        self.relief = outcome.relief;
        self.notice = crate::context::texts::dropped_words(&outcome.dropped, outcome.all_dropped)
            .map(|notice| notice.render(self.lang));
        self.place = outcome.place;
        self.shown_generation = generation;
        // After a reload the same service stays selected when it is still there.
        let keep = self.keep_selected.take();
        let keep = keep.and_then(|id| self.catalogue().service_by_id(&id));
        self.selected = keep
            .and_then(|s| self.hits.iter().position(|h| h.service == s))
            .unwrap_or(0);
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.selected)
    }

    pub fn selected_service(&self) -> Option<ServiceIdx> {
        self.selected_hit().map(|h| h.service)
    }

    /// Replaces the catalogue, its index built here (see [`App::replace_index`]).
    pub fn replace_catalogue(&mut self, catalogue: Arc<Catalogue>) {
        self.replace_index(Index::build(catalogue));
    }

    /// Replaces the catalogue and its index (after a reload). The basket keeps its
    /// services by id; one the new catalogue no longer has, or has made inactive, moves to
    /// `gone`, marked (and one that came back returns to the basket).
    pub fn replace_index(&mut self, index: Index) {
        let catalogue = index.catalogue().clone();
        let old = self.catalogue().clone();
        self.keep_selected = self.selected_service().map(|s| old.services[s].id.clone());
        let listed = |id: &str| listed(&catalogue, id);
        let mut basket = Vec::new();
        let mut gone = Vec::new();
        for &s in &self.basket {
            let service = &old.services[s];
            match listed(&service.id) {
                Some(now) => basket.push(now),
                None => gone.push(Gone {
                    id: service.id.clone(),
                    name: crate::text::one_line(&service.name),
                }),
            }
        }
        for entry in std::mem::take(&mut self.gone) {
            match listed(&entry.id) {
                Some(back) => basket.push(back),
                None => gone.push(entry),
            }
        }
        self.basket = basket;
        self.gone = gone;
        self.filters.needs = self
            .filters
            .needs
            .iter()
            .filter_map(|&n| catalogue.need_by_id(&old.needs[n].id))
            .collect();
        self.filters.region = self
            .filters
            .region
            .and_then(|r| catalogue.region_by_id(&old.regions[r].id));
        self.today = catalogue.today();
        self.banner = degraded_banner(&catalogue, self.lang);
        self.index = Arc::new(index);
        self.hits.clear();
        self.relief.clear();
        self.selected = 0;
        self.generation += 1;
    }

    /// Takes back a draft saved by an earlier session: its services go back into the basket
    /// (those still in the catalogue), so the composer reopens for them and not for
    /// whatever happens to be selected.
    pub fn restore_draft(&mut self, draft: Draft) {
        let (basket, gone) = self.basket_of(&draft);
        self.basket = basket;
        self.gone = gone;
        self.draft = Some(draft);
        self.basket_changed();
    }

    /// Starts the call's clock when the basket gets its first service, stops it when the
    /// basket empties.
    pub fn basket_changed(&mut self) {
        if self.basket.is_empty() && self.gone.is_empty() {
            self.call_started = None;
        } else if self.call_started.is_none() {
            self.call_started = Some(self.now);
        }
    }

    /// Whole minutes since the first service went into the basket.
    pub fn call_minutes(&self) -> Option<i64> {
        let started = self.call_started?;
        Some(self.now.duration_since(started).as_secs().max(0) / 60)
    }

    /// Whether a new call would clear anything: the query, a filter, the basket or a draft.
    pub fn holds_a_call(&self) -> bool {
        !self.query.is_empty()
            || !self.filters.is_empty()
            || !self.basket.is_empty()
            || !self.gone.is_empty()
            || self.draft.is_some()
            || matches!(self.overlay, Overlay::Compose(_))
            || self.picker_for.is_some()
    }

    /// Clears everything the last caller left: query, filters, basket, selection, draft
    /// and any overlay.
    pub fn new_call(&mut self) {
        self.query.clear();
        self.filters = Filters::default();
        self.basket.clear();
        self.gone.clear();
        self.draft = None;
        self.overlay = Overlay::None;
        self.focus = Focus::Query;
        self.call_started = None;
        self.picker_for = None;
        self.keep_selected = None;
        self.changed();
    }

    /// The draft's services as basket entries, by id, and those the catalogue no longer
    /// lists (named as when they went, when known).
    fn basket_of(&self, draft: &Draft) -> (Vec<ServiceIdx>, Vec<Gone>) {
        let mut basket = Vec::new();
        let mut gone = Vec::new();
        for id in &draft.services {
            match listed(self.catalogue(), id) {
                Some(service) => basket.push(service),
                None => gone.push(Gone {
                    id: id.clone(),
                    name: self
                        .gone
                        .iter()
                        .find(|g| &g.id == id)
                        .map_or_else(|| id.clone(), |g| g.name.clone()),
                }),
            }
        }
        (basket, gone)
    }

    /// Takes the services the catalogue no longer lists out of the basket (and the draft).
    pub fn drop_gone(&mut self) -> usize {
        let dropped = std::mem::take(&mut self.gone);
        if let Some(draft) = &mut self.draft {
            draft
                .services
                .retain(|id| dropped.iter().all(|g| &g.id != id));
        }
        self.basket_changed();
        dropped.len()
    }

    /// Marks the query or filters changed: a new search is due, the selection goes to the top.
    pub fn changed(&mut self) {
        self.generation += 1;
        self.selected = 0;
        self.details_scroll = 0;
    }
}

/// A service the catalogue lists by `id`: present and not inactive.
pub fn listed(catalogue: &Catalogue, id: &str) -> Option<ServiceIdx> {
    catalogue
        .service_by_id(id)
        .filter(|&s| catalogue.services[s].status != Status::Inactive)
}

/// The banner of a catalogue that loaded with errors: the command line's line.
fn degraded_banner(catalogue: &Catalogue, lang: crate::i18n::Lang) -> Option<String> {
    crate::context::texts::degraded(catalogue).map(|line| line.render(lang))
}

/// The first built-in template, when even "en" cannot be found (never expected).
fn builtin_template() -> Template {
    let (name, source) = crate::referral::BUILT_IN[0];
    Template {
        name: name.to_string(),
        origin: "built-in".to_string(),
        source: source.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Origin;

    fn app_on(text: &str) -> App {
        let catalogue =
            Catalogue::from_text(text, Origin::File("/data/hotline.toml".into())).expect("loads");
        let options = Options {
            config: Config::default(),
            template: None,
            color: false,
            default_region: None,
            lang: crate::i18n::Lang::en(),
        };
        App::new(Arc::new(catalogue), options)
    }

    const ZONELESS: &str = "[[needs]]\nid = \"food\"\nname = \"Food\"\n\n[[regions]]\nid = \"by\"\n\
        name = \"Belarus\"\n\n[[organisations]]\nid = \"org\"\nname = \"Org\"\n\n[[services]]\n\
        id = \"meals\"\nname = \"Meals\"\norganisation = \"org\"\nneeds = [\"food\"]\n\
        regions = [\"by\"]\nopening_hours = \"Mo-Fr 09:00-17:00\"\n";

    #[test]
    fn a_catalogue_without_a_zone_says_so_beside_its_title() {
        let label = app_on(ZONELESS).catalogue_label();
        assert!(
            label.starts_with("hotline.toml (/data/hotline.toml;"),
            "{label}"
        );
        assert!(
            label.contains("hours follow this machine's zone"),
            "{label}"
        );
        let zoned =
            format!("[catalogue]\ntitle = \"Hotline\"\ntimezone = \"Europe/Minsk\"\n\n{ZONELESS}");
        assert_eq!(
            app_on(&zoned).catalogue_label(),
            "Hotline (/data/hotline.toml)"
        );
    }

    /// What is already last is not said again; a catalogue update's notice takes the place
    /// of the previous one, wherever it stands on the line.
    #[test]
    fn the_status_line_says_a_message_once_and_only_the_latest_update() {
        let mut app = app_on(ZONELESS);
        app.status = None;
        app.say("draft restored".into());
        app.say("draft restored".into());
        assert_eq!(app.status.as_deref(), Some("draft restored"));
        app.say_update("catalogue updated: 5 services".into());
        app.say("watch failed".into());
        app.say_update("catalogue updated: 6 services".into());
        assert_eq!(
            app.status.as_deref(),
            Some("draft restored; catalogue updated: 6 services; watch failed")
        );
        app.say_update("catalogue updated: 6 services".into());
        assert_eq!(
            app.status.as_deref(),
            Some("draft restored; catalogue updated: 6 services; watch failed")
        );
        app.status = None;
        app.say_update("catalogue updated: 7 services".into());
        assert_eq!(app.status.as_deref(), Some("catalogue updated: 7 services"));
    }
}
