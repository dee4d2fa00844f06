//! `render`: every view of the bundled data drawn by the real Graphviz, written whole or not
//! at all, and `--check` for CI.

use std::fs;

use crate::support::{stderr_of, vnla_graph};

fn bundled() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("graph-data")
}

#[test]
fn every_view_renders_without_graphviz_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let assert = vnla_graph(dir.path())
        .arg("--data")
        .arg(bundled())
        .args(["render", "--out", "views"])
        .assert()
        .success();
    let stderr = stderr_of(&assert);
    assert!(!stderr.contains("warning"), "{stderr}");
    let mut names: Vec<String> = fs::read_dir(dir.path().join("views"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // One view per relations/ file (9 themes) and three cross-cutting views, .dot and .svg
    // each, and the explorer.
    assert_eq!(names.len(), 25, "{names:?}");
    for expected in [
        "explorer.html",
        "security.svg",
        "signatories.svg",
        "history-1945-1977.svg",
        "kaysone-phomvihane.svg",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing from {names:?}"
        );
    }
    for name in names.iter().filter(|n| n.ends_with(".svg")) {
        let svg = fs::read_to_string(dir.path().join("views").join(name)).unwrap();
        assert!(svg.contains("<svg") && svg.contains("Legend"), "{name}");
        crate::support::assert_valid_svg(&svg, name);
    }
    vnla_graph(dir.path())
        .arg("--data")
        .arg(bundled())
        .args(["render", "--out", "views", "--check"])
        .assert()
        .success();
}

#[test]
fn check_reports_stale_views() {
    let dir = tempfile::tempdir().unwrap();
    vnla_graph(dir.path())
        .arg("--data")
        .arg(bundled())
        .args(["render", "--out", "views"])
        .assert()
        .success();
    fs::write(dir.path().join("views/treaties.dot"), "digraph {}").unwrap();
    // An explorer whose data is not the data's: one name changed in the data it carries.
    let explorer = dir.path().join("views/explorer.html");
    let html = fs::read_to_string(&explorer).unwrap();
    let (picture, data) = html.split_at(html.find(r#"id="graph-data""#).unwrap());
    let changed = format!("{picture}{}", data.replacen("Kaysone", "Kaysonee", 1));
    fs::write(&explorer, changed).unwrap();
    let assert = vnla_graph(dir.path())
        .arg("--data")
        .arg(bundled())
        .args(["render", "--out", "views", "--check"])
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("views/treaties.dot, views/explorer.html out of date with the data"),
        "{stderr}"
    );
    assert!(stderr.contains("run `vnla-graph render`"), "{stderr}");
}

#[test]
fn without_graphviz_render_names_the_package_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("views")).unwrap();
    fs::write(dir.path().join("views/treaties.svg"), "earlier picture").unwrap();
    let empty_path = tempfile::tempdir().unwrap();
    let assert = vnla_graph(dir.path())
        .env("PATH", empty_path.path())
        .arg("--data")
        .arg(bundled())
        .args(["render", "--out", "views"])
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("error: Graphviz: cannot run `dot`"),
        "{stderr}"
    );
    assert!(stderr.contains("the `graphviz` package"), "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.path().join("views/treaties.svg")).unwrap(),
        "earlier picture"
    );
    assert_eq!(
        fs::read_dir(dir.path().join("views")).unwrap().count(),
        1,
        "nothing else written"
    );
}

/// A theme file named like a view across themes is refused, not drawn over that view.
#[test]
fn a_theme_named_like_a_cross_theme_view_is_refused() {
    let fixture = crate::support::Fixture::base();
    std::fs::rename(
        fixture.data().join("relations/ties.yaml"),
        fixture.data().join("relations/signatories.yaml"),
    )
    .unwrap();
    let stderr = crate::support::stderr_of(&fixture.run(&["render", "--out", "views"]).code(1));
    assert!(
        stderr.contains("relations/signatories.yaml would draw a view named `signatories`")
            && stderr.contains("signatories, history-1945-1977, kaysone-phomvihane"),
        "{stderr}"
    );
    assert!(!fixture.path().join("views").exists(), "nothing written");
}
