//! The demo story compiled into the binary, so `diptych` with no argument shows something real.

pub const FILES: &[(&str, &str)] = &[
    (
        "dovland-today.txt",
        include_str!("../assets/demo/dovland-today.txt"),
    ),
    (
        "harbour-ledger.md",
        include_str!("../assets/demo/harbour-ledger.md"),
    ),
    (
        "kestria-press-agency.txt",
        include_str!("../assets/demo/kestria-press-agency.txt"),
    ),
    (
        "northern-courier.txt",
        include_str!("../assets/demo/northern-courier.txt"),
    ),
    (
        "riverwatch-monitor.html",
        include_str!("../assets/demo/riverwatch-monitor.html"),
    ),
];
