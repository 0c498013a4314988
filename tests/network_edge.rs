//! Only `src/fetch/` opens sockets: no other module names the HTTP client or the socket types.

use std::path::Path;

fn scan(path: &Path, bad: &mut Vec<String>) {
    if path.is_dir() {
        if path.file_name().is_some_and(|n| n == "fetch") {
            return;
        }
        for e in std::fs::read_dir(path).unwrap().flatten() {
            scan(&e.path(), bad);
        }
    } else if path.extension().is_some_and(|x| x == "rs") {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            if ["ureq::", "std::net", "TcpStream", "UdpSocket", "feed_rs::"]
                .iter()
                .any(|n| line.contains(n))
            {
                bad.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    }
}

#[test]
fn only_the_fetch_module_uses_the_network() {
    let mut bad = Vec::new();
    scan(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut bad);
    assert!(
        bad.is_empty(),
        "network code outside src/fetch/:\n{}",
        bad.join("\n")
    );
}
