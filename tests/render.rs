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
    // Every theme (a relations/ file) and every cross-cutting view is drawn, whole or in
    // pages (`treaties-1`, `treaties-2`), each as .dot, .svg and its evidence .md.
    for prefix in [
        "security",
        "treaties",
        "signatories",
        "history-1945-1977",
        "kaysone-phomvihane",
    ] {
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(prefix) && n.ends_with(".svg")),
            "{prefix} missing from {names:?}"
        );
    }
    for name in names.iter().filter(|n| n.ends_with(".svg")) {
        let stem = name.trim_end_matches(".svg");
        for beside in ["dot", "md"] {
            assert!(
                names.contains(&format!("{stem}.{beside}")),
                "{stem}.{beside}"
            );
        }
        let svg = fs::read_to_string(dir.path().join("views").join(name)).unwrap();
        assert!(svg.contains("<svg") && svg.contains(">Key<"), "{name}");
        crate::support::assert_valid_svg(&svg, name);
    }
    vnla_graph(dir.path())
        .arg("--data")
        .arg(bundled())
        .args(["render", "--out", "views", "--check"])
        .assert()
        .success();
}

/// The first view's `.dot` in `dir`, by name.
fn first_view(dir: &std::path::Path) -> String {
    let mut dots: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".dot"))
        .collect();
    dots.sort();
    dots.remove(0)
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
    let stale = first_view(&dir.path().join("views"));
    fs::write(dir.path().join("views").join(&stale), "digraph {}").unwrap();
    let assert = vnla_graph(dir.path())
        .arg("--data")
        .arg(bundled())
        .args(["render", "--out", "views", "--check"])
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains(&format!("views/{stale} out of date with the data")),
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
