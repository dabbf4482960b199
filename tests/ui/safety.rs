//! The window under load and after failures: large files open on a thread while frames keep
//! coming (with Cancel), and a failed Open or Compare keeps the scenario and its undo history.

use super::*;
use std::time::{Duration, Instant};

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
    // The result, when it arrives, is dropped.
    std::thread::sleep(Duration::from_millis(300));
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
    h.state_mut()
        .doc
        .apply_edits(vec![decarb::model::edit::Edit::Co2FreeShortcut {
            region: None,
            share: 1.0,
            year: 2030,
        }]);
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
