//! Timestamps of annotations: RFC 3339 in UTC with microseconds, so that two edits made in the
//! same second are still ordered, and a comparison that reads the times instead of the strings
//! (older sidecars hold whole seconds, imported ones any offset).

use std::cmp::Ordering;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

/// Format a moment as `2031-01-02T03:04:05.678901Z`: always UTC, always six fraction digits,
/// so strings of this form also sort in time order.
pub fn format(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    let fmt =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");
    t.format(&fmt)
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000000Z".into())
}

/// The current moment, formatted by [`format`].
pub fn now() -> String {
    format(OffsetDateTime::now_utc())
}

/// Read an RFC 3339 time in any offset.
pub fn parse(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s.trim(), &Rfc3339).ok()
}

/// An RFC 3339 time in UTC: kept as written when it already is one (so a round trip through
/// an export changes nothing), otherwise converted and written by [`format`]; `None` when it is
/// not a time.
pub fn normalize(s: &str) -> Option<String> {
    let t = parse(s)?;
    let s = s.trim();
    if t.offset() == UtcOffset::UTC && s.ends_with('Z') {
        Some(s.to_string())
    } else {
        Some(format(t))
    }
}

/// Order two timestamps by the moments they name. A string that is not a time sorts before
/// any time; two such strings compare as text, so the order is total and deterministic.
pub fn cmp(a: &str, b: &str) -> Ordering {
    match (parse(a), parse(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Greater,
        (None, Some(_)) => Ordering::Less,
        (None, None) => a.cmp(b),
    }
}

/// True when `a` names a later moment than `b`.
pub fn is_later(a: &str, b: &str) -> bool {
    cmp(a, b) == Ordering::Greater
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_second_times_order_by_moment_not_text() {
        // As text, "…00Z" sorts after "…00.5Z" ('Z' > '.'), which would let an older
        // whole-second edit beat a newer one of the same second.
        assert!(is_later(
            "2031-01-01T00:00:00.500000Z",
            "2031-01-01T00:00:00Z"
        ));
        assert!(!is_later(
            "2031-01-01T00:00:00Z",
            "2031-01-01T00:00:00.500000Z"
        ));
        assert!(is_later(
            "2031-01-01T00:00:00.000002Z",
            "2031-01-01T00:00:00.000001Z"
        ));
        // offsets are read, not compared as text
        assert!(is_later(
            "2031-01-01T01:30:00+01:00",
            "2031-01-01T00:29:59Z"
        ));
        assert_eq!(
            cmp("2031-01-01T01:00:00+01:00", "2031-01-01T00:00:00Z"),
            Ordering::Equal
        );
        assert!(is_later("2031-01-01T00:00:00Z", "not a time"));
    }

    #[test]
    fn formatted_times_keep_microseconds_and_round_trip() {
        let t = parse("2031-05-06T07:08:09.123456789Z").expect("time");
        let s = format(t);
        assert_eq!(s, "2031-05-06T07:08:09.123456Z");
        assert_eq!(
            normalize("2031-05-06T09:08:09.5+02:00").as_deref(),
            Some("2031-05-06T07:08:09.500000Z")
        );
        assert_eq!(normalize("yesterday"), None);
        let a = now();
        assert!(parse(&a).is_some(), "{a}");
    }
}
