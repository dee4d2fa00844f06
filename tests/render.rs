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
        .code(2);
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

/// The files of a folder, by name, with their contents.
fn contents(folder: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, fs::read(entry.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// A `dot` on PATH that draws the first view (as its input, which is all `render` needs) and
/// then waits on the second (`wait`) or fails on it; each run leaves its pid in `marks/`.
#[cfg(unix)]
fn fake_dot(dir: &std::path::Path, second: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let (bin, marks) = (dir.join("fake-bin"), dir.join("marks"));
    fs::create_dir_all(&bin).unwrap();
    fs::create_dir_all(&marks).unwrap();
    let then = match second {
        "wait" => "exec sleep 60",
        _ => "echo 'Error: syntax error in line 1' >&2; exit 1",
    };
    let script = format!(
        "#!/bin/sh\nn=$(ls '{marks}' | wc -l)\necho $$ > '{marks}/'$n\nif [ $n -ge 1 ]; then {then}; fi\ncat\n",
        marks = marks.display()
    );
    fs::write(bin.join("dot"), script).unwrap();
    fs::set_permissions(bin.join("dot"), fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    (path.into(), marks)
}

fn temporaries(files: &[(String, Vec<u8>)]) -> Vec<&str> {
    files
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| name.starts_with(".vnla-graph-"))
        .collect()
}

/// Ctrl-C or SIGTERM while the views are drawn: the temporary files written so far are
/// removed, the process ends by that signal, and the old views are all still there.
#[cfg(unix)]
#[test]
fn an_interrupted_render_removes_its_temporaries_and_keeps_the_old_views() {
    use std::os::unix::process::ExitStatusExt;
    for (signal, number) in [("INT", 2), ("TERM", 15)] {
        let fixture = crate::support::Fixture::base();
        fixture.run(&["render", "--out", "views"]).success();
        let views = fixture.path().join("views");
        let old = contents(&views);
        let (path, marks) = fake_dot(fixture.path(), "wait");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vnla-graph"))
            .current_dir(fixture.path())
            .env("PATH", &path)
            .args(["--data", "data", "render", "--out", "views"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The first view is drawn and the second waiting: temporaries exist.
        let start = std::time::Instant::now();
        while !marks.join("1").exists() {
            assert!(start.elapsed().as_secs() < 30, "the second `dot` never ran");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        // The first view's .dot and .svg, and the second's .dot and (empty) .svg.
        let during = contents(&views);
        assert_eq!(temporaries(&during).len(), 4, "{:?}", temporaries(&during));
        std::process::Command::new("kill")
            .args(["-s", signal, &child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        let waiting = fs::read_to_string(marks.join("1")).unwrap();
        let _ = std::process::Command::new("kill")
            .arg(waiting.trim())
            .status();
        assert_eq!(status.signal(), Some(number), "SIG{signal}: {status:?}");
        let after = contents(&views);
        assert!(temporaries(&after).is_empty(), "{:?}", temporaries(&after));
        assert!(after == old, "SIG{signal}: the old views, as they were");
    }
}

/// `dot` failing on a later view leaves every old view as it was and no temporary file.
#[cfg(unix)]
#[test]
fn a_render_failing_half_way_keeps_the_old_views() {
    let fixture = crate::support::Fixture::base();
    fixture.run(&["render", "--out", "views"]).success();
    let views = fixture.path().join("views");
    fs::write(views.join("ties.svg"), "an older picture").unwrap();
    let old = contents(&views);
    let (path, _) = fake_dot(fixture.path(), "fail");
    let assert = vnla_graph(fixture.path())
        .env("PATH", &path)
        .args(["--data", "data", "render", "--out", "views"])
        .assert()
        .code(2);
    assert!(
        stderr_of(&assert).contains("`dot` failed"),
        "{}",
        stderr_of(&assert)
    );
    let after = contents(&views);
    assert!(temporaries(&after).is_empty(), "{:?}", temporaries(&after));
    assert!(after == old, "the old views, as they were");
}
