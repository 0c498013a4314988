//! Key sequences through the real keymap into update(): the reader's behaviour without a terminal.

use diptych::align::StoryAlignment;
use diptych::app::{
    best_pair, press, update, Aligned, AppState, Effect, Event, Fetched, Mode, Overlay, Side,
};
use diptych::store::Story;

fn app() -> AppState {
    let story = Story::builtin_demo();
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let (l, r) = best_pair(&al, story.articles.len());
    let mut s = AppState::new(story, al, l, r);
    update(
        &mut s,
        Event::Resize {
            width: 50,
            height: 30,
        },
    );
    s
}

#[test]
fn scrolling_moves_by_lines_and_paragraphs() {
    let mut s = app();
    assert_eq!(s.pos[0].para, 0);
    press(&mut s, "}");
    assert_eq!((s.pos[0].para, s.pos[0].line), (1, 0));
    press(&mut s, "j");
    assert_eq!((s.pos[0].para, s.pos[0].line), (1, 1));
    press(&mut s, "{");
    assert_eq!((s.pos[0].para, s.pos[0].line), (1, 0));
    press(&mut s, "G");
    assert_eq!(s.pos[0].para, s.article(Side::Left).paragraphs.len() - 1);
    press(&mut s, "gg");
    assert_eq!(s.pos[0].para, 0);
    press(&mut s, "<C-d>");
    let after_half = s.pos[0];
    assert!(after_half.para > 0 || after_half.line > 0);
    press(&mut s, "<C-u>");
    assert_eq!((s.pos[0].para, s.pos[0].line), (0, 0));
}

#[test]
fn pending_sequences_show_and_resolve() {
    let mut s = app();
    press(&mut s, "g");
    assert_eq!(s.pending.len(), 1);
    press(&mut s, "g");
    assert!(s.pending.is_empty());
    press(&mut s, "]");
    assert_eq!(s.pending.len(), 1);
    press(&mut s, "z");
    assert!(s.pending.is_empty(), "an unbound sequence is dropped");
}

#[test]
fn sync_brings_the_other_pane_to_the_linked_paragraph() {
    let mut s = app();
    for _ in 0..12 {
        press(&mut s, "}");
        let lp = s.pos[0].para;
        let links = s.links_from(Side::Left, lp);
        if let Some(best) = links
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        {
            assert_eq!(
                s.pos[1].para, best.0,
                "left ¶{lp} → right should show its link"
            );
        }
    }
    // steady scrolling never moves the other pane backwards across paragraphs it passed
    // because of a unique paragraph: toggling sync off keeps it still
    press(&mut s, "S");
    assert!(!s.sync);
    let before = s.pos[1];
    press(&mut s, "jjj");
    assert_eq!(s.pos[1], before);
    press(&mut s, "=");
}

#[test]
fn jumps_to_unique_topics_and_discrepancies() {
    let mut s = app();
    press(&mut s, "]u");
    let p = s.pos[0].para;
    assert!(
        s.is_unique(Side::Left, p),
        "]u lands on a unique passage (¶{p})"
    );
    press(&mut s, "gg]d");
    if s.pair().discrepancies.iter().any(|d| d.left > 0) {
        assert!(s.has_discrepancy(Side::Left, s.pos[0].para));
    }
    press(&mut s, "gg]t");
    let first_topic = s.pos[0].para;
    assert!(s.alignment.topic_of(s.shown[0], first_topic).is_some());
    press(&mut s, "]t");
    assert!(s.pos[0].para > first_topic || s.message.is_some());
    press(&mut s, "[t");
}

#[test]
fn focus_swap_and_switch_sources() {
    let mut s = app();
    let (l, r) = (s.shown[0], s.shown[1]);
    press(&mut s, "<Tab>");
    assert_eq!(s.focus, Side::Right);
    press(&mut s, "x");
    assert_eq!((s.shown[0], s.shown[1]), (r, l));
    press(&mut s, ">");
    assert_ne!(s.shown[1], l, "next source in the focused (right) pane");
    assert_ne!(s.shown[1], s.shown[0]);
    press(&mut s, "<lt>");
    press(&mut s, "s");
    assert!(matches!(
        s.overlays.last(),
        Some(Overlay::SourcePicker { .. })
    ));
    press(&mut s, "gg");
    press(&mut s, "j<Enter>");
    assert!(s.overlays.is_empty());
}

#[test]
fn overlays_stack_and_q_closes_then_quits() {
    let mut s = app();
    press(&mut s, "?");
    assert!(matches!(s.overlays.last(), Some(Overlay::Help { .. })));
    let fx = press(&mut s, "q");
    assert!(fx.is_empty() && s.overlays.is_empty() && !s.quit);
    press(&mut s, "c");
    assert!(matches!(s.overlays.last(), Some(Overlay::Coverage { .. })));
    press(&mut s, "j<Enter>");
    assert!(s.overlays.is_empty());
    let fx = press(&mut s, "q");
    assert_eq!(fx, vec![Effect::Quit]);
    assert!(s.quit);
    let mut s = app();
    assert_eq!(press(&mut s, "<C-c>"), vec![Effect::Quit]);
}

#[test]
fn search_finds_and_cycles_matches() {
    let mut s = app();
    press(&mut s, "/");
    assert_eq!(s.mode, Mode::SearchInput);
    press(&mut s, "Mellby<Enter>");
    assert_eq!(s.mode, Mode::Normal);
    let search = s.search.clone().expect("search");
    assert!(search.matches.len() >= 2);
    let first = search.current.expect("current");
    press(&mut s, "n");
    assert_eq!(
        s.search.as_ref().and_then(|x| x.current),
        Some((first + 1) % search.matches.len())
    );
    press(&mut s, "N");
    assert_eq!(s.search.as_ref().and_then(|x| x.current), Some(first));
    press(&mut s, "/zzzqqq<Enter>");
    assert!(s.error.as_deref().unwrap_or("").contains("not found"));
}

#[test]
fn resize_keeps_the_place_and_mouse_focuses() {
    let mut s = app();
    press(&mut s, "}}}j");
    let para = s.pos[0].para;
    update(
        &mut s,
        Event::Resize {
            width: 20,
            height: 10,
        },
    );
    assert_eq!(s.pos[0].para, para);
    update(
        &mut s,
        Event::Resize {
            width: 1,
            height: 1,
        },
    );
    assert_eq!(s.pos[0].para, para);
    update(
        &mut s,
        Event::Wheel {
            side: Side::Right,
            lines: 3,
        },
    );
    assert_eq!(s.focus, Side::Right);
    update(&mut s, Event::Click { side: Side::Left });
    assert_eq!(s.focus, Side::Left);
}

#[test]
fn help_lists_every_action_from_the_keymap() {
    let s = app();
    let rows = s.keymap.help_rows();
    for a in ["gg", "]t", "]u", "]d", "?", "<C-c>"] {
        let keys = diptych::app::keymap::parse_keys(a).expect("keys");
        let shown = diptych::app::keymap::keys_to_string(&keys);
        assert!(
            rows.iter().any(|(k, _)| k.split(" / ").any(|x| x == shown)),
            "{a} missing from help"
        );
    }
}

#[test]
fn steady_scrolling_never_jumps_back_and_forth() {
    let mut s = app();
    // scroll the left pane line by line through the whole article: while the left pane stays
    // within one paragraph, the right pane stays on one paragraph too (no flicker between
    // candidates of a many-to-many link)
    let mut last_left = s.pos[0].para;
    let mut right_for_left: Option<usize> = Some(s.pos[1].para);
    let total: usize = s.heights(Side::Left).iter().sum();
    for _ in 0..total {
        press(&mut s, "j");
        let (lp, rp) = (s.pos[0].para, s.pos[1].para);
        if lp == last_left {
            if let Some(r) = right_for_left {
                assert_eq!(
                    rp, r,
                    "right pane moved to another paragraph while left stayed in ¶{lp}"
                );
            }
        } else {
            last_left = lp;
        }
        right_for_left = Some(rp);
    }
}

/// A story of the given texts, in the reader at 50×30.
fn app_of(texts: &[&str]) -> AppState {
    use diptych::store::{Article, Format, Meta};
    let articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let meta = Meta {
                source: Some(format!("Outlet {i}")),
                ..Meta::default()
            };
            Article::build(t.to_string(), meta, None, format!("a{i}.txt"), Format::Text)
        })
        .collect();
    let story = Story {
        name: "s".into(),
        root: None,
        articles,
        skipped: Vec::new(),
        builtin: false,
    };
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let mut s = AppState::new(story, al, 0, 1);
    update(
        &mut s,
        Event::Resize {
            width: 50,
            height: 30,
        },
    );
    s
}

#[test]
fn search_finds_words_where_lowercasing_changes_byte_lengths() {
    // 'İ' lowercases to two chars, 'K' (Kelvin) to one shorter one: the match must still be
    // found and cover the right characters.
    let text = "Talks in İstanbul went on. The KELVIN scale and Istanbul again.";
    let mut s = app_of(&[text, "Another article about something else entirely."]);
    press(&mut s, "/istanbul<Enter>");
    let search = s.search.clone().expect("search");
    let chars: Vec<char> = text.chars().collect();
    let found: Vec<String> = search
        .matches
        .iter()
        .map(|(_, r)| chars[r.clone()].iter().collect())
        .collect();
    assert_eq!(
        found,
        ["Istanbul"],
        "İstanbul lowercases to i̇stanbul, which is not istanbul"
    );
    press(&mut s, "/i̇stanbul<Enter>");
    let m = s.search.clone().expect("search").matches;
    assert_eq!(m.len(), 1);
    assert_eq!(chars[m[0].1.clone()].iter().collect::<String>(), "İstanbul");
    press(&mut s, "/kelvin<Enter>");
    let m = s.search.clone().expect("search").matches;
    assert_eq!(chars[m[0].1.clone()].iter().collect::<String>(), "KELVIN");
    assert_eq!(s.message.as_deref(), Some("/kelvin: 1 match"));
}

#[test]
fn the_two_panes_never_show_the_same_article() {
    let mut s = app_of(&[
        "First article, its only paragraph.",
        "Second article, its only paragraph.",
        "Third article, its only paragraph.",
    ]);
    // highlight in the left article, focus the right pane, pick the note from the list
    press(&mut s, "H");
    press(&mut s, "<Tab>");
    assert_eq!(s.focus, Side::Right);
    let left = s.shown[0];
    press(&mut s, "<Space>a");
    assert!(matches!(s.overlays.last(), Some(Overlay::List { .. })));
    press(&mut s, "<Enter>");
    assert_ne!(s.shown[0], s.shown[1]);
    assert_eq!(
        s.shown[0], left,
        "the pane already showing the article is used"
    );
    assert_eq!(s.focus, Side::Left);
}

/// The demo before its alignment lands, on the pair it will be aligned best on.
fn unaligned() -> (AppState, StoryAlignment) {
    let story = Story::builtin_demo();
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let (l, r) = best_pair(&al, story.articles.len());
    let mut s = AppState::unaligned(story, l, r);
    update(
        &mut s,
        Event::Resize {
            width: 50,
            height: 30,
        },
    );
    (s, al)
}

#[test]
fn before_the_alignment_lands_text_scrolls_and_jumps_say_still_aligning() {
    let (mut s, _) = unaligned();
    assert_eq!(s.aligning, Some((0, 10)), "5 articles: 10 pairs to align");
    press(&mut s, "jj}");
    assert_eq!((s.pos[0].para, s.pos[0].line), (1, 0));
    press(&mut s, "G");
    assert_eq!(s.pos[0].para, s.article(Side::Left).paragraphs.len() - 1);
    press(&mut s, "gg");
    update(&mut s, Event::Aligning { done: 3, total: 10 });
    for keys in ["]t", "[t", "]u", "[u", "]d", "[d", "=", "c"] {
        s.message = None;
        let before = s.pos;
        let fx = press(&mut s, keys);
        assert!(fx.is_empty(), "{keys}");
        assert_eq!(s.pos, before, "{keys} does not move");
        assert!(s.overlays.is_empty(), "{keys} opens nothing");
        assert_eq!(
            s.message.as_deref(),
            Some("still aligning… 3/10 pairs"),
            "{keys}"
        );
    }
    // progress keeps the message current
    update(&mut s, Event::Aligning { done: 7, total: 10 });
    assert_eq!(s.message.as_deref(), Some("still aligning… 7/10 pairs"));
    press(&mut s, "S");
    assert_eq!(s.message.as_deref(), Some("sync off"));
    press(&mut s, "S");
    assert_eq!(
        s.message.as_deref(),
        Some("sync on (panes follow once aligned)")
    );
    // exports that carry topics wait; the others do not need the alignment
    press(&mut s, ":export md notes.md<Enter>");
    assert_eq!(s.message.as_deref(), Some("still aligning… 7/10 pairs"));
    let fx = press(&mut s, ":export csv notes.csv<Enter>");
    assert!(matches!(fx.as_slice(), [Effect::Export { .. }]), "{fx:?}");
    assert_eq!(press(&mut s, "q"), vec![Effect::Quit], "q quits at once");
}

#[test]
fn the_alignment_landing_fills_in_links_and_topics_where_the_reader_is() {
    let (mut s, al) = unaligned();
    press(&mut s, "}}j");
    let (shown, pos) = (s.shown, s.pos);
    assert!(s.pair().links.is_empty());
    assert!(s.current_topic_label().is_none());
    let n_topics = al.topics.len();
    update(&mut s, Event::Aligned(diptych::app::Aligned::new(al)));
    assert_eq!(s.aligning, None);
    assert_eq!((s.shown, s.pos), (shown, pos), "the panes stay put");
    assert!(!s.pair().links.is_empty(), "the gutter has links");
    assert_eq!(s.alignment.topics.len(), n_topics);
    assert_eq!(s.message, Some(format!("aligned: {n_topics} topics")));
    let linked = (0..s.article(Side::Left).paragraphs.len())
        .filter(|&p| s.link_color(Side::Left, p).is_some())
        .count();
    assert!(linked > 0, "linked paragraphs have their colors");
    // progress that comes late changes nothing
    update(&mut s, Event::Aligning { done: 9, total: 10 });
    assert_eq!(s.aligning, None);
    // and what needed the alignment works now
    press(&mut s, "gg]t");
    assert!(s.current_topic_label().is_some(), "{:?}", s.message);
    press(&mut s, "c");
    assert!(matches!(s.overlays.last(), Some(Overlay::Coverage { .. })));
}

#[test]
fn a_failed_alignment_leaves_the_text() {
    let (mut s, _) = unaligned();
    update(&mut s, Event::AlignFailed("the worker stopped".into()));
    assert_eq!(s.aligning, None);
    assert!(s
        .error
        .as_deref()
        .unwrap_or("")
        .contains("alignment failed"));
    press(&mut s, "]t");
    assert_eq!(s.message.as_deref(), Some("no next topic"));
}

/// The demo story as if opened from a folder (`:add` saves into a story's folder).
fn app_in_folder(dir: &std::path::Path) -> AppState {
    let mut story = Story::builtin_demo();
    story.builtin = false;
    story.root = Some(dir.to_path_buf());
    for (i, a) in story.articles.iter_mut().enumerate() {
        a.path = Some(dir.join(format!("{i}.md")));
    }
    let al = StoryAlignment::build(&story.articles, |_, _| {});
    let mut s = AppState::new(story, al, 0, 1);
    update(
        &mut s,
        Event::Resize {
            width: 50,
            height: 30,
        },
    );
    s
}

/// An article as the runtime would load it back from the file `add` saved.
fn fetched(s: &AppState, path: std::path::PathBuf, existed: bool) -> Fetched {
    let mut a = s.story.articles[0].clone();
    a.title = "A page from the web".into();
    a.source = "example.org".into();
    a.path = Some(path.clone());
    Fetched {
        article: Box::new(a),
        path,
        existed,
        warning: None,
    }
}

#[test]
fn add_asks_the_runtime_to_fetch_into_the_story_folder() {
    let dir = std::path::PathBuf::from("/stories/flood");
    let mut s = app_in_folder(&dir);
    let n = s.story.articles.len();
    let fx = press(&mut s, ":add https://example.org/x<Enter>");
    assert_eq!(
        fx,
        vec![Effect::AddUrl {
            url: "https://example.org/x".into(),
            folder: dir,
        }]
    );
    assert_eq!(
        s.message.as_deref(),
        Some("fetching https://example.org/x…")
    );
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(
        s.story.articles.len(),
        n,
        "nothing joins before the page is there"
    );

    press(&mut s, ":add<Enter>");
    assert_eq!(s.error.as_deref(), Some("usage: :add URL"));
}

#[test]
fn add_needs_a_story_folder() {
    let mut s = app();
    let fx = press(&mut s, ":add https://example.org/x<Enter>");
    assert!(fx.is_empty(), "{fx:?}");
    assert!(
        s.error.as_deref().unwrap_or("").contains("no folder"),
        "{:?}",
        s.error
    );
}

#[test]
fn an_added_article_joins_the_story_and_shows_in_the_focused_pane() {
    let dir = std::path::PathBuf::from("/stories/flood");
    let mut s = app_in_folder(&dir);
    let n = s.story.articles.len();
    press(&mut s, "<Tab>");
    assert_eq!(s.focus, Side::Right);
    let f = fetched(&s, dir.join("2030-06-04-example-org-a-page.md"), false);
    let fx = update(&mut s, Event::Added(f));
    assert_eq!(fx, vec![Effect::AlignStory], "the story is aligned again");
    assert_eq!(s.story.articles.len(), n + 1);
    assert_eq!(s.notes.len(), n + 1);
    assert_eq!(s.shown[1], n);
    assert_ne!(s.shown[0], n, "never the same article in both panes");
    assert_eq!(s.article(Side::Right).title, "A page from the web");
    assert_eq!(
        s.message.as_deref(),
        Some("added 2030-06-04-example-org-a-page.md")
    );
    assert_eq!(s.aligning, Some((0, (n + 1) * n / 2)));

    // an alignment of the story before the article joined is not this story's
    let old = StoryAlignment::build(&s.story.articles[..n], |_, _| {});
    update(&mut s, Event::Aligned(Aligned::new(old)));
    assert!(s.aligning.is_some());
    assert_eq!(s.error, None);
    let new = StoryAlignment::build(&s.story.articles, |_, _| {});
    update(&mut s, Event::Aligned(Aligned::new(new)));
    assert_eq!(s.aligning, None);
    assert_eq!(s.alignment.n_articles, n + 1);
    assert_eq!(s.shown[1], n, "the panes stay where they were");
}

#[test]
fn a_page_already_in_the_story_opens_its_article() {
    let dir = std::path::PathBuf::from("/stories/flood");
    let mut s = app_in_folder(&dir);
    let n = s.story.articles.len();
    let f = fetched(&s, dir.join("2.md"), true);
    let fx = update(&mut s, Event::Added(f));
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(s.story.articles.len(), n);
    assert_eq!(s.shown[0], 2);
    assert_eq!(s.message.as_deref(), Some("already in this story: 2.md"));
}

#[test]
fn a_failed_add_says_why_on_one_line() {
    let mut s = app_in_folder(std::path::Path::new("/stories/flood"));
    let n = s.story.articles.len();
    update(
        &mut s,
        Event::AddFailed("https://example.org/x: HTTP 404\nNot Found".into()),
    );
    let e = s.error.clone().unwrap_or_default();
    assert!(
        e.starts_with("not added: https://example.org/x: HTTP 404"),
        "{e}"
    );
    assert!(!e.contains('\n'), "{e}");
    assert_eq!(s.story.articles.len(), n);
}

#[test]
fn figures_from_the_coverage_view_jump_to_where_a_source_gives_them() {
    let mut s = app();
    let rows = s.alignment.figures().to_vec();
    assert!(!rows.is_empty() && rows[0].conflict, "conflicts come first");
    press(&mut s, "c");
    press(&mut s, "f");
    assert!(matches!(
        s.overlays.last(),
        Some(Overlay::Figures { selected: 0 })
    ));
    // the first row that the focused pane's article reports
    let here = s.shown[s.focus.idx()];
    let k = rows
        .iter()
        .position(|r| r.cell(here).is_some())
        .expect("a figure of the focused article");
    for _ in 0..k {
        press(&mut s, "j");
    }
    press(&mut s, "<Enter>");
    assert!(s.overlays.is_empty());
    let cell = rows[k].cell(here).cloned().expect("a figure here");
    assert_eq!(s.pos[s.focus.idx()].para, cell.para, "{:?}", s.message);
    let msg = s.message.clone().unwrap_or_default();
    assert!(
        msg.contains(&rows[k].label) && msg.contains(&cell.value_text),
        "{msg}"
    );
    // q closes the figures view without quitting
    press(&mut s, "cf");
    press(&mut s, "q");
    assert!(s.overlays.is_empty() && !s.quit);
}

#[test]
fn a_big_story_aligns_close_articles_and_says_when_a_pair_is_not_aligned() {
    let topics = [
        "harbour ferry fares",
        "orchard apple harvest",
        "glacier ice melt",
        "quarry stone blasting",
        "violin concert hall",
        "comet telescope sighting",
    ];
    let n = diptych::align::ALL_PAIRS_UP_TO + 8;
    let texts: Vec<String> = (0..n)
        .map(|i| {
            let t = topics[i % topics.len()];
            format!(
                "Report {i}\n\nThe {t} drew comment on day {i}. Officials said the {t} continues."
            )
        })
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut s = app_of(&refs);
    let pairs = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .filter(|&(a, b)| s.alignment.is_aligned(a, b))
        .count();
    assert!(pairs < n * (n - 1) / 2, "{pairs} pairs aligned");
    assert!(s.alignment.is_aligned(0, topics.len()), "same subject");
    // an article about something else in the other pane: the reader says so
    press(&mut s, "<Tab>>");
    assert_eq!((s.shown[0], s.shown[1]), (0, 2));
    let msg = s.message.clone().unwrap_or_default();
    assert!(msg.contains("not aligned"), "{msg}");
}

/// The panes' wrapped heights follow the width: a state built for a size wraps to it, a change of
/// height alone keeps the lines and the place, a change of width rewraps.
#[test]
fn heights_follow_the_width_not_the_height() {
    let story = Story::builtin_demo();
    let n = story.articles.len();
    let mut s = AppState::unaligned_sized(story.clone(), 0, 1, (30, 20));
    let narrow = s.heights(Side::Left).to_vec();
    let wide = AppState::unaligned_sized(story, 0, 1, (90, 20))
        .heights(Side::Left)
        .to_vec();
    assert_eq!(narrow.len(), wide.len());
    assert!(narrow.iter().sum::<usize>() > wide.iter().sum::<usize>());
    press(&mut s, "}}j");
    let place = s.pos[0];
    update(
        &mut s,
        Event::Resize {
            width: 30,
            height: 12,
        },
    );
    assert_eq!(s.heights(Side::Left), narrow.as_slice());
    assert_eq!(s.pos[0], place);
    update(
        &mut s,
        Event::Resize {
            width: 90,
            height: 12,
        },
    );
    assert_eq!(s.heights(Side::Left), wide.as_slice());
    assert_eq!(s.pos[0].para, place.para);
    assert!(n >= 2);
}

/// A big story aligns each article's closest, not every pair: before the worker reports, the
/// reader claims no count of pairs (not the n·(n−1)/2 of every pair).
#[test]
fn a_big_story_claims_no_pair_count_before_the_worker_reports() {
    let records: String = (0..50)
        .map(|i| {
            serde_json::json!({"title": format!("Note {i}"), "source": format!("Desk {i}"),
                "text": "Crews cleared the harbour road on Sunday."})
            .to_string()
                + "\n"
        })
        .collect();
    let arts = diptych::store::load_bytes(
        records.as_bytes(),
        diptych::store::Format::Jsonl,
        None,
        "notes",
        &diptych::store::LoadOptions::default(),
    )
    .expect("records");
    let mut story = Story::builtin_demo();
    story.articles = arts;
    let s = AppState::unaligned(story, 0, 1);
    assert_eq!(s.aligning, Some((0, 0)));
    let small = AppState::unaligned(Story::builtin_demo(), 0, 1);
    assert_eq!(small.aligning, Some((0, 10)));
}
