use super::extract::sentence;
use super::*;
use std::collections::BTreeSet;

/// The value texts found in a sentence.
fn values(s: &str) -> Vec<&str> {
    sentence(s).into_iter().map(|f| &s[f.value_span]).collect()
}

fn one(s: &str) -> Frame {
    let mut f = sentence(s);
    assert_eq!(f.len(), 1, "{s}: {f:?}");
    f.remove(0)
}

/// Does the pair of sentences give a match, and is it a conflict?
fn verdict(l: &str, r: &str) -> Option<bool> {
    let m = pair_matches(&[one(l)], &[one(r)]);
    m.first().map(|m| m.conflict)
}

#[test]
fn bounds_and_qualifiers() {
    let cases: &[(&str, &str, Qualifier, f64, f64)] = &[
        (
            "At least 40 people were killed.",
            "At least 40",
            Qualifier::AtLeast,
            40.0,
            40.0,
        ),
        (
            "Police said over 200 homes burned.",
            "over 200",
            Qualifier::MoreThan,
            200.0,
            200.0,
        ),
        (
            "It housed some 12,000 residents.",
            "some 12,000",
            Qualifier::About,
            12e3,
            12e3,
        ),
        (
            "Nearly 300 crewmen are held.",
            "Nearly 300",
            Qualifier::Nearly,
            300.0,
            300.0,
        ),
        (
            "They freed between 10 and 15 hostages.",
            "between 10 and 15",
            Qualifier::Range,
            10.0,
            15.0,
        ),
        (
            "It sent 40 or more buses.",
            "40 or more",
            Qualifier::AtLeast,
            40.0,
            40.0,
        ),
        (
            "Up to 3,000 workers may lose jobs.",
            "Up to 3,000",
            Qualifier::AtMost,
            3e3,
            3e3,
        ),
        (
            "Dozens of raids were reported.",
            "Dozens",
            Qualifier::Vague,
            20.0,
            99.0,
        ),
        (
            "Tens of thousands of people marched.",
            "Tens of thousands",
            Qualifier::Vague,
            1e4,
            99_999.0,
        ),
        (
            "They found about a dozen boats.",
            "about a dozen",
            Qualifier::About,
            12.0,
            12.0,
        ),
        (
            "The march was attended by an approximate 200,000.",
            "approximate 200,000",
            Qualifier::About,
            2e5,
            2e5,
        ),
        (
            "Thirty people died in the town.",
            "Thirty",
            Qualifier::Exact,
            30.0,
            30.0,
        ),
    ];
    for (s, text, q, lo, hi) in cases {
        let f = one(s);
        assert_eq!(&s[f.value_span.clone()], *text, "{s}");
        assert_eq!(f.quantity.qualifier, *q, "{s}");
        assert_eq!((f.quantity.low, f.quantity.high), (*lo, *hi), "{s}");
    }
}

#[test]
fn percentages_ages_money() {
    let f = one("Turnout reached 61.5% in the capital.");
    assert_eq!((f.quantity.unit, f.quantity.low), (Unit::Percent, 61.5));
    let f = one("Officials said 70 per cent of the reeds had burned.");
    assert_eq!((f.quantity.unit, f.quantity.low), (Unit::Percent, 70.0));
    assert_eq!(f.head, "reed");
    let f = one("Half of the residents have left.");
    assert_eq!(f.quantity.unit, Unit::Percent);
    let f = one("The victim, a 62-year-old teacher, was found at home.");
    assert_eq!((f.quantity.unit, f.quantity.low), (Unit::Age, 62.0));
    let f = one("The driver, aged 62, was arrested later.");
    assert_eq!((f.quantity.unit, f.quantity.low), (Unit::Age, 62.0));
    let f = one("Marta Lind, 62, was arrested later.");
    assert_eq!((f.quantity.unit, f.quantity.low), (Unit::Age, 62.0));
    let f = one("The museum paid €2.49 million for the painting.");
    assert_eq!(f.quantity.unit, Unit::Money("EUR"));
    assert_eq!(f.quantity.low, 2.49e6);
    let f = one("The bridge will cost $3bn over ten years.");
    assert_eq!((f.quantity.unit, f.quantity.low), (Unit::Money("USD"), 3e9));
    let f = one("Fines of 500 euros were handed out.");
    assert_eq!(f.quantity.unit, Unit::Money("EUR"));
}

#[test]
fn what_is_counted_and_what_happened() {
    let f = one("Shelling this week killed 35 Turkish troops near the border.");
    assert_eq!(f.counted, "Turkish troops");
    assert_eq!(f.predicate.as_ref().map(|p| p.0), Some("kill"));
    assert_eq!(f.owners, ["turkish"]);
    let f = one("Ankara said 33 of its military officers had been killed in the attack.");
    assert_eq!(f.counted, "military officers");
    assert_eq!(f.head, "officer");
    assert_eq!(f.owners, ["ankara"]);
    assert_eq!(f.predicate.as_ref().map(|p| p.0), Some("kill"));
    let f = one("In response the army struck over 200 military targets.");
    assert_eq!(f.predicate.as_ref().map(|p| p.0), Some("strike"));
    assert_eq!(f.head, "target");
    let fs = sentence("Nine civilians were martyred and another 20 were wounded in the raid.");
    assert_eq!(fs.len(), 2);
    assert_eq!(fs[0].predicate.as_ref().map(|p| p.0), Some("kill"));
    assert_eq!(fs[1].predicate.as_ref().map(|p| p.0), Some("wound"));
    assert_eq!(fs[1].head, "civilian");
    assert!(fs[1].implicit);
}

#[test]
fn names_dates_and_identifiers_are_not_quantities() {
    for s in [
        "See https://example.org/photos/2020/img_4410.jpg for more.",
        "![flood](images/flood-35.png)",
        "The talks took place on 5 March at the Kremlin.",
        "It signed the deal on March 5 in the capital.",
        "A 2018 deal was meant to stop a wider war.",
        "The ministers met at 10:30 on Monday.",
        "Covid-19 cases rose, as did G20 spending.",
        "F-16 jets flew over the valley.",
        "Under Article 5 the allies must respond.",
        "He finished 1st in the race.",
        "Call +44 20 7946 0958 for tickets.",
        "Order no. 48213 was shipped.",
        "Page 205/219 of the report.",
        "The ID is 20200305114.",
        "It is one of the largest dams.",
        "The 1990s were calmer.",
    ] {
        assert_eq!(values(s), Vec::<&str>::new(), "{s}");
    }
}

#[test]
fn conflicting_and_compatible_figures() {
    // different wording, same thing, different values
    assert_eq!(
        verdict(
            "Clashes this week saw government shelling kill 35 Turkish troops.",
            "Turkey stated that 33 of its military officers had been killed in an attack."
        ),
        Some(true)
    );
    assert_eq!(
        verdict(
            "In response, Ankara struck over 200 military targets.",
            "In a retaliatory attack, the army struck over 50 targets overnight."
        ),
        Some(true)
    );
    assert_eq!(
        verdict(
            "At least 40 people were killed when the gates opened.",
            "Thirty people died in the town."
        ),
        Some(true)
    );
    // bounds consistent with each other, rounding, the same figure
    assert_eq!(
        verdict(
            "More than 1,000 residents were evacuated from the valley.",
            "More than 900 residents were evacuated overnight."
        ),
        Some(false)
    );
    assert_eq!(
        verdict(
            "At least 40 people were killed in the floods.",
            "The floods killed 45 people."
        ),
        Some(false)
    );
    assert_eq!(
        verdict(
            "About 12,000 residents were evacuated.",
            "Officials evacuated 11,800 residents."
        ),
        Some(false)
    );
    assert_eq!(
        verdict(
            "The museum paid €2.49 million for the painting.",
            "The painting was bought for €2.5m by the museum."
        ),
        Some(false)
    );
}

#[test]
fn different_things_are_not_matched() {
    // a count of counties against a price
    assert_eq!(
        verdict(
            "The storm hit 14 counties across the state.",
            "Fuel prices hit $3.20 across the state."
        ),
        None
    );
    // people against an age
    assert_eq!(
        verdict(
            "Police arrested 62 people after the match.",
            "Police arrested a 45-year-old man after the match."
        ),
        None
    );
    // ages of two people
    assert_eq!(
        verdict(
            "The boy, 16-year-old Kimani Gray, was shot by officers.",
            "Officers said Gray's mother, Carol Gray, 33, was at home."
        ),
        None
    );
    assert_eq!(
        verdict(
            "Marta Lind, 62, was arrested later.",
            "Police named the driver as Marta Lind, 61."
        ),
        Some(true)
    );
    // engineers against governments
    assert_eq!(
        verdict(
            "They agreed to form a commission of 14 engineers to inspect the dam.",
            "Kestria will notify Dovland, the two governments agreed on Monday."
        ),
        None
    );
    // the same predicate, different places
    assert_eq!(
        verdict(
            "Twelve people were killed in Aleppo on Sunday.",
            "Nine people were killed in Homs on Sunday."
        ),
        None
    );
    // the same predicate, different sides
    assert_eq!(
        verdict(
            "Shelling this week killed 35 Turkish troops.",
            "Turkish forces struck back and killed 76 Syrian troops."
        ),
        None
    );
}

#[test]
fn intervals() {
    let q = |low, qualifier| Quantity {
        low,
        high: low,
        qualifier,
        unit: Unit::Count,
        step: 1.0,
    };
    assert!(q(300.0, Qualifier::Nearly).compatible(&q(290.0, Qualifier::Exact)));
    assert!(!q(300.0, Qualifier::Nearly).compatible(&q(300.0, Qualifier::MoreThan)));
    // "nearly three" is a bit under three, not two
    assert!(!q(3.0, Qualifier::Nearly).compatible(&q(2.0, Qualifier::Exact)));
    assert!(q(12.0, Qualifier::Nearly).compatible(&q(11.0, Qualifier::Exact)));
    assert!(!q(200.0, Qualifier::MoreThan).compatible(&q(50.0, Qualifier::MoreThan)));
    assert!(q(35.0, Qualifier::Exact).compatible(&q(35.0, Qualifier::Exact)));
    assert!(!q(35.0, Qualifier::Exact).compatible(&q(33.0, Qualifier::Exact)));
    // a lower bound is open above a stated value, not above another bound
    assert!(q(3.0, Qualifier::AtLeast).compatible(&q(10.0, Qualifier::Exact)));
    assert!(q(50.0, Qualifier::MoreThan).compatible(&q(200.0, Qualifier::About)));
    assert!(!q(40.0, Qualifier::AtLeast).compatible(&q(30.0, Qualifier::Exact)));
    assert!(!q(3.0, Qualifier::AtLeast).compatible(&q(10.0, Qualifier::AtLeast)));
    // "as many as 80" is a high estimate: 50 is well short of it, 70 near it
    assert!(!q(80.0, Qualifier::AtMost).compatible(&q(50.0, Qualifier::Exact)));
    assert!(q(80.0, Qualifier::AtMost).compatible(&q(70.0, Qualifier::Exact)));
}

#[test]
fn counted_nouns_are_classed_by_the_lexicon() {
    // paratroopers and soldiers are both military personnel to WordNet
    assert_eq!(
        verdict(
            "At least 12 paratroopers were killed in the ambush near the pass.",
            "Officials said 5 soldiers were killed in the ambush near the pass."
        ),
        Some(true)
    );
    // irregular plurals come back to their lemma
    let f = one("Farmers lost 300 geese in the storm.");
    assert_eq!(f.head, "goose");
}

#[test]
fn a_counted_phrase_ends_at_its_plural_noun() {
    let f = one("It announced the neutralisation of 327 elements form the Syrian Regime.");
    assert_eq!(f.counted, "elements");
    let f = one("The flood left hundreds of homes uninhabitable.");
    assert_eq!(f.counted, "homes");
    // a plural that modifies another plural stays
    let f = one("Police held 12 arms dealers overnight.");
    assert_eq!(f.counted, "arms dealers");
}

#[test]
fn homes_are_not_killed() {
    let fs = sentence("The flood killed forty people and left hundreds of homes uninhabitable.");
    assert_eq!(fs.len(), 2);
    assert_eq!(fs[0].predicate.as_ref().map(|p| p.0), Some("kill"));
    assert_eq!(fs[1].predicate, None);
}

#[test]
fn a_borrowed_noun_brings_its_owner() {
    let fs = sentence(
        "Putin mourned the deaths of Turkish soldiers in Syria, where dozens have been killed.",
    );
    let dozens = fs.last().expect("dozens");
    assert!(dozens.implicit);
    assert_eq!(dozens.head, "soldier");
    assert_eq!(dozens.owners, ["turkish"]);
    // so it does not count the other side's troops
    let other = one("Turkish forces struck back and killed 76 Syrian troops.");
    assert!(pair_matches(std::slice::from_ref(dozens), &[other]).is_empty());
}

#[test]
fn sums_and_measures() {
    // a hyphenated multiplier, and "worth of" before what the money counts
    let f = one("Robbers made off with $137-million of diamonds from a Paris store.");
    assert_eq!(f.quantity.unit, Unit::Money("USD"));
    assert_eq!(f.quantity.low, 137e6);
    let f = one("Robbers snatched $108 million worth of diamonds from a Paris store.");
    assert_eq!(f.counted, "diamonds");
    // sums with no predicate: the same currency and much shared context
    assert_eq!(
        verdict(
            "Armed robbers made off with $137 million of jewels from the Harry Winston store in Paris.",
            "Armed robbers took $108 million of jewels from the Harry Winston store in Paris."
        ),
        Some(true)
    );
    // magnitudes, written either way round
    let f = one("A 6.1-magnitude earthquake struck the island.");
    assert_eq!(f.quantity.unit, Unit::Measure("magnitude"));
    // the magnitude named a few words before, or the Richter scale after
    for s in [
        "Seismologists put the magnitude at 6.1.",
        "The agency said it had a magnitude of 5.9.",
        "A tremor registering 6.1 on the Richter scale shook the coast.",
    ] {
        assert_eq!(one(s).quantity.unit, Unit::Measure("magnitude"), "{s}");
    }
    assert_eq!(
        verdict(
            "A 6.1-magnitude earthquake struck Qeshm island in southern Iran.",
            "The earthquake of magnitude 5.9 struck Qeshm island in southern Iran."
        ),
        Some(true)
    );
    let f = one("They waited 48 hours before opening the gates.");
    assert_eq!(f.quantity.unit, Unit::Measure("duration"));
    assert_eq!(f.quantity.low, 48.0 * 3600.0);
    // distances in different units are converted: a conversion agrees with its original
    assert_eq!(
        verdict(
            "The quake was centred 36 miles from the port city of Bandar Abbas.",
            "The quake was centred 58 km from the port city of Bandar Abbas."
        ),
        Some(false)
    );
}

/// The distance in metres and the kind of measure of a sentence's one figure.
fn measured(s: &str) -> (f64, &'static str) {
    let f = one(s);
    match f.quantity.unit {
        Unit::Measure(kind) => (f.quantity.low, kind),
        other => panic!("{s}: {other:?}"),
    }
}

#[test]
fn distances_are_converted_to_metres() {
    let near = |a: f64, b: f64| (a - b).abs() < 0.01;
    let (v, kind) = measured("The climber fell about 200ft from the ridge.");
    assert!(near(v, 60.96) && kind == "distance", "{v} {kind}");
    let (v, _) = measured("The ferry sails 12 miles to the island.");
    assert!(near(v, 19_312.128), "{v}");
    let (v, _) = measured("The village lies 48km from the border.");
    assert!(near(v, 48_000.0), "{v}");
    // "600m" down a slope is metres; beside a currency or before a noun it is millions
    let (v, _) = measured("He slipped and fell about 600m down the icy slope.");
    assert!(near(v, 600.0), "{v}");
    assert_eq!(
        one("The club paid £5m for the striker.").quantity.unit,
        Unit::Money("GBP")
    );
    assert_eq!(
        one("The storm left 5m homes without power.").quantity.unit,
        Unit::Count
    );
    // a speed is no distance
    assert!(values("The car reached 90 miles an hour on the motorway.").is_empty());
    assert!(values("The car reached 90 miles per hour on the motorway.").is_empty());
}

#[test]
fn a_distance_given_in_two_units_is_one_figure() {
    assert_eq!(
        values("The walker fell about 60 metres (200 feet) into a gully."),
        vec!["about 60 metres"]
    );
    assert_eq!(
        values("The port lies 1,150 kilometres (715 miles) south of the capital."),
        vec!["1,150 kilometres"]
    );
}

#[test]
fn distances_in_different_units_conflict_beyond_rounding() {
    // 200 feet is 61 metres: not "about 150 metres"
    assert_eq!(
        verdict(
            "The hiker slipped and fell about 150 metres from the summit of Ben Carra.",
            "The hiker slipped and fell about 200ft from the summit of Ben Carra."
        ),
        Some(true)
    );
    // "60km" is a round conversion of 35 miles (56 km)
    assert_eq!(
        verdict(
            "The tremor was centred 35 miles west of the port of Varna.",
            "The tremor was centred 60km west of the port of Varna."
        ),
        Some(false)
    );
    // a ten-metre boat is not a 30-foot one (9.1 metres)
    assert_eq!(
        verdict(
            "The pirates sailed a 10-metre dhow named Salama.",
            "The pirates sailed a 30-foot dhow named Salama."
        ),
        Some(true)
    );
    // approximations widen the tolerance: about 2,000 feet is some 610 metres
    assert_eq!(
        verdict(
            "The skier fell about 2,000 feet down the north face of Mount Kell.",
            "The skier fell some 600 metres down the north face of Mount Kell."
        ),
        Some(false)
    );
    // distances from different places are different distances
    assert_eq!(
        verdict(
            "The fire burned 20 miles north of Leeds, firefighters said on Sunday.",
            "The fire burned 50 miles north of York, firefighters said on Sunday."
        ),
        None
    );
}

#[test]
fn durations_are_converted_to_seconds() {
    let (v, kind) = measured("The siege lasted almost three hours.");
    assert_eq!((v, kind), (3.0 * 3600.0, "duration"));
    assert_eq!(
        one("The siege lasted almost three hours.")
            .quantity
            .qualifier,
        Qualifier::Nearly
    );
    let (v, _) = measured("The tremor was felt for one minute.");
    assert_eq!(v, 60.0);
    assert_eq!(
        verdict(
            "Police ended the siege of the market square after almost three hours of talks.",
            "Police ended the siege of the market square after two hours of talks."
        ),
        Some(true)
    );
    assert_eq!(
        verdict(
            "Residents of the tower said they felt two minutes of tremors.",
            "Residents of the tower said they felt around 30 seconds of tremors."
        ),
        Some(true)
    );
    assert_eq!(
        verdict(
            "Residents of the tower said they felt one minute of tremors.",
            "Residents of the tower said they felt 60 seconds of tremors."
        ),
        Some(false)
    );
}

#[test]
fn durations_are_not_dates_or_spans_of_days() {
    // "ago" dates a thing: compared with other dates, never with durations
    let (v, kind) = measured("The family moved to the coast 12 weeks ago.");
    assert_eq!((v, kind), (12.0 * 604_800.0, "time ago"));
    assert_eq!(
        verdict(
            "The Harts moved back to the village of Brill 12 weeks ago with their son.",
            "The Harts lived in the village of Brill for 12 weeks with their son."
        ),
        None
    );
    // a span of the calendar is not the time something took
    assert_eq!(
        verdict(
            "The jury deliberated over the verdict for four days in the Corby trial.",
            "The jury deliberated over the verdict for 30 hours in the Corby trial."
        ),
        None
    );
    // a story is full of times: two of them must say what took that long
    assert_eq!(
        verdict(
            "Kestria and Dovland agreed to inspect the Halvard dam two weeks after the flood.",
            "Kestria will warn Dovland two days before opening the Halvard dam gates."
        ),
        None
    );
    // the same time repeated is one figure
    assert_eq!(
        verdict(
            "Kestria promised to notify Dovland at least 48 hours before opening the gates.",
            "Kestria will give Dovland 48 hours' notice before opening the gates."
        ),
        Some(false)
    );
    // clock times are no durations
    assert!(values("The gunman surrendered at 10:30 on Tuesday.").is_empty());
}

#[test]
fn magnitudes_of_one_quake() {
    // two agencies' magnitudes of the quake: the context need not be long
    assert_eq!(
        verdict(
            "The geological survey put the magnitude at 6.1.",
            "The quake had a magnitude of 5.9, the geological survey said."
        ),
        Some(true)
    );
    // a magnitude a whole point away is another quake (an aftershock)
    assert_eq!(
        verdict(
            "A quake of magnitude 6.1 shook Qeshm island in southern Iran.",
            "A quake of magnitude 4.3 shook Qeshm island in southern Iran."
        ),
        None
    );
}

#[test]
fn ages_written_in_words() {
    let f = one("Sixty-year-old Sharron Diane Crawford Smith is accused of murder.");
    assert_eq!(f.quantity.unit, Unit::Age);
    assert_eq!(f.quantity.low, 60.0);
    assert_eq!(
        verdict(
            "Sixty-year-old Sharron Diane Crawford Smith is accused of murder.",
            "Police said 61-year-old Sharron Diane Crawford Smith was arrested."
        ),
        Some(true)
    );
}

#[test]
fn an_age_does_not_borrow_the_previous_owner() {
    let fs = sentence("The bodies of Robyn Mendes, 48, and Catherine Gomes, 61, were found.");
    assert_eq!(fs.len(), 2);
    assert!(
        fs[1].owners.contains(&"gomes".to_string()),
        "{:?}",
        fs[1].owners
    );
    assert!(!fs[1].owners.contains(&"mendes".to_string()));
}

#[test]
fn a_participle_is_read_as_its_verb() {
    // "wounding" is also a noun to WordNet
    let fs = sentence("Shelling killed 10 civilians in the town, wounding 70 others.");
    assert_eq!(fs.len(), 2);
    assert_eq!(fs[1].predicate.as_ref().map(|p| p.0), Some("wound"));
    // "in March" is a date, not a march, nor a place
    let f = one("Unemployment rose to 12 percent in March.");
    assert_eq!(f.predicate, None);
    assert!(f.places.is_empty(), "{:?}", f.places);
    // a police station deploys nobody
    let f = one("Youths attacked a police station and at least three banks.");
    assert_eq!(f.predicate.as_ref().map(|p| p.0), Some("strike"));
}

#[test]
fn a_participle_before_the_noun_says_what_happened() {
    let f = one("If it had, we would not have 355 damaged shops in Athens.");
    assert_eq!(f.counted, "damaged shops");
    assert_eq!(f.head, "shop");
    assert_eq!(f.predicate.as_ref().map(|p| p.0), Some("damage"));
    assert_eq!(
        verdict(
            "If it had, we would not have 355 damaged shops in Athens.",
            "In Athens, 565 shops suffered serious damage or were destroyed."
        ),
        Some(true)
    );
    assert_eq!(
        verdict(
            "Youths attacked a government building and two banks.",
            "Youths attacked a police station and at least three banks."
        ),
        Some(true)
    );
}

#[test]
fn tolls_and_crowds_count_people() {
    assert_eq!(
        verdict(
            "The death toll rose to 12 on Monday.",
            "Officials said 11 people died in the blast."
        ),
        Some(true)
    );
    let f = one("Police intervened when more than a hundred people joined the vigil.");
    assert_eq!(f.value_text, "more than a hundred");
    assert_eq!(
        (f.quantity.qualifier, f.quantity.low),
        (Qualifier::MoreThan, 100.0)
    );
    assert_eq!(
        values("Over a hundred billion dollars of trade passes the strait."),
        Vec::<&str>::new()
    );
    assert_eq!(
        verdict(
            "Police intervened when more than a hundred people joined the vigil.",
            "NBC New York estimated the crowd at 70."
        ),
        Some(true)
    );
    assert_eq!(
        verdict(
            "Police said nearly 100 people set off from the vigil site.",
            "About 100 mourners attended the vigil."
        ),
        Some(false)
    );
}

#[test]
fn a_share_is_of_its_subject() {
    let f = one("Greek stocks plunged 5.4 per cent as markets reacted with alarm.");
    assert_eq!(f.head, "stocks");
    assert_eq!(
        verdict(
            "Greek stocks plunged 5.4 per cent as markets reacted with alarm.",
            "Markets reacted with alarm as Greek stocks closed down 3.9 percent."
        ),
        Some(true)
    );
    let f = one("Unemployment rose to 12 percent in March.");
    assert_eq!(f.head, "unemployment");
    // different subjects are different shares
    assert_eq!(
        verdict(
            "Greek stocks plunged 5.4 per cent as markets reacted with alarm.",
            "Greek bond yields rose 3.9 percent as markets reacted with alarm."
        ),
        None
    );
}

#[test]
fn a_described_person_may_be_a_named_one() {
    assert_eq!(
        verdict(
            "A 31-year-old Brooklyn mom was wounded in the arm.",
            "He was convicted of wounding Unique Armstead, 32, in the attack."
        ),
        Some(true)
    );
    // ages far apart are two people
    assert_eq!(
        verdict(
            "A 31-year-old Brooklyn mom was wounded in the arm.",
            "He was convicted of wounding Cheanne McKnight, 11, in the attack."
        ),
        None
    );
    // and so are people to whom different things happened
    assert_eq!(
        verdict(
            "A 31-year-old Brooklyn mom was wounded in the arm.",
            "Police arrested Unique Armstead, 32, after the attack."
        ),
        None
    );
}

#[test]
fn a_repeated_figure_is_paired_wherever_it_is_stated() {
    let frames = |ss: &[&str]| -> Vec<Frame> {
        ss.iter()
            .enumerate()
            .flat_map(|(i, s)| {
                sentence(s).into_iter().map(move |mut f| {
                    f.para = i;
                    f
                })
            })
            .collect()
    };
    let left = frames(&[
        "The storm injured five people in the harbour town on Sunday.",
        "Doctors said at least five people were injured by falling debris.",
    ]);
    let right = frames(&[
        "Two people were injured when the storm hit the harbour town.",
        "The storm injured two people, the mayor said.",
    ]);
    let pairs: BTreeSet<(usize, usize)> = pair_matches(&left, &right)
        .into_iter()
        .filter(|m| m.conflict)
        .map(|m| (left[m.left].para, right[m.right].para))
        .collect();
    assert_eq!(pairs, BTreeSet::from([(0, 0), (0, 1), (1, 0), (1, 1)]));
    // a figure of its own is not drawn in: the three killed stay unmatched to the injured
    let left = frames(&[
        "The storm injured five people in the harbour town on Sunday.",
        "Three people were killed in the harbour town.",
    ]);
    let n = pair_matches(&left, &right).len();
    assert_eq!(n, 2);
}

#[test]
fn figures_of_an_earlier_event_are_background() {
    let now = "The earthquake on Sunday killed 10 people in the province.";
    // a year or a month with no day dates an earlier event
    for then in [
        "An earthquake in the province in 2003 killed 26,000 people.",
        "In February, an earthquake in the province killed 600 people.",
        "Two years ago an earthquake in the province killed 600 people.",
    ] {
        assert_eq!(verdict(then, now), None, "{then}");
    }
    // two reports of the same earlier event still disagree; of different ones they do not
    assert_eq!(
        verdict(
            "The earthquake of 2003 killed 26,000 people in the province.",
            "In 2003 an earthquake killed 31,000 people in the province."
        ),
        Some(true)
    );
    assert_eq!(
        verdict(
            "The earthquake of 2003 killed 26,000 people in the province.",
            "In 2005 an earthquake killed 600 people in the province."
        ),
        None
    );
    // the news dated to the day is the news; a year after "since" is a span
    assert_eq!(
        verdict(
            "On December 6, 2008, the earthquake killed 12 people in the province.",
            now
        ),
        Some(true)
    );
    assert_eq!(
        verdict(
            "The earthquake killed 12 people in the province, the worst since 2005.",
            now
        ),
        Some(true)
    );
    // an age is the person's now, whenever the crime was
    assert_eq!(
        verdict(
            "Police arrested Mara Quill, 60, over a killing in 1967.",
            "Mara Quill, 61, was charged on Friday."
        ),
        Some(true)
    );
}

#[test]
fn a_verb_belongs_to_its_own_clause() {
    // the villagers were injured; the buildings damaged
    let f = one("Several buildings were damaged and two villagers slightly injured.");
    assert_eq!(f.predicate.map(|p| p.0), Some("wound"));
    // a verb with coordinated objects still serves when no verb follows
    let f = sentence("The shelling killed three soldiers and 12 civilians.");
    assert_eq!(f[1].predicate.as_ref().map(|p| p.0), Some("kill"));
    // "the dead" after "of" are other people than the counted ones
    let f = one("About 300 people stood in the square holding photographs of the dead.");
    assert_eq!(f.predicate, None);
    // a headline capitalises its verb
    assert_eq!(values("Storm Kills 10 in Coastal Towns"), vec!["10"]);
}

#[test]
fn other_things_are_apart_from_those_named_before() {
    // "two other rifles" are besides the ones named first, not a total
    assert_eq!(
        verdict(
            "Customs officers seized nine hunting rifles from the cargo ship at the port.",
            "Customs officers seized two other rifles from the cargo ship at the port."
        ),
        None
    );
    assert_eq!(
        verdict(
            "Customs officers seized two other rifles from the cargo ship at the port.",
            "Customs officers seized three other rifles from the cargo ship at the port."
        ),
        Some(true)
    );
    // people are counted so when injured besides the dead
    assert_eq!(
        verdict(
            "After the blast at the plant, doctors treated four other people who were wounded.",
            "Five people were wounded by the blast at the plant."
        ),
        Some(true)
    );
}

#[test]
fn word_lists_hold_their_words_in_order() {
    let list = |ws: &[&str]| WordList::new(&ws.iter().map(|w| w.to_string()).collect::<Vec<_>>());
    let a = list(&["alder", "birch", "cedar", "d'or"]);
    let b = list(&["birch", "cedar", "elm"]);
    assert_eq!(
        a.iter().collect::<Vec<_>>(),
        vec!["alder", "birch", "cedar", "d'or"]
    );
    assert_eq!(a.first(), Some("alder"));
    assert!(a.contains("cedar") && !a.contains("ced") && !a.contains("elm"));
    assert_eq!((a.shared(&b), b.shared(&a)), (2, 2));
    let empty = WordList::default();
    assert_eq!(empty.first(), None);
    assert_eq!(empty.iter().count(), 0);
    assert_eq!((empty.shared(&a), list(&[]).shared(&a)), (0, 0));
    // an empty word is still a word
    assert_eq!(list(&["", "x"]).iter().collect::<Vec<_>>(), vec!["", "x"]);
    // the context and names of a sentence, as a frame keeps them
    let f = one("Marta Lind said 300 people were evacuated from Tarsk.");
    assert!(
        f.names.contains("tarsk") && f.names.contains("lind"),
        "{f:?}"
    );
}

#[test]
fn a_place_after_the_next_figure_is_that_figure_s() {
    let fs =
        sentence("Up to 70 per cent of services in Egypt, and 60 per cent in India, were cut.");
    assert_eq!(fs.len(), 2);
    assert_eq!(fs[0].places, vec!["egypt".to_string()]);
    assert_eq!(fs[1].places, vec!["india".to_string()]);
}

#[test]
fn a_walkout_is_a_gathering_not_an_attack() {
    let f = one("Police put the march, on the day of a 24-hour strike, at roughly 30,000 people.");
    assert_eq!(f.predicate.as_ref().map(|p| p.0), Some("gather"));
    let f = one("An estimated 9,000 people joined the general strike in Velsk.");
    assert_eq!(f.predicate.as_ref().map(|p| p.0), Some("gather"));
    // a strike that hits something stays one
    let f = one("The air strike destroyed 12 homes.");
    assert_ne!(f.predicate.as_ref().map(|p| p.0), Some("gather"));
}

#[test]
fn protesters_and_mourners_are_gathered_by_what_they_are() {
    let f = one("Nearly 100 angry mourners clashed with the police outside the church.");
    assert_eq!(f.predicate.as_ref().map(|p| p.0), Some("gather"));
}

#[test]
fn numbers_pair_with_numbers_before_vague_words() {
    let left = sentence("Police said as many as 20,000 people marched through the capital.");
    let right = [
        one("Tens of thousands of people marched through the capital, police said."),
        one("Police said about 30,000 people marched through the capital."),
    ];
    let m = pair_matches(&left, &right);
    let first = m
        .iter()
        .find(|m| m.left == 0)
        .expect("the 20,000 is matched");
    assert_eq!(first.right, 1, "{m:?}");
    assert!(first.conflict);
}
