//! The reader's behaviour: AppState, Action, update() and Effect. No terminal types and no I/O:
//! the runtime (tui.rs) turns input into actions and performs effects.

pub mod adding;
pub mod aligning;
pub mod keymap;
pub mod notes;

use crate::align::{shared_phrases, PairAlignment, StoryAlignment};
use crate::annotate::{Annotation, ArticleNotes, History};
use crate::store::{canon, Article, Story};
pub use adding::Fetched;
pub use aligning::Aligned;
use keymap::{Code, Key, Keymap, Lookup};
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ScrollDown,
    ScrollUp,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextParagraph,
    PrevParagraph,
    FocusOther,
    SwapSides,
    PrevSource,
    NextSource,
    SourcePicker,
    NextTopic,
    PrevTopic,
    NextUnique,
    PrevUnique,
    NextDiscrepancy,
    PrevDiscrepancy,
    SearchStart,
    SearchNext,
    SearchPrev,
    Coverage,
    ToggleSync,
    Realign,
    Help,
    Close,
    Quit,
    NextSentence,
    PrevSentence,
    Visual,
    VisualParagraph,
    WordForward,
    WordBack,
    WordEnd,
    CharForward,
    CharBack,
    Cancel,
    Highlight,
    HighlightColor1,
    HighlightColor2,
    HighlightColor3,
    HighlightColor4,
    HighlightColor5,
    Note,
    NoteInEditor,
    Tags,
    Link,
    FollowLink,
    Delete,
    Undo,
    Redo,
    NextAnnotation,
    PrevAnnotation,
    AnnotationList,
    ExportPrompt,
    CommandLine,
}

impl Action {
    pub fn describe(self) -> &'static str {
        use Action::*;
        match self {
            ScrollDown => "scroll down a line",
            ScrollUp => "scroll up a line",
            HalfPageDown => "half a page down",
            HalfPageUp => "half a page up",
            PageDown => "page down",
            PageUp => "page up",
            Top => "go to the top",
            Bottom => "go to the bottom",
            NextParagraph => "next paragraph",
            PrevParagraph => "previous paragraph",
            FocusOther => "focus the other pane",
            SwapSides => "swap left and right",
            PrevSource => "previous source in this pane",
            NextSource => "next source in this pane",
            SourcePicker => "pick a source for this pane",
            NextTopic => "next topic",
            PrevTopic => "previous topic",
            NextUnique => "next passage only this side has",
            PrevUnique => "previous passage only this side has",
            NextDiscrepancy => "next conflicting figure",
            PrevDiscrepancy => "previous conflicting figure",
            SearchStart => "search forward",
            SearchNext => "next match",
            SearchPrev => "previous match",
            Coverage => "coverage: topics × sources (f there: figures by source)",
            ToggleSync => "toggle synchronised scrolling",
            Realign => "realign the other pane now",
            Help => "this help",
            Close => "close the overlay, or quit",
            Quit => "quit",
            NextSentence => "cursor to the next sentence (extends a selection)",
            PrevSentence => "cursor to the previous sentence (extends a selection)",
            Visual => "start a selection at the cursor",
            VisualParagraph => "select the paragraph",
            WordForward => "extend the selection a word forward",
            WordBack => "extend the selection a word back",
            WordEnd => "extend the selection to the end of the word",
            CharForward => "extend the selection a character forward",
            CharBack => "extend the selection a character back",
            Cancel => "cancel the selection",
            Highlight => "highlight the sentence or selection (last color)",
            HighlightColor1 => "highlight in yellow",
            HighlightColor2 => "highlight in green",
            HighlightColor3 => "highlight in blue",
            HighlightColor4 => "highlight in pink",
            HighlightColor5 => "highlight in orange",
            Note => "edit the note of the highlight here",
            NoteInEditor => "edit the note in $EDITOR",
            Tags => "edit the tags of the highlight here",
            Link => "link this passage to one in the other pane",
            FollowLink => "jump to the other end of a link",
            Delete => "delete the annotation here",
            Undo => "undo an annotation change",
            Redo => "redo an annotation change",
            NextAnnotation => "next annotation",
            PrevAnnotation => "previous annotation",
            AnnotationList => "list all annotations of the story",
            ExportPrompt => "export annotations (:export FORMAT FILE)",
            CommandLine => "command line (:export md notes.md)",
        }
    }
}

/// Input the runtime feeds in.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Key(Key),
    /// No key for a while: a pending key that is also bound on its own runs now.
    Timeout,
    /// The note editor saved its text.
    NoteSubmit(String),
    /// The note editor was closed; `changed` says whether its text differs from the note.
    NoteCancel {
        changed: bool,
    },
    /// A sidecar was saved; the list is what is now on disk (merged with other writers).
    Saved {
        article: usize,
        items: Vec<Annotation>,
        stamp: Option<crate::annotate::DiskStamp>,
        /// Where the sidecar went when not beside its article (the data folder).
        elsewhere: Option<String>,
    },
    SaveFailed {
        article: usize,
        message: String,
    },
    Message(String),
    Error(String),
    /// Size of the text area of one pane, in cells.
    Resize {
        width: u16,
        height: u16,
    },
    /// Mouse wheel over a pane (positive = down).
    Wheel {
        side: Side,
        lines: i32,
    },
    Click {
        side: Side,
    },
    /// The alignment being built in the background has done `done` of `total` pairs.
    Aligning {
        done: usize,
        total: usize,
    },
    /// The story's alignment is ready.
    Aligned(Aligned),
    /// The alignment could not be built; the reader goes on with text only.
    AlignFailed(String),
    /// A page asked for with `:add` was saved in the story's folder and loaded back.
    Added(Fetched),
    /// A page asked for with `:add` could not be fetched or saved.
    AddFailed(String),
}

/// Work for the runtime; results come back as events or messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Save this article's sidecar (the runtime debounces).
    Save(usize),
    /// Edit a note in $EDITOR; the runtime answers with NoteSubmit or NoteCancel.
    EditInEditor {
        text: String,
    },
    /// Write an export of the story's annotations.
    Export {
        format: String,
        path: String,
    },
    /// Fetch a page and save its article in the folder; the runtime answers with Added or
    /// AddFailed, working in the background so input stays live.
    AddUrl {
        url: String,
        folder: std::path::PathBuf,
    },
    /// Align the story (as it is now) again in the background; progress and the result come
    /// back as Aligning and Aligned.
    AlignStory,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }
    pub fn idx(self) -> usize {
        match self {
            Side::Left => 0,
            Side::Right => 1,
        }
    }
}

/// Where a pane is: the paragraph at the top and how many of its wrapped lines are above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub para: usize,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Coverage {
        selected: usize,
    },
    /// Every counted thing of the story with the value each source gives.
    Figures {
        selected: usize,
    },
    SourcePicker {
        selected: usize,
    },
    /// The note editor (its text widget lives at the edge, in the runtime).
    Note {
        article: usize,
        id: String,
        original: String,
    },
    ConfirmDiscard,
    Tags {
        article: usize,
        id: String,
        input: String,
    },
    Relation {
        from: (usize, Range<usize>),
        to: (usize, Range<usize>),
        selected: usize,
    },
    List {
        filter: String,
        selected: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Search {
    pub query: String,
    /// Matches in the focused pane's article as (paragraph, char range in canonical text).
    pub matches: Vec<(usize, Range<usize>)>,
    pub current: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Visual,
    SearchInput,
    CommandInput,
}

/// Shared phrases of one link: (left para, right para, (left range, right range) pairs).
pub type LinkPhrases = (usize, usize, Vec<(Range<usize>, Range<usize>)>);

pub struct AppState {
    pub story: Arc<Story>,
    /// Empty until the alignment lands (see `aligning`).
    pub alignment: Arc<StoryAlignment>,
    /// Pairs aligned so far and in all while the alignment is being built; None once it is there.
    pub aligning: Option<(usize, usize)>,
    /// Article index shown in each pane.
    pub shown: [usize; 2],
    pub pos: [Pos; 2],
    pub focus: Side,
    pub sync: bool,
    pub mode: Mode,
    pub overlays: Vec<Overlay>,
    pub pending: Vec<Key>,
    pub message: Option<String>,
    pub error: Option<String>,
    pub search: Option<Search>,
    pub keymap: Keymap,
    /// Pane text width and height, set by Resize.
    pub width: u16,
    pub height: u16,
    /// Wrapped line counts per paragraph for each pane at the current width (plus one blank).
    heights: [Vec<usize>; 2],
    pair: PairAlignment,
    /// Shared phrases per link of the current pair: (left para, right para, left, right ranges).
    pub phrases: Vec<LinkPhrases>,
    /// Annotations per article of the story (same order as `story.articles`).
    pub notes: Vec<ArticleNotes>,
    /// Sentence cursor per pane: (paragraph, sentence index).
    pub cursor: [(usize, usize); 2],
    /// Visual selection in the focused pane: char offsets (anchor, head), inclusive of head.
    pub selection: Option<(Side, usize, usize)>,
    pub last_color: u8,
    pub history: History,
    /// First end of a link being made: (side, article, char range).
    pub pending_link: Option<(Side, usize, Range<usize>)>,
    /// Current time (RFC 3339, UTC), set by the runtime; update() reads no clock.
    pub now: String,
    /// Where new annotation ids come from.
    pub ids: IdGen,
    /// The `:` command line being typed.
    pub command: String,
    /// Color group of each linked paragraph of the current pair, shared by both ends of a link.
    link_group: [Vec<Option<usize>>; 2],
    /// Per pane and paragraph: its links (other paragraph, score), whether it is unique to
    /// this side, whether it holds a conflicting figure. Built once per pair, read per frame.
    para_links: [Vec<Vec<(usize, f32)>>; 2],
    para_unique: [Vec<bool>; 2],
    para_conflict: [Vec<bool>; 2],
    pub quit: bool,
}

/// Source of annotation ids: random UUIDs, or a counter for tests and reproducible runs.
#[derive(Debug, Clone, PartialEq)]
pub enum IdGen {
    Random,
    Counter(u64),
}

impl IdGen {
    pub fn next_id(&mut self) -> String {
        match self {
            IdGen::Random => uuid::Uuid::new_v4().to_string(),
            IdGen::Counter(n) => {
                *n += 1;
                format!("00000000-0000-4000-8000-{:012}", n)
            }
        }
    }
}

/// Wrap a paragraph to `width` columns (unicode width aware). Never returns an empty list.
/// Byte ranges of `text` where `query` occurs, ignoring case. Lowercasing can change a
/// character's byte length ("\u{212a}" → "k", "Ⱥ" → "ⱥ"), so matching runs on a lowercased copy
/// and each hit is mapped back to the original; a hit that would start or end inside one original
/// character is dropped. Final sigma is folded so "ΟΔΟΣ" finds "οδος".
pub fn find_ignore_case(text: &str, query: &str) -> Vec<Range<usize>> {
    let fold = |c: char| if c == 'ς' { 'σ' } else { c };
    let query: String = query
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold)
        .collect();
    let mut out = Vec::new();
    if query.is_empty() {
        return out;
    }
    let mut low = String::with_capacity(text.len());
    // back[i]: the byte in `text` where the char written at byte i of `low` came from
    let mut back: Vec<usize> = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let at = low.len();
        low.extend(c.to_lowercase().map(fold));
        back.resize(low.len(), usize::MAX);
        back[at] = i;
    }
    back.push(text.len());
    let mut from = 0;
    while let Some(off) = low[from..].find(&query) {
        let (b, e) = (from + off, from + off + query.len());
        if back[b] != usize::MAX && back[e] != usize::MAX {
            out.push(back[b]..back[e]);
        }
        from = e;
    }
    out
}

/// The lines of `text` wrapped to `width`, each passed to `line` as a slice of the text.
/// Lines break at spaces and are filled greedily, as a terminal pager does: the reader wraps
/// every paragraph before it shows the first screen, and Unicode line-break analysis with
/// optimal fit cost seconds on a 50 MB article. A word wider than the pane (a URL, a run of CJK
/// text) is cut at the pane's width.
fn wrap_each(text: &str, width: usize, mut line: impl FnMut(&str)) {
    let w = width.max(1);
    // text of one-column characters (most news text) is wrapped here, as textwrap would,
    // without its allocations
    if text.chars().all(|c| c == '\n' || one_column(c)) {
        for l in text.split('\n') {
            ascii_wrap_line(l, w, &mut line);
        }
        return;
    }
    textwrap_each(text, w, line);
}

/// `wrap_each` by `textwrap`, for text with characters beyond plain ASCII.
fn textwrap_each(text: &str, w: usize, mut line: impl FnMut(&str)) {
    let opts = textwrap::Options::new(w)
        .break_words(true)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(textwrap::WordSeparator::AsciiSpace);
    for l in textwrap::wrap(text, opts) {
        // textwrap measures some characters differently from the terminal's width table (the
        // one rendering uses): cut a line that is still too wide by that table.
        if unicode_width::UnicodeWidthStr::width(l.as_ref()) <= w {
            line(&l);
            continue;
        }
        let (mut start, mut used) = (0, 0);
        for (at, c) in l.char_indices() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > w && at > start {
                line(&l[start..at]);
                (start, used) = (at, 0);
            }
            used += cw;
        }
        if start < l.len() {
            line(&l[start..]);
        }
    }
}

/// One line of printable ASCII wrapped to `w` columns the way `textwrap` does with first fit,
/// words split at spaces and broken when wider than the line: each word carries the spaces
/// after it, a line ends before the word that would overflow it, and a line's text runs from
/// its first word to the end of its last word (a test holds the two to the same lines).
fn ascii_wrap_line(l: &str, w: usize, line: &mut impl FnMut(&str)) {
    if l.len() < w {
        line(l.trim_end_matches(' '));
        return;
    }
    if l.is_ascii() {
        let b = l.as_bytes();
        first_fit(b.len(), w, |c| b[c] == b' ', |c| c, |r| line(&l[r]));
    } else {
        // one column per character (see `one_column`): positions are characters
        let mut at: Vec<usize> = l.char_indices().map(|(i, _)| i).collect();
        let space: Vec<bool> = l.chars().map(|c| c == ' ').collect();
        at.push(l.len());
        first_fit(space.len(), w, |c| space[c], |c| at[c], |r| line(&l[r]));
    }
}

/// First fit over `n` one-column characters: `space(c)` says whether character `c` is a space,
/// `byte(c)` where it starts (`byte(n)` is the end); each line is passed as a byte range.
fn first_fit(
    n: usize,
    w: usize,
    space: impl Fn(usize) -> bool,
    byte: impl Fn(usize) -> usize,
    mut line: impl FnMut(std::ops::Range<usize>),
) {
    // the line so far: where it starts, where its last word ends, its width with spaces
    let (mut start, mut end, mut used) = (0usize, 0usize, 0usize);
    let mut any = false;
    let mut i = 0;
    while i < n || !any {
        let mut word_end = i;
        while word_end < n && !space(word_end) {
            word_end += 1;
        }
        let mut space_end = word_end;
        while space_end < n && space(space_end) {
            space_end += 1;
        }
        // a word wider than the line is cut into pieces of the line's width
        let mut at = i;
        loop {
            let piece_end = (at + w).min(word_end);
            let spaces = if piece_end == word_end {
                space_end - word_end
            } else {
                0
            };
            if any && used + (piece_end - at) > w {
                line(byte(start)..byte(end));
                (start, used) = (at, 0);
            }
            if !any {
                start = at;
                any = true;
            }
            end = piece_end;
            used += piece_end - at + spaces;
            at = piece_end;
            if at >= word_end {
                break;
            }
        }
        i = space_end;
        if i >= n {
            break;
        }
    }
    line(byte(start)..byte(end));
}

/// Characters one column wide both to textwrap and to the terminal: printable ASCII, Latin
/// letters with accents, the common quotes, dashes and the ellipsis, the euro sign.
fn one_column(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a1}'..='\u{ac}' | '\u{ae}'..='\u{24f}' | '\u{2010}'..='\u{2027}' | '€')
}

/// How many lines `wrap` makes of `text`, without building them.
pub fn wrapped_lines(text: &str, width: usize) -> usize {
    let mut n = 0;
    wrap_each(text, width, |_| n += 1);
    n.max(1)
}

pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    wrap_each(text, width, |l| lines.push(l.to_string()));
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

impl AppState {
    pub fn new(
        story: impl Into<Arc<Story>>,
        alignment: StoryAlignment,
        left: usize,
        right: usize,
    ) -> AppState {
        AppState::sized(story, alignment, left, right, (40, 20))
    }

    /// [`AppState::new`] for panes of `size` text cells (width, height): the text is wrapped
    /// once, to the width it is shown at.
    pub fn sized(
        story: impl Into<Arc<Story>>,
        alignment: StoryAlignment,
        left: usize,
        right: usize,
        (width, height): (u16, u16),
    ) -> AppState {
        let story = story.into();
        let n = story.articles.len();
        let left = left.min(n.saturating_sub(1));
        let right = if n > 1 { right.min(n - 1) } else { left };
        let mut s = AppState {
            story,
            alignment: Arc::new(alignment),
            aligning: None,
            shown: [left, right],
            pos: [Pos::default(); 2],
            focus: Side::Left,
            sync: true,
            mode: Mode::Normal,
            overlays: Vec::new(),
            pending: Vec::new(),
            message: None,
            error: None,
            search: None,
            keymap: Keymap::default(),
            width: width.max(1),
            height: height.max(1),
            heights: [Vec::new(), Vec::new()],
            pair: PairAlignment::default(),
            phrases: Vec::new(),
            link_group: [Vec::new(), Vec::new()],
            para_links: [Vec::new(), Vec::new()],
            para_unique: [Vec::new(), Vec::new()],
            para_conflict: [Vec::new(), Vec::new()],
            notes: vec![ArticleNotes::default(); n],
            cursor: [(0, 0); 2],
            selection: None,
            last_color: 1,
            history: History::default(),
            pending_link: None,
            now: "1970-01-01T00:00:00Z".into(),
            ids: IdGen::Random,
            command: String::new(),
            quit: false,
        };
        s.refresh_pair();
        s.rewrap();
        s
    }

    /// The reader before its alignment is there: the text shows, links and topics come with
    /// an `Aligned` event.
    pub fn unaligned(story: impl Into<Arc<Story>>, left: usize, right: usize) -> AppState {
        AppState::unaligned_sized(story, left, right, (40, 20))
    }

    /// [`AppState::unaligned`] for panes of `size` text cells (see [`AppState::sized`]).
    pub fn unaligned_sized(
        story: impl Into<Arc<Story>>,
        left: usize,
        right: usize,
        size: (u16, u16),
    ) -> AppState {
        let story = story.into();
        let n = story.articles.len();
        let mut s = AppState::sized(story, StoryAlignment::empty(n), left, right, size);
        // 0: not known until the worker's first progress report
        s.aligning = Some((0, crate::align::pairs_known_ahead(n).unwrap_or(0)));
        s
    }

    pub fn article(&self, side: Side) -> &Article {
        &self.story.articles[self.shown[side.idx()]]
    }

    pub fn pair(&self) -> &PairAlignment {
        &self.pair
    }

    pub fn heights(&self, side: Side) -> &[usize] {
        &self.heights[side.idx()]
    }

    fn refresh_pair(&mut self) {
        let (a, b) = (self.shown[0], self.shown[1]);
        self.pair = self.alignment.pair(a, b);
        let (la, rb) = (&self.story.articles[a], &self.story.articles[b]);
        // Linked paragraphs form groups (many-to-many); each group takes the story topic of its
        // first member so both ends of a link share one color.
        let (nl, nr) = (la.paragraphs.len(), rb.paragraphs.len());
        let mut parent: Vec<usize> = (0..nl + nr).collect();
        fn root(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        for l in &self.pair.links {
            let (x, y) = (root(&mut parent, l.left), root(&mut parent, nl + l.right));
            if x != y {
                parent[x.max(y)] = x.min(y);
            }
        }
        let mut group_color: std::collections::HashMap<usize, usize> =
            std::collections::HashMap::new();
        let mut linked_l = vec![false; nl];
        let mut linked_r = vec![false; nr];
        for l in &self.pair.links {
            if let Some(x) = linked_l.get_mut(l.left) {
                *x = true;
            }
            if let Some(x) = linked_r.get_mut(l.right) {
                *x = true;
            }
        }
        for i in 0..nl + nr {
            let linked = if i < nl {
                linked_l[i]
            } else {
                linked_r[i - nl]
            };
            if !linked {
                continue;
            }
            let r = root(&mut parent, i);
            let (art, para) = if r < nl { (a, r) } else { (b, r - nl) };
            let topic = self.alignment.topic_of(art, para).map(|t| t.id);
            group_color.entry(r).or_insert(topic.unwrap_or(r));
        }
        let mut lg = vec![None; nl];
        let mut rg = vec![None; nr];
        for i in 0..nl + nr {
            let linked = if i < nl {
                linked_l[i]
            } else {
                linked_r[i - nl]
            };
            if linked {
                let r = root(&mut parent, i);
                let c = group_color.get(&r).copied();
                if i < nl {
                    lg[i] = c;
                } else {
                    rg[i - nl] = c;
                }
            }
        }
        self.link_group = [lg, rg];
        let mut pl = vec![Vec::new(); nl];
        let mut pr = vec![Vec::new(); nr];
        for l in &self.pair.links {
            pl[l.left].push((l.right, l.score));
            pr[l.right].push((l.left, l.score));
        }
        self.para_links = [pl, pr];
        let mut ul = vec![false; nl];
        let mut ur = vec![false; nr];
        self.pair.unique_left.iter().for_each(|&i| ul[i] = true);
        self.pair.unique_right.iter().for_each(|&j| ur[j] = true);
        self.para_unique = [ul, ur];
        let mut cl = vec![false; nl];
        let mut cr = vec![false; nr];
        for d in &self.pair.discrepancies {
            cl[d.left] = true;
            cr[d.right] = true;
        }
        self.para_conflict = [cl, cr];
        self.phrases = if a == b {
            Vec::new()
        } else {
            self.pair
                .links
                .iter()
                .map(|l| (l.left, l.right, shared_phrases(la, l.left, rb, l.right)))
                .collect()
        };
    }

    fn rewrap(&mut self) {
        for side in [Side::Left, Side::Right] {
            let a = self.article(side);
            let w = self.width as usize;
            // on every core for long articles; the same heights in the same order
            let paras: Vec<usize> = (0..a.paragraphs.len()).collect();
            let h: Vec<usize> =
                crate::align::par::par_map(&paras, |&i| wrapped_lines(a.para_text(i), w) + 1);
            self.heights[side.idx()] = h;
            let p = &mut self.pos[side.idx()];
            let n = self.heights[side.idx()].len();
            if p.para >= n {
                *p = Pos {
                    para: n.saturating_sub(1),
                    line: 0,
                };
            }
            p.line = p.line.min(
                self.heights[side.idx()]
                    .get(p.para)
                    .copied()
                    .unwrap_or(1)
                    .saturating_sub(1),
            );
        }
    }

    /// The paragraph at the top of a pane.
    pub fn top_para(&self, side: Side) -> usize {
        self.pos[side.idx()].para
    }

    /// Links of the current pair from the given side's paragraph: (other para, score).
    pub fn links_from(&self, side: Side, para: usize) -> Vec<(usize, f32)> {
        self.para_links[side.idx()]
            .get(para)
            .cloned()
            .unwrap_or_default()
    }

    /// Color group of a linked paragraph (the same for both ends of a link), None if unlinked.
    pub fn link_color(&self, side: Side, para: usize) -> Option<usize> {
        self.link_group[side.idx()].get(para).copied().flatten()
    }

    pub fn is_unique(&self, side: Side, para: usize) -> bool {
        self.para_unique[side.idx()]
            .get(para)
            .copied()
            .unwrap_or(false)
    }

    pub fn has_discrepancy(&self, side: Side, para: usize) -> bool {
        self.para_conflict[side.idx()]
            .get(para)
            .copied()
            .unwrap_or(false)
    }

    fn total_lines(&self, side: Side) -> usize {
        self.heights[side.idx()].iter().sum()
    }

    fn abs_line(&self, side: Side) -> usize {
        let p = self.pos[side.idx()];
        self.heights[side.idx()][..p.para.min(self.heights[side.idx()].len())]
            .iter()
            .sum::<usize>()
            + p.line
    }

    fn set_abs_line(&mut self, side: Side, line: usize) {
        let hs = &self.heights[side.idx()];
        let max = self.total_lines(side).saturating_sub(1);
        let mut rest = line.min(max);
        let mut para = 0;
        while para < hs.len() && rest >= hs[para] {
            rest -= hs[para];
            para += 1;
        }
        if para >= hs.len() {
            para = hs.len().saturating_sub(1);
            rest = 0;
        }
        self.pos[side.idx()] = Pos { para, line: rest };
    }

    pub(crate) fn scroll(&mut self, side: Side, delta: i64) {
        let cur = self.abs_line(side) as i64;
        self.set_abs_line(side, (cur + delta).max(0) as usize);
        if self.sync {
            self.follow(side);
        }
        self.keep_cursor_in_view(side);
    }

    /// Paragraphs at least partly visible in a pane.
    pub fn visible_paras(&self, side: Side) -> Range<usize> {
        let hs = &self.heights[side.idx()];
        let p = self.pos[side.idx()];
        let mut rows = hs.get(p.para).copied().unwrap_or(0).saturating_sub(p.line);
        let mut end = p.para + 1;
        while end < hs.len() && rows < self.height as usize {
            rows += hs[end];
            end += 1;
        }
        p.para..end.min(hs.len().max(p.para + 1))
    }

    pub(crate) fn goto_para(&mut self, side: Side, para: usize) {
        let n = self.heights[side.idx()].len();
        if n == 0 {
            return;
        }
        self.pos[side.idx()] = Pos {
            para: para.min(n - 1),
            line: 0,
        };
        // a jump takes the cursor along (scrolling only keeps it in view)
        if self.selection.is_none() {
            self.cursor[side.idx()] = (para.min(n - 1), 0);
        }
        if self.sync {
            self.follow(side);
        }
        self.keep_cursor_in_view(side);
    }

    /// Bring the other pane to the paragraph linked to what is at the top of `side` (or the
    /// nearest linked neighbour above, then below), keeping linked paragraphs level.
    pub fn follow(&mut self, side: Side) {
        let other = side.other();
        let p = self.pos[side.idx()];
        let n = self.heights[side.idx()].len();
        let best = |s: &AppState, para: usize| -> Option<usize> {
            let mut ls = s.links_from(side, para);
            // the earliest linked paragraph on the other side, so reordered many-to-many
            // links resolve the same way every time (no back and forth)
            ls.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            ls.first().map(|x| x.0)
        };
        let target = best(self, p.para).map(|q| (q, p.line)).or_else(|| {
            (0..p.para)
                .rev()
                .find_map(|k| best(self, k).map(|q| (q + 1, 0)))
                .or_else(|| {
                    (p.para + 1..n).find_map(|k| best(self, k).map(|q| (q.saturating_sub(1), 0)))
                })
        });
        if let Some((q, line)) = target {
            let hs = &self.heights[other.idx()];
            if hs.is_empty() {
                return;
            }
            let q = q.min(hs.len() - 1);
            let line = line.min(hs[q].saturating_sub(1));
            self.pos[other.idx()] = Pos { para: q, line };
        }
    }

    fn page(&self) -> i64 {
        (self.height as i64 - 1).max(1)
    }

    /// Paragraph indices of the focused side matching a predicate, then the next/previous one
    /// relative to the top paragraph.
    fn jump(&mut self, forward: bool, pred: impl Fn(&AppState, usize) -> bool, what: &str) {
        let side = self.focus;
        let cur = self.top_para(side);
        let n = self.heights[side.idx()].len();
        let found = if forward {
            (cur + 1..n).find(|&p| pred(self, p))
        } else {
            (0..cur).rev().find(|&p| pred(self, p))
        };
        match found {
            Some(p) => {
                self.goto_para(side, p);
                self.message = None;
            }
            None => {
                self.message = Some(format!(
                    "no {} {what}",
                    if forward { "next" } else { "previous" }
                ))
            }
        }
    }

    fn topic_id(&self, side: Side, para: usize) -> Option<usize> {
        self.alignment
            .topic_of(self.shown[side.idx()], para)
            .map(|t| t.id)
    }

    pub fn current_topic_label(&self) -> Option<String> {
        let side = self.focus;
        let para = self.top_para(side);
        self.alignment
            .topic_of(self.shown[side.idx()], para)
            .map(|t| t.label.clone())
    }

    /// Show `article` in `side`. The two panes never show the same article: when the other
    /// pane has it, the two swap.
    pub(crate) fn set_source(&mut self, side: Side, article: usize) {
        let other = side.other().idx();
        let before = self.shown[side.idx()];
        if self.shown[other] == article && before != article {
            self.shown[other] = before;
            self.pos[other] = Pos::default();
            self.cursor[other] = (0, 0);
        }
        self.shown[side.idx()] = article;
        self.pos[side.idx()] = Pos::default();
        self.cursor[side.idx()] = (0, 0);
        if self.selection.is_some_and(|x| x.0 == side) {
            self.selection = None;
            self.mode = Mode::Normal;
        }
        self.search = None;
        self.refresh_pair();
        self.rewrap();
        if self.sync {
            self.follow(side.other());
        }
        let a = self.article(side);
        self.message = Some(format!("{}: {}", a.source, a.title));
        let (l, r) = (self.shown[0], self.shown[1]);
        if self.aligning.is_none() && !self.alignment.is_aligned(l, r) {
            self.message = Some(format!(
                "{} and {} are not aligned: in a story of {} articles each is aligned with its {} closest",
                self.story.articles[l].source,
                self.story.articles[r].source,
                self.story.articles.len(),
                crate::align::NEIGHBOURS
            ));
        }
    }

    fn run_search(&mut self) {
        let Some(search) = &self.search else { return };
        let q = search.query.to_lowercase();
        let a = self.article(self.focus);
        let mut matches = Vec::new();
        if !q.is_empty() {
            for p in &a.paragraphs {
                let text = a.para_text(p.index);
                for r in find_ignore_case(text, &q) {
                    let cs = p.chars.start + text[..r.start].chars().count();
                    matches.push((p.index, cs..cs + text[r].chars().count()));
                }
            }
        }
        let cur = self.top_para(self.focus);
        let current = matches
            .iter()
            .position(|m| m.0 >= cur)
            .or(if matches.is_empty() { None } else { Some(0) });
        let n = matches.len();
        let target = current.map(|i| matches[i].0);
        if let Some(s) = self.search.as_mut() {
            s.matches = matches;
            s.current = current;
        }
        match target {
            Some(p) => {
                self.goto_para(self.focus, p);
                self.message = Some(format!(
                    "/{}: {} {}",
                    q,
                    n,
                    if n == 1 { "match" } else { "matches" }
                ));
            }
            None => self.error = Some(format!("pattern not found: {q}")),
        }
    }

    fn search_step(&mut self, forward: bool) {
        let Some(s) = self.search.as_mut() else {
            self.message = Some("no search yet: press / to search".into());
            return;
        };
        if s.matches.is_empty() {
            return;
        }
        let n = s.matches.len();
        let i = match s.current {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None => 0,
        };
        s.current = Some(i);
        let p = s.matches[i].0;
        let msg = format!("match {}/{}", i + 1, n);
        self.goto_para(self.focus, p);
        self.message = Some(msg);
    }

    /// Show where row `i` of the story's figures is reported: in the focused pane when its
    /// article gives the figure, else in the other pane; otherwise say who reports it.
    fn goto_figure(&mut self, i: usize) {
        let Some(row) = self.alignment.figures().get(i).cloned() else {
            return;
        };
        let value = |a: usize| row.cell(a);
        let side = self.focus;
        let (here, there) = (self.shown[side.idx()], self.shown[side.other().idx()]);
        let conflict = if row.conflict {
            " (sources disagree)"
        } else {
            ""
        };
        if let Some(v) = value(here) {
            self.goto_para(side, v.para);
            self.message = Some(format!("{}: {}{conflict}", row.label, v.value_text));
        } else if let Some(v) = value(there) {
            self.goto_para(side.other(), v.para);
            self.message = Some(format!(
                "{}: {}{conflict} (not reported by {})",
                row.label,
                v.value_text,
                self.article(side).source
            ));
        } else {
            let who: Vec<String> = (0..self.story.articles.len())
                .filter_map(|a| {
                    value(a).map(|v| format!("{} {}", self.story.articles[a].source, v.value_text))
                })
                .collect();
            self.message = Some(format!(
                "{}: {}; press s to switch source",
                row.label,
                who.join(" · ")
            ));
        }
    }

    fn overlay_len(&self, o: &Overlay) -> usize {
        match o {
            Overlay::Help { .. } => self.keymap.help_rows().len(),
            Overlay::Coverage { .. } => self.alignment.topics.len(),
            Overlay::Figures { .. } => self.alignment.figures().len(),
            Overlay::SourcePicker { .. } => self.story.articles.len(),
            _ => 0,
        }
    }
}

/// Apply one input event. The only place state changes.
pub fn update(s: &mut AppState, ev: Event) -> Vec<Effect> {
    match ev {
        Event::Resize { width, height } => {
            // keep the place: positions are in paragraphs, lines are clamped after rewrapping
            // the text wraps to the width only: a change of height keeps the wrapped lines
            let rewrap = s.width != width.max(1) || s.heights.iter().all(Vec::is_empty);
            s.width = width.max(1);
            s.height = height.max(1);
            if rewrap {
                s.rewrap();
            }
            Vec::new()
        }
        Event::Wheel { side, lines } => {
            s.focus = side;
            s.scroll(side, lines as i64);
            Vec::new()
        }
        Event::Click { side } => {
            s.focus = side;
            Vec::new()
        }
        // a typed or pasted control character, escape or bidi override enters no text
        Event::Key(Key {
            code: Code::Char(c),
            ..
        }) if canon::is_unsafe(c) => Vec::new(),
        Event::Key(k) => key(s, k),
        Event::Timeout => {
            let mode = if s.mode == Mode::Visual {
                Mode::Visual
            } else {
                Mode::Normal
            };
            if let Lookup::Pending(Some(a)) = s.keymap.lookup(mode, &s.pending) {
                s.pending.clear();
                return apply(s, a);
            }
            Vec::new()
        }
        Event::NoteSubmit(text) => {
            let text = match canon::display(&text) {
                std::borrow::Cow::Borrowed(_) => text,
                std::borrow::Cow::Owned(clean) => clean,
            };
            notes::note_submitted(s, text)
        }
        Event::NoteCancel { changed } => {
            if matches!(s.overlays.last(), Some(Overlay::Note { .. })) {
                if changed {
                    s.overlays.push(Overlay::ConfirmDiscard);
                } else {
                    s.overlays.pop();
                }
            }
            Vec::new()
        }
        Event::Saved {
            article,
            items,
            stamp,
            elsewhere,
        } => {
            if let Some(n) = s.notes.get_mut(article) {
                n.disk_stamp = stamp;
            }
            notes::saved(s, article, items, elsewhere.as_deref());
            Vec::new()
        }
        Event::SaveFailed { article, message } => {
            let name = s
                .story
                .articles
                .get(article)
                .map(|a| a.source.clone())
                .unwrap_or_default();
            s.error = Some(format!("not saved ({name}): {message}"));
            Vec::new()
        }
        Event::Message(m) => {
            s.message = Some(crate::store::one_line(m));
            Vec::new()
        }
        Event::Error(e) => {
            s.error = Some(crate::store::one_line(e));
            Vec::new()
        }
        Event::Aligning { done, total } => {
            aligning::progressed(s, done, total);
            Vec::new()
        }
        Event::Aligned(al) => {
            aligning::landed(s, al);
            Vec::new()
        }
        Event::AlignFailed(why) => {
            aligning::failed(s, crate::store::one_line(why));
            Vec::new()
        }
        Event::Added(f) => adding::landed(s, f),
        Event::AddFailed(why) => {
            adding::failed(s, why);
            Vec::new()
        }
    }
}

fn key(s: &mut AppState, k: Key) -> Vec<Effect> {
    if k == Key::ctrl('c') {
        s.quit = true;
        return vec![Effect::Quit];
    }
    if s.mode == Mode::SearchInput {
        let search = s.search.get_or_insert_with(Search::default);
        match k.code {
            Code::Enter => {
                s.mode = Mode::Normal;
                s.run_search();
            }
            Code::Esc => {
                s.mode = Mode::Normal;
                s.search = None;
            }
            Code::Backspace => {
                search.query.pop();
            }
            Code::Char(c) if !k.ctrl => search.query.push(c),
            _ => {}
        }
        return Vec::new();
    }
    if s.mode == Mode::CommandInput {
        match k.code {
            Code::Enter => {
                s.mode = Mode::Normal;
                let line = std::mem::take(&mut s.command);
                return notes::run_command(s, &line);
            }
            Code::Esc => {
                s.mode = Mode::Normal;
                s.command.clear();
            }
            Code::Backspace if s.command.pop().is_none() => s.mode = Mode::Normal,
            Code::Char(c) if !k.ctrl => s.command.push(c),
            _ => {}
        }
        return Vec::new();
    }
    if let Some(top) = s.overlays.last().cloned() {
        return overlay_key(s, top, k);
    }
    s.pending.push(k);
    let mode = if s.mode == Mode::Visual {
        Mode::Visual
    } else {
        Mode::Normal
    };
    match s.keymap.lookup(mode, &s.pending) {
        Lookup::Pending(_) => Vec::new(),
        Lookup::None => {
            // A bound prefix followed by a key that does not continue it: run the prefix,
            // then treat the new key on its own.
            let keys = std::mem::take(&mut s.pending);
            if keys.len() > 1 {
                if let Lookup::Pending(Some(a)) = s.keymap.lookup(mode, &keys[..keys.len() - 1]) {
                    let mut fx = apply(s, a);
                    fx.extend(key(s, keys[keys.len() - 1]));
                    return fx;
                }
            }
            Vec::new()
        }
        Lookup::Found(a) => {
            s.pending.clear();
            s.error = None;
            apply(s, a)
        }
    }
}

fn overlay_key(s: &mut AppState, top: Overlay, k: Key) -> Vec<Effect> {
    if matches!(
        top,
        Overlay::Note { .. }
            | Overlay::ConfirmDiscard
            | Overlay::Tags { .. }
            | Overlay::Relation { .. }
            | Overlay::List { .. }
    ) {
        return notes::overlay_key(s, top, k);
    }
    let len = s.overlay_len(&top);
    let step = |sel: usize, down: bool| {
        if down {
            (sel + 1).min(len.saturating_sub(1))
        } else {
            sel.saturating_sub(1)
        }
    };
    let down = matches!(k.code, Code::Char('j') | Code::Down);
    let up = matches!(k.code, Code::Char('k') | Code::Up);
    match (top, k.code) {
        (_, Code::Char('q')) | (_, Code::Esc) => {
            s.overlays.pop();
        }
        (Overlay::Help { .. }, Code::Char('?')) => {
            s.overlays.pop();
        }
        (Overlay::Help { scroll }, _) if down || up => {
            let last = s.overlays.len() - 1;
            s.overlays[last] = Overlay::Help {
                scroll: step(scroll, down),
            };
        }
        (Overlay::Coverage { selected }, _) if down || up => {
            let last = s.overlays.len() - 1;
            s.overlays[last] = Overlay::Coverage {
                selected: step(selected, down),
            };
        }
        (Overlay::Figures { selected }, _) if down || up => {
            let last = s.overlays.len() - 1;
            s.overlays[last] = Overlay::Figures {
                selected: step(selected, down),
            };
        }
        (Overlay::Coverage { .. }, Code::Char('f')) => {
            let last = s.overlays.len() - 1;
            s.overlays[last] = Overlay::Figures { selected: 0 };
        }
        (Overlay::Figures { selected }, Code::Enter) => {
            s.overlays.pop();
            s.goto_figure(selected);
        }
        (Overlay::SourcePicker { selected }, _) if down || up => {
            let last = s.overlays.len() - 1;
            s.overlays[last] = Overlay::SourcePicker {
                selected: step(selected, down),
            };
        }
        (Overlay::Coverage { selected }, Code::Enter) => {
            s.overlays.pop();
            if let Some(t) = s.alignment.topics.get(selected).cloned() {
                let side = s.focus;
                let here = t.in_article(s.shown[side.idx()]);
                let there = t.in_article(s.shown[side.other().idx()]);
                if let Some(p) = here.first() {
                    s.goto_para(side, *p);
                    s.message = Some(format!("topic: {}", t.label));
                } else if let Some(p) = there.first() {
                    s.goto_para(side.other(), *p);
                    s.message = Some(format!(
                        "topic: {} (not covered by {})",
                        t.label,
                        s.article(side).source
                    ));
                } else {
                    let who: Vec<String> = t
                        .members
                        .iter()
                        .map(|m| s.story.articles[m.0].source.clone())
                        .collect();
                    s.message = Some(format!(
                        "topic \"{}\" is covered by {}; press s to switch source",
                        t.label,
                        who.join(", ")
                    ));
                }
            }
        }
        (Overlay::SourcePicker { selected }, Code::Enter) => {
            s.overlays.pop();
            let side = s.focus;
            s.set_source(side, selected);
        }
        _ => {}
    }
    Vec::new()
}

fn apply(s: &mut AppState, a: Action) -> Vec<Effect> {
    use Action::*;
    let side = s.focus;
    if s.aligning.is_some() && aligning::needs_alignment(a) {
        aligning::say_still_aligning(s);
        return Vec::new();
    }
    match a {
        ScrollDown => s.scroll(side, 1),
        ScrollUp => s.scroll(side, -1),
        HalfPageDown => s.scroll(side, s.page() / 2),
        HalfPageUp => s.scroll(side, -s.page() / 2),
        PageDown => s.scroll(side, s.page()),
        PageUp => s.scroll(side, -s.page()),
        Top => s.goto_para(side, 0),
        Bottom => {
            let n = s.heights[side.idx()].len();
            s.goto_para(side, n.saturating_sub(1));
        }
        NextParagraph => {
            let p = s.top_para(side);
            s.goto_para(side, p + 1);
        }
        PrevParagraph => {
            let p = s.pos[side.idx()];
            s.goto_para(
                side,
                if p.line > 0 {
                    p.para
                } else {
                    p.para.saturating_sub(1)
                },
            );
        }
        FocusOther => {
            s.focus = side.other();
            s.search = None;
            s.selection = None;
            s.mode = Mode::Normal;
        }
        SwapSides => {
            s.shown.swap(0, 1);
            s.pos.swap(0, 1);
            s.cursor.swap(0, 1);
            s.selection = None;
            s.mode = Mode::Normal;
            s.refresh_pair();
            s.rewrap();
        }
        PrevSource | NextSource => {
            let n = s.story.articles.len();
            let cur = s.shown[side.idx()];
            let other = s.shown[side.other().idx()];
            let mut next = cur;
            for _ in 0..n {
                next = if a == NextSource {
                    (next + 1) % n
                } else {
                    (next + n - 1) % n
                };
                if next != other || n <= 2 {
                    break;
                }
            }
            if next == cur {
                s.message = Some("no other source in this story".into());
            } else {
                s.set_source(side, next);
            }
        }
        SourcePicker => s.overlays.push(Overlay::SourcePicker {
            selected: s.shown[side.idx()],
        }),
        NextTopic | PrevTopic => {
            let cur = s.topic_id(side, s.top_para(side));
            s.jump(
                a == NextTopic,
                move |st, p| st.topic_id(side, p).is_some() && st.topic_id(side, p) != cur,
                "topic",
            );
        }
        NextUnique | PrevUnique => s.jump(
            a == NextUnique,
            move |st, p| st.is_unique(side, p),
            "unique passage",
        ),
        NextDiscrepancy | PrevDiscrepancy => s.jump(
            a == NextDiscrepancy,
            move |st, p| st.has_discrepancy(side, p),
            "discrepancy",
        ),
        SearchStart => {
            s.mode = Mode::SearchInput;
            s.search = Some(Search::default());
        }
        SearchNext => s.search_step(true),
        SearchPrev => s.search_step(false),
        Coverage => s.overlays.push(Overlay::Coverage { selected: 0 }),
        ToggleSync => {
            s.sync = !s.sync;
            let when = if s.sync && s.aligning.is_some() {
                " (panes follow once aligned)"
            } else {
                ""
            };
            s.message = Some(format!("sync {}{when}", if s.sync { "on" } else { "off" }));
        }
        Realign => s.follow(side),
        Help => s.overlays.push(Overlay::Help { scroll: 0 }),
        Close => {
            if s.overlays.pop().is_none() {
                s.quit = true;
                return vec![Effect::Quit];
            }
        }
        Quit => {
            s.quit = true;
            return vec![Effect::Quit];
        }
        _ => return notes::apply(s, a),
    }
    Vec::new()
}

/// Feed a key string ("jj<Tab>]t") through the keymap: for tests and scripted use.
pub fn press(s: &mut AppState, keys: &str) -> Vec<Effect> {
    let mut out = Vec::new();
    match keymap::parse_keys(keys) {
        Ok(ks) => {
            for k in ks {
                out.extend(update(s, Event::Key(k)));
            }
        }
        Err(e) => s.error = Some(e),
    }
    out
}

/// The pair of articles that overlap most: what a story opens on.
pub fn best_pair(al: &StoryAlignment, n: usize) -> (usize, usize) {
    let mut best = (0, if n > 1 { 1 } else { 0 }, 0);
    for a in 0..n {
        for b in a + 1..n {
            let o = al.overlap(a, b);
            if o > best.2 {
                best = (a, b, o);
            }
        }
    }
    (best.0, best.1)
}

#[cfg(test)]
mod tests {
    use super::find_ignore_case;
    use super::{textwrap_each, wrap_each};
    use proptest::prelude::*;

    #[test]
    fn one_column_characters_are_one_column_to_textwrap_and_the_terminal() {
        let all = (0..0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| super::one_column(*c));
        let mut n = 0;
        for c in all {
            let s = c.to_string();
            assert_eq!(textwrap::core::display_width(&s), 1, "{c:?}");
            assert_eq!(unicode_width::UnicodeWidthChar::width(c), Some(1), "{c:?}");
            n += 1;
        }
        assert!(n > 500, "{n}");
    }

    fn lines(f: impl Fn(&mut dyn FnMut(&str))) -> Vec<String> {
        let mut out = Vec::new();
        f(&mut |l: &str| out.push(l.to_string()));
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn plain_text_wraps_as_textwrap_does(text in "[ab. é’—ñßŁ]{0,40}(\n[abc “”…€‘•¡«°]{0,30}){0,2}", w in 1usize..14) {
            let ours = lines(|f| wrap_each(&text, w, f));
            let theirs = lines(|f| textwrap_each(&text, w, f));
            prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn case_insensitive_find_maps_back_to_char_boundaries() {
        // Kelvin sign shrinks (3 → 1 byte) and Ⱥ grows (2 → 3 bytes) when lowercased: the
        // lowercased copy has the same length but different offsets.
        let text = "\u{212a}ȺȺ flood Flood";
        let hits: Vec<&str> = find_ignore_case(text, "flood")
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(hits, ["flood", "Flood"]);
        let text = "İstanbul and ISTANBUL";
        let hits: Vec<&str> = find_ignore_case(text, "istanbul")
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(hits, ["ISTANBUL"]);
        // same total length, but the hit sits inside "é" in the original's offsets
        assert_eq!(find_ignore_case("Ⱥé\u{212a}Ⱥ", "é"), vec![2..4]);
        assert_eq!(find_ignore_case("ΟΔΟΣ", "οδος"), vec![0..8]);
        assert_eq!(find_ignore_case("\u{212a}", "k"), vec![0..3]);
        assert!(find_ignore_case("abc", "").is_empty());
    }
}
