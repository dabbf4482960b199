//! The window under load and after failures: large files open on a thread while frames keep
//! coming (with Cancel), and a failed Open or Compare keeps the scenario and its undo history.

use super::*;
use std::time::{Duration, Instant};

/// Every site at `share` CO2-free power from FY2030 (the lever edit these tests make).
fn all_co2_free(share: f64) -> decarb::model::edit::Edit {
    decarb::model::edit::Edit::Co2FreeShortcut {
        region: None,
        share,
        year: 2030,
    }
}

/// A scenario file large enough to be opened on a thread (2,000 generated sites).
fn large_file(dir: &std::path::Path) -> PathBuf {
    let s = decarb::synthetic::company(2000);
    let path = dir.join("large.ron");
    decarb::file::save(&path, &s).unwrap();
    assert!(
        std::fs::metadata(&path).unwrap().len() > decarb::app::jobs::BACKGROUND_BYTES,
        "the generated file is small enough to open at once"
    );
    path
}

#[test]
fn a_large_file_opens_on_a_thread_while_frames_keep_coming() {
    let dir = tempfile::tempdir().unwrap();
    let big = large_file(dir.path());
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    h.state_mut().command(Command::OpenPath(big.clone()));
    h.step(); // the command is applied at the end of this frame: the job starts
    let started = Instant::now();
    let mut frames = 0;
    let mut saw_progress = false;
    while h.state().busy() {
        let t = Instant::now();
        h.step();
        frames += 1;
        // A frame is drawn while the file loads: the window stays responsive.
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "a frame took {:?}",
            t.elapsed()
        );
        if h.state().busy() {
            saw_progress |= h.query_by_label_contains("Opening large.ron").is_some()
                && h.query_by_label("Cancel").is_some();
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the load never ended"
        );
    }
    assert!(
        frames >= 2 && saw_progress,
        "{frames} frames, progress shown: {saw_progress}"
    );
    h.run();
    assert_eq!(h.state().doc.path.as_deref(), Some(big.as_path()));
    h.get_by_label_contains("Opened");
}

#[test]
fn cancelling_a_slow_open_keeps_the_scenario_and_its_edits() {
    let dir = tempfile::tempdir().unwrap();
    let big = large_file(dir.path());
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    h.state_mut().command(Command::ResetAll);
    let before = h.state().doc.scenario().clone();
    h.state_mut().command(Command::OpenPath(big));
    h.step();
    h.step();
    assert!(h.state().busy());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().busy());
    h.get_by_label_contains("Cancelled: Opening large.ron");
    // The result, when it arrives (the load takes about a second), is dropped.
    std::thread::sleep(Duration::from_secs(5));
    h.run();
    assert_eq!(h.state().doc.scenario(), &before);
    assert_eq!(h.state().doc.path, None);
}

#[test]
fn a_failed_open_or_compare_keeps_the_edits_and_the_undo_history() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(schema_version: 1,").unwrap();
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    // An edit (the CO2-free shortcut).
    let original = h.state().doc.scenario().clone();
    h.state_mut().doc.apply_edits(vec![all_co2_free(1.0)]);
    h.state_mut().doc.commit();
    let edited = h.state().doc.scenario().clone();
    assert_ne!(edited, original);
    for c in [Command::OpenPath(bad.clone()), Command::ComparePath(bad.clone())] {
        let open = matches!(c, Command::OpenPath(_));
        h.state_mut().command(c);
        h.run();
        if open {
            // Open asks first about the unsaved edit: Discard, then the open fails.
            assert!(matches!(h.state().modal, Some(Modal::Unsaved { .. })));
            h.get_by_label("Discard").click();
            h.run();
        }
        assert!(matches!(h.state().modal, Some(Modal::Errors { .. })));
        h.state_mut().modal = None;
        assert_eq!(h.state().doc.scenario(), &edited);
    }
    // A good comparison does not touch the edited scenario either.
    h.state_mut()
        .command(Command::ComparePath(shipped("nlm-2013.ron")));
    h.run();
    assert_eq!(h.state().compared.len(), 1);
    assert_eq!(h.state().doc.scenario(), &edited);
    // The history survived: undo goes back to the file as opened.
    h.state_mut().command(Command::Undo);
    h.run();
    assert_eq!(h.state().doc.scenario(), &original);
}

#[test]
fn autosave_writes_a_recovery_copy_at_most_every_30_s_and_save_removes_it() {
    use decarb::app::recovery::{Autosave, INTERVAL};
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.ron");
    std::fs::copy(shipped("nlm-2013.ron"), &file).unwrap();
    let s = decarb::file::load(&file).unwrap();
    let mut app = app_full(s, Some(file.clone()), FakeDialogs::default());
    app.autosave = Autosave::in_dir(data.path().to_path_buf(), INTERVAL);
    let mut h = harness(app);
    h.run();
    let copies = || -> Vec<PathBuf> {
        std::fs::read_dir(data.path())
            .map(|d| {
                d.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("recovery-"))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(copies().is_empty(), "nothing to recover before an edit");

    h.state_mut().doc.apply_edits(vec![all_co2_free(1.0)]);
    h.run();
    let copy = copies().pop().expect("a recovery copy");
    let first = std::fs::read_to_string(&copy).unwrap();
    assert!(first.contains("plan.ron"));
    // A second edit within 30 s is not written yet.
    h.state_mut().doc.apply_edits(vec![all_co2_free(0.5)]);
    h.run();
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), first);
    // The user's file is never written by the autosave.
    assert_eq!(
        decarb::file::load(&file).unwrap(),
        decarb::file::load(&shipped("nlm-2013.ron")).unwrap()
    );
    // Save removes the copy.
    h.state_mut().command(Command::Save);
    h.run();
    assert!(!copy.exists());
    // Its lock file went with it: the folder is empty.
    assert_eq!(std::fs::read_dir(data.path()).unwrap().count(), 0);
}

/// Kills a real window (under Xvfb) that has unsaved changes, then starts again: the
/// changes are offered, shown against the saved file, and recovered (Undo goes back to the
/// file); Discard removes the copy.
#[test]
fn after_a_kill_the_next_start_offers_the_unsaved_changes() {
    use decarb::app::recovery::{Autosave, INTERVAL};
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.ron");
    std::fs::copy(shipped("nlm-2013.ron"), &file).unwrap();
    // The benchmark mode moves a CO2-free share on every frame: unsaved changes at once.
    let mut child = std::process::Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1600x1000x24"])
        .arg(env!("CARGO_BIN_EXE_decarb"))
        .args(["--bench-frames", "1000000"])
        .arg(&file)
        .env("DECARB_DATA_DIR", data.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("xvfb-run (install the xvfb package)");
    let recovery = data.path().join("recovery");
    let started = Instant::now();
    let copy = loop {
        let found = std::fs::read_dir(&recovery).ok().and_then(|mut d| {
            d.find_map(|e| {
                e.ok()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            })
        });
        if let Some(p) = found {
            break p;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no recovery copy was written"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    // The window's process id is in its copy.
    let text = std::fs::read_to_string(&copy).unwrap();
    let pid: String = text
        .split("pid:")
        .nth(1)
        .unwrap()
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let _ = child.wait();
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        std::thread::sleep(Duration::from_millis(50));
    }
    // The next start: the copy is offered.
    let saved = decarb::file::load(&file).unwrap();
    let bytes = std::fs::read(&copy).unwrap();
    let start = || {
        let mut app = app_full(jx(), None, FakeDialogs::default());
        app.autosave = Autosave::in_dir(recovery.clone(), INTERVAL);
        app.offer_recovery();
        let mut h = harness(app);
        h.run();
        h.get_by_label_contains("Recover unsaved changes to plan.ron");
        h.get_by_label_contains("CO2-free share");
        h
    };
    let mut h = start();
    h.get_by_label("Recover").click();
    h.run();
    assert!(!copy.exists(), "the copy is taken");
    {
        let app = h.state();
        assert_eq!(app.doc.path.as_deref(), Some(file.as_path()));
        assert!(app.doc.is_dirty());
        assert_ne!(app.doc.scenario(), &saved);
    }
    h.get_by_label_contains("Recovered changes from");
    h.state_mut().command(Command::Undo);
    h.run();
    assert_eq!(
        h.state().doc.scenario(),
        &saved,
        "Undo goes back to the saved file"
    );
    drop(h);
    // Discard: the copy goes, the window opens on what it was given.
    std::fs::write(&copy, &bytes).unwrap();
    let mut h = start();
    h.get_by_label("Discard").click();
    h.run();
    assert!(!copy.exists(), "Discard removes the copy");
    assert_eq!(h.state().doc.scenario(), &jx());
}

#[test]
fn a_change_made_while_a_file_loads_is_kept_and_the_open_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    let big = large_file(dir.path());
    let mut h = harness(app_with(FakeDialogs::default()));
    h.run();
    h.state_mut().command(Command::OpenPath(big));
    h.step();
    assert!(h.state().opening());
    // An edit lands before the file is read (as a shortcut or an undo could).
    h.state_mut().doc.apply_edits(vec![all_co2_free(1.0)]);
    let edited = h.state().doc.scenario().clone();
    let started = Instant::now();
    while h.state().busy() {
        h.step();
        assert!(started.elapsed() < Duration::from_secs(60));
    }
    h.run();
    assert_eq!(h.state().doc.scenario(), &edited, "the edit was lost");
    h.get_by_label_contains("the scenario was changed while the file was read");
}

#[test]
fn a_copy_of_a_running_window_or_one_that_does_not_read_is_not_offered() {
    use decarb::app::recovery::{Autosave, INTERVAL};
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.ron");
    std::fs::copy(shipped("nlm-2013.ron"), &file).unwrap();
    // A window with unsaved changes, still running: its copy is locked.
    let s = decarb::file::load(&file).unwrap();
    let mut running = app_full(s, Some(file.clone()), FakeDialogs::default());
    running.autosave = Autosave::in_dir(data.path().to_path_buf(), INTERVAL);
    let mut h = harness(running);
    h.run();
    h.state_mut().doc.apply_edits(vec![all_co2_free(1.0)]);
    h.run();
    let other = Autosave::in_dir(data.path().to_path_buf(), INTERVAL);
    assert!(other.orphan().is_none(), "a running window's copy was offered");
    // A newer copy that does not read does not hide an older one that does.
    let copy = std::fs::read_dir(data.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "ron"))
        .unwrap();
    let text = std::fs::read_to_string(&copy).unwrap();
    drop(h); // the window is gone without a clean exit: its lock is released
    let orphan = other.orphan().expect("the copy of a gone window is offered");
    assert_eq!(orphan.path.as_deref(), Some(file.as_path()));
    let newer = data.path().join("recovery-zzz.ron");
    std::fs::write(
        &newer,
        text.replace("written_unix_s: ", "written_unix_s: 9")
            .replace("schema_version", "bogus"),
    )
    .unwrap();
    let orphan = other.orphan().expect("the readable copy is still offered");
    assert_eq!(orphan.file, copy);
}
