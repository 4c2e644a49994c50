//! The application: owns settings, the session and the loading job; applies the commands
//! panels emit, once per frame, and draws the dock inside its chrome (`chrome`).

use crate::corpus::LoadError;
use crate::desktop::sample_dir;
use crate::index::Opened;
use crate::jobs::{Job, Poll, Waker};
use crate::ner::catalog::Edits;
use crate::ui::commands::{Command, EntityEdit};
use crate::ui::context::Ctx;
use crate::ui::options::Theme;
use crate::ui::panels::{Tab, Viewer, Views};
use crate::ui::saving::Saving;
use crate::ui::session::{Latest, Loaded, Session, Tables};
use crate::ui::settings::Settings;
use crate::ui::widgets::count;
use egui::Ui;
use egui_dock::{DockArea, Style};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

mod chrome;

type LoadResult = Result<(Opened, Option<Arc<Tables>>), LoadError>;

/// Opens a folder through its index, or exported tables when the one path holds them.
fn open_any(
    paths: &[PathBuf],
    opts: &crate::index::Options,
    ctx: &crate::jobs::JobCtx,
) -> LoadResult {
    if let [dir] = paths
        && crate::tables::read::is_export(dir)
    {
        let t = crate::tables::read::read_export(dir, ctx).map_err(|e| match e {
            crate::tables::TableError::Cancelled => LoadError::Cancelled,
            e => LoadError::Open {
                path: dir.clone(),
                reason: format!("the exported tables cannot be read: {e}"),
            },
        })?;
        let tables = Tables {
            mentions: Arc::new(t.mentions),
            source: t.source,
        };
        let opened = Opened {
            corpus: t.corpus,
            analysis: t.analysis,
            report: crate::index::Report::default(),
        };
        return Ok((opened, Some(Arc::new(tables))));
    }
    crate::index::open(paths, opts, ctx).map(|o| (o, None))
}

/// A load in progress.
struct Loading {
    job: Job<LoadResult>,
    paths: Vec<PathBuf>,
}

/// Longest time spent building one frame, for the frame-budget check.
#[derive(Debug, Default, Clone, Copy)]
pub struct FrameStats {
    /// Frames drawn.
    pub frames: u64,
    /// Longest frame build in milliseconds, while loading.
    pub max_loading_ms: f64,
    /// Longest frame build in milliseconds, while idle.
    pub max_idle_ms: f64,
}

/// The Quarry window.
pub struct QuarryApp {
    /// Persisted settings (layout, recent folders, options).
    pub settings: Settings,
    settings_path: Option<PathBuf>,
    /// Where folders' indexes are kept (none when settings are not kept either).
    index: crate::index::Options,
    /// The paths of the folder on show.
    opened: Vec<PathBuf>,
    /// Runtime state shared with the panels, which only read it.
    pub session: Session,
    /// Each panel's own view state.
    pub views: Views,
    loading: Option<Loading>,
    waker: Waker,
    /// Last message for the status bar (errors, notes).
    pub message: Option<String>,
    /// What happened to settings that could not be read in full: shown in a window until
    /// the user closes it, once.
    pub settings_notice: Option<String>,
    commands: Vec<Command>,
    /// Frame timings.
    pub frame_stats: FrameStats,
    /// Print slow frames and a summary after each load (`QUARRY_FRAME_STATS=1`).
    log_frames: bool,
    /// A panel picture waiting for the window's screenshot: rectangle and file name.
    pending_png: Option<(egui::Rect, String)>,
    /// The theme last handed to egui.
    applied_theme: Option<Theme>,
    /// Where exported files go, and the box that asks for a path when no dialog opens.
    pub saving: Saving,
    /// The window's context, for viewport commands.
    ctx: Option<egui::Context>,
    /// Whether the list of keyboard shortcuts is shown.
    pub show_help: bool,
    /// The window's title: the open folder's name, then Quarry.
    pub title: String,
}

impl QuarryApp {
    /// Creates the app; `settings_path` of `None` means nothing is read or saved. Folders
    /// are read in full each time (no index is kept); see [`QuarryApp::with_index`].
    /// Opens `paths`, else the most recent folder, else the sample corpus.
    pub fn new(ctx: &egui::Context, settings_path: Option<PathBuf>, paths: Vec<PathBuf>) -> Self {
        Self::with_index(ctx, settings_path, crate::index::Options::default(), paths)
    }

    /// Like [`QuarryApp::new`], keeping folders' indexes as `index` says.
    pub fn with_index(
        ctx: &egui::Context,
        settings_path: Option<PathBuf>,
        index: crate::index::Options,
        paths: Vec<PathBuf>,
    ) -> Self {
        let (settings, message) = match &settings_path {
            Some(p) => Settings::load(p),
            None => (Settings::default(), None),
        };
        let repaint = ctx.clone();
        let waker: Waker = Arc::new(move || repaint.request_repaint());
        let mut app = Self {
            session: Session::new(waker.clone()),
            views: Views::default(),
            settings,
            index,
            opened: Vec::new(),
            settings_path,
            loading: None,
            waker,
            message: None,
            settings_notice: message,
            commands: Vec::new(),
            frame_stats: FrameStats::default(),
            log_frames: std::env::var_os("QUARRY_FRAME_STATS").is_some(),
            pending_png: None,
            applied_theme: None,
            saving: Saving::default(),
            ctx: Some(ctx.clone()),
            show_help: false,
            title: "Quarry".into(),
        };
        let first = if !paths.is_empty() {
            Some(Command::Open(paths))
        } else if let Some(p) = app.settings.recent.first().filter(|p| p.exists()) {
            Some(Command::Open(vec![p.clone()]))
        } else {
            Some(Command::OpenSample)
        };
        app.commands.extend(first);
        app.apply_commands();
        app
    }

    /// The panels' read-only view of the app for one frame.
    pub fn context(&self) -> Ctx<'_> {
        Ctx::new(
            &self.session,
            &self.settings.options,
            &self.settings.recent,
            self.loading.is_some(),
        )
    }

    /// True while a folder is loading.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Starts loading `paths` in the background (cancelling any load in progress).
    pub fn open(&mut self, paths: Vec<PathBuf>) {
        if let Some(l) = self.loading.take() {
            l.job.cancel();
        }
        let work_paths = paths.clone();
        let opts = self.index.clone();
        let job = Job::spawn("quarry-load", self.waker.clone(), move |ctx| {
            open_any(&work_paths, &opts, ctx)
        });
        match job {
            Ok(job) => {
                self.message = None;
                self.loading = Some(Loading { job, paths });
            }
            Err(e) => self.message = Some(format!("Could not start loading: {e}")),
        }
    }

    fn poll_job(&mut self) {
        let Some(loading) = self.loading.as_mut() else {
            return;
        };
        let result = match loading.job.poll() {
            Poll::Running => return,
            Poll::Ready(r) => r,
            Poll::Lost => Err(LoadError::Open {
                path: loading.paths.first().cloned().unwrap_or_default(),
                reason: "the loader stopped unexpectedly".into(),
            }),
        };
        let paths = std::mem::take(&mut loading.paths);
        self.loading = None;
        match result {
            Ok((
                Opened {
                    corpus,
                    analysis,
                    report,
                },
                tables,
            )) => {
                if paths.len() == 1 {
                    self.settings.remember(&paths[0]);
                }
                self.opened = paths;
                let problems = corpus.problems.len();
                let edits = self.load_edits(&corpus.root);
                let name = corpus.root.file_name().unwrap_or(corpus.root.as_os_str());
                self.title = format!("{} — Quarry", name.to_string_lossy());
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title.clone()));
                }
                self.session.set_loaded(
                    Loaded {
                        corpus: Arc::new(corpus),
                        analysis: Arc::new(analysis),
                        index: self.index.clone(),
                        tables,
                    },
                    self.settings.options.stop_choice(),
                    edits,
                );
                let problems = match problems {
                    0 => None,
                    1 => Some("1 file had a problem — see the Problems panel".into()),
                    n => Some(format!(
                        "{} had problems — see the Problems panel",
                        count(n, "file", "files")
                    )),
                };
                let from_tables = self
                    .session
                    .loaded
                    .as_ref()
                    .and_then(|l| l.tables.as_ref())
                    .map(|t| match &t.source {
                        Some(s) => format!(
                            "Opened from exported tables; texts are read from {} when shown",
                            s.display()
                        ),
                        None => "Opened from exported tables; the folder they were exported from cannot be read here, so no text is shown".to_string(),
                    });
                self.message = index_message(&report)
                    .into_iter()
                    .chain(from_tables)
                    .chain(problems)
                    .reduce(|a, b| format!("{a}. {b}"));
            }
            Err(LoadError::Cancelled) => self.message = Some("Loading cancelled.".into()),
            Err(e) => self.message = Some(format!("{e}")),
        }
    }

    fn pick_folder(&mut self) {
        match rfd::FileDialog::new().set_title("Open a folder of articles").pick_folder() {
            Some(p) => self.open(vec![p]),
            None => {
                self.message = Some(
                    "No folder chosen. If no dialog appeared, type a path in the Start panel or drop a folder onto the window."
                        .into(),
                )
            }
        }
    }

    /// Brings a panel to the front, reopening it if it was closed.
    pub fn focus(&mut self, tab: Tab) {
        let dock = &mut self.settings.dock;
        match dock.find_tab(&tab) {
            Some(path) => {
                let _ = dock.set_active_tab(path);
                dock.set_focused_node_and_surface(path.node_path());
            }
            None => dock.push_to_focused_leaf(tab),
        }
    }

    /// Applies the commands emitted since the last call.
    pub fn apply_commands(&mut self) {
        for cmd in std::mem::take(&mut self.commands) {
            self.apply(cmd);
        }
    }

    /// Applies one command: the only place where shared state and saved options change.
    fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::Open(paths) => self.open(paths),
            Command::ForgetIndex => {
                self.message = Some(match &self.index.cache {
                    None => "No index is kept.".into(),
                    Some(cache) => match crate::index::forget(cache, &self.opened) {
                        Ok(true) => {
                            "The folder's index was removed; the next open reads every file.".into()
                        }
                        Ok(false) => "This folder has no saved index.".into(),
                        Err(e) => format!("Could not remove the index: {e}"),
                    },
                })
            }
            Command::OpenSample => match sample_dir() {
                Some(p) => self.open(vec![p]),
                None => {
                    self.message = Some("The sample corpus was not found next to Quarry.".into())
                }
            },
            Command::PickFolder => self.pick_folder(),
            Command::CancelLoad => {
                if let Some(l) = &self.loading {
                    l.job.cancel();
                }
            }
            Command::SelectDoc(id) => {
                self.session.selection.doc = Some(id);
                self.session.selection.hit = None;
                self.focus(Tab::Reader);
            }
            Command::FollowDoc { doc, hit } => {
                self.session.selection.doc = Some(doc);
                self.session.selection.hit = hit;
            }
            Command::SelectWord(w) => {
                let sel = &mut self.session.selection;
                sel.word = w.filter(|w| !w.trim().is_empty());
                sel.hit = None;
                sel.chose(Latest::Word);
            }
            Command::ShowHit { doc, start, end } => {
                self.session.selection.doc = Some(doc);
                self.session.selection.hit = Some((start, end));
                self.focus(Tab::Reader);
            }
            Command::SetDates(range) => self.session.set_dates(range),
            Command::SelectEntity(e) => self.select_entity(e),
            Command::SelectEdge(e) => {
                self.session.selection.edge = e;
                if e.is_some() {
                    self.session.selection.chose(Latest::Link);
                }
            }
            Command::ShowLink(a, b) => {
                self.session.selection.edge = Some((a, b));
                self.session.selection.chose(Latest::Link);
                self.focus(Tab::Concordance);
            }
            Command::SetTheme(t) => {
                self.settings.options.theme = t;
                self.save_settings();
            }
            Command::SetGraph { options, entities } => {
                let g = &mut self.session.graph;
                g.min_count_chosen |= options.min_count != g.options.min_count;
                self.session.graph.options = options;
                self.session.graph.entities = entities;
            }
            Command::Save { name, bytes } => {
                if let Some(m) = self.saving.save(&name, bytes, &self.opened) {
                    self.message = Some(m);
                }
            }
            Command::SavePng { rect, name } => {
                self.pending_png = Some((rect, name));
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(Default::default()));
                }
            }
            Command::Message(m) => self.message = Some(m),
            Command::EditEntities(edit) => self.edit_entities(edit),
            option => self.set_option(option),
        }
    }

    /// Applies a command that changes a saved option, and saves the settings.
    fn set_option(&mut self, cmd: Command) {
        let o = &mut self.settings.options;
        let before = o.clone();
        match cmd {
            Command::AddStopWord(w) => {
                o.user_keep.remove(&w);
                o.user_stop.insert(w);
            }
            Command::KeepWord(w) => {
                o.user_stop.remove(&w);
                o.user_keep.insert(w);
            }
            Command::ClearStopChanges => {
                o.user_stop.clear();
                o.user_keep.clear();
            }
            Command::SetLargeStoplist(on) => o.large_stoplist = on,
            Command::SetHideStopwords(on) => o.hide_stopwords = on,
            Command::SetWordsTopN(n) => o.words_top_n = n.clamp(5, 100),
            _ => return,
        }
        if *o == before {
            return;
        }
        if o.stop_choice() != before.stop_choice() {
            self.session
                .rebuild_stop(self.settings.options.stop_choice());
        }
        self.save_settings();
    }

    /// Selects an entity and, unless the Reader already shows a document mentioning it, opens
    /// the first such document at its first mention. With a word selected too, the Reader
    /// follows the Documents list, which holds the documents with both.
    fn select_entity(&mut self, e: Option<u32>) {
        let sel = &mut self.session.selection;
        sel.entity = e;
        sel.edge = None;
        let Some(e) = e else { return };
        sel.chose(Latest::Entity);
        if sel.word.is_some() {
            return;
        }
        let Some(cat) = self.session.store.catalog_latest() else {
            return;
        };
        let docs = cat.docs_of(e);
        if sel.doc.is_none_or(|d| docs.binary_search(&d).is_err())
            && let Some(&first) = docs.first()
        {
            let at = cat.in_doc(first).iter().find(|m| m.entity == e);
            sel.doc = Some(first);
            sel.hit = at.map(|m| (m.start as usize, m.end as usize));
        }
    }

    /// Where a corpus's entity edits are kept: next to the settings, one file per folder.
    fn edits_file(&self, root: &std::path::Path) -> Option<PathBuf> {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        root.hash(&mut h);
        let dir = self.settings_path.as_ref()?.parent()?.join("entities");
        Some(dir.join(format!("{:016x}.ron", h.finish())))
    }

    /// Reads the entity edits saved for the folder at `root`.
    fn load_edits(&mut self, root: &std::path::Path) -> Edits {
        let Some(p) = self.edits_file(root) else {
            return Edits::default();
        };
        let Ok(text) = std::fs::read_to_string(&p) else {
            return Edits::default();
        };
        ron::from_str(&text).unwrap_or_else(|e| {
            self.message = Some(format!(
                "Entity edits in {} could not be read: {e}",
                p.display()
            ));
            Edits::default()
        })
    }

    /// Applies a correction to the entity list and saves the corrections for this corpus.
    fn edit_entities(&mut self, edit: EntityEdit) {
        let e = &mut self.session.edits;
        match edit {
            EntityEdit::Merge(from, into) => e.merge(&from, &into),
            EntityEdit::Split(k) => e.split(&k),
            EntityEdit::Rename(k, name) => {
                if name.trim().is_empty() {
                    e.names.remove(&k);
                } else {
                    e.names.insert(k, name.trim().to_string());
                }
            }
            EntityEdit::Retype(k, t) => {
                e.kinds.insert(k, t);
            }
            EntityEdit::Hide(k, hide) => {
                if hide {
                    e.hidden.insert(k);
                } else {
                    e.hidden.remove(&k);
                }
            }
            EntityEdit::SetNames(list) => {
                // The names live in the settings; a new list recognises the folder again.
                if self.settings.options.user_names != list {
                    self.settings.options.user_names = list;
                    self.save_settings();
                }
                return;
            }
        }
        self.session.edits_version += 1;
        self.save_edits();
    }

    /// Writes this corpus's entity edits (atomically); failures go to the status bar.
    fn save_edits(&mut self) {
        let Some(root) = self.session.loaded.as_ref().map(|l| l.corpus.root.clone()) else {
            return;
        };
        let Some(p) = self.edits_file(&root) else {
            return;
        };
        let text = ron::ser::to_string_pretty(&self.session.edits, Default::default());
        let saved = text.map_err(|e| e.to_string()).and_then(|t| {
            if let Some(dir) = p.parent() {
                std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
            }
            crate::export::write_atomic(&p, |w| w.write_all(t.as_bytes()))
                .map_err(|e| e.to_string())
        });
        if let Err(e) = saved {
            self.message = Some(format!(
                "Could not save entity edits to {}: {e}",
                p.display()
            ));
        }
    }

    /// Saves settings if a settings file is in use; failures are shown in the status bar.
    pub fn save_settings(&mut self) {
        if let Some(p) = &self.settings_path
            && let Err(e) = self.settings.save(p)
        {
            self.message = Some(format!("Could not save settings to {}: {e}", p.display()));
        }
    }

    /// Draws one frame and applies its commands.
    pub fn show(&mut self, ui: &mut Ui) {
        let start = Instant::now();
        let was_loading = self.is_loading();
        self.poll_job();
        // Entities are recognised, then grouped, in the background as soon as the words are
        // ready, whichever panels are open (the Reader colours their mentions).
        let _ = self.context().catalog();
        self.handle_input(ui);
        let theme = self.settings.options.theme;
        if self.applied_theme != Some(theme) {
            ui.ctx().set_theme(theme.preference());
            self.applied_theme = Some(theme);
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        self.help_window(ui);
        self.settings_window(ui);
        if let Some(m) = self.saving.show(ui, &self.opened) {
            self.message = Some(m);
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let listed = self.views.documents.rows_shared();
                let cx = Ctx::new(
                    &self.session,
                    &self.settings.options,
                    &self.settings.recent,
                    self.loading.is_some(),
                )
                .with_listed(listed);
                let mut viewer = Viewer {
                    cx: &cx,
                    views: &mut self.views,
                    commands: &mut self.commands,
                };
                DockArea::new(&mut self.settings.dock)
                    .style(Style::from_egui(ui.style().as_ref()))
                    .show_leaf_collapse_buttons(false)
                    .show_inside(ui, &mut viewer);
            });
        self.apply_commands();
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let s = &mut self.frame_stats;
        s.frames += 1;
        if was_loading {
            s.max_loading_ms = s.max_loading_ms.max(ms);
        } else if s.frames > 3 {
            s.max_idle_ms = s.max_idle_ms.max(ms);
        }
        let finished = was_loading && self.loading.is_none();
        if self.log_frames && (ms > 16.0 || finished) {
            eprintln!(
                "frame {}: {ms:.2} ms (longest while loading {:.2} ms, idle {:.2} ms)",
                s.frames, s.max_loading_ms, s.max_idle_ms
            );
        }
    }
}

impl eframe::App for QuarryApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.save_settings();
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_settings();
        if self.log_frames {
            let s = self.frame_stats;
            eprintln!(
                "frames {} · longest frame build while loading {:.2} ms · while idle {:.2} ms",
                s.frames, s.max_loading_ms, s.max_idle_ms
            );
        }
    }
}

/// What the status bar says about the index after an open.
fn index_message(r: &crate::index::Report) -> Option<String> {
    use crate::index::State;
    let files = |n| count(n, "file", "files");
    let mut m = match &r.state {
        State::Off | State::Created => None,
        State::Reused => Some(format!("Opened from the saved index ({})", files(r.reused))),
        State::Updated => Some(format!(
            "Opened from the saved index; {} read again ({} added, {} changed), {} gone",
            files(r.added + r.changed),
            r.added,
            r.changed,
            files(r.removed)
        )),
        State::Rebuilt(why) => Some(format!("The saved index was rebuilt: {why}")),
    };
    if let Some(e) = &r.save_error {
        m = Some(format!("The index could not be saved: {e}"));
    }
    m
}
