//! Scenario files on disk: bounded reads and atomic saves.

use crate::model::{self, FieldError, LoadError, MAX_FILE_BYTES, Scenario};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Reads and validates a scenario file. Refuses anything but a regular file (a FIFO or a
/// device would block or never end) and files over [`MAX_FILE_BYTES`], before reading them.
pub fn load(path: &Path) -> Result<Scenario, LoadError> {
    load_noting(path).map(|(s, _)| s)
}

/// Like [`load`], with what migrating an older schema changed (one line each).
pub fn load_noting(path: &Path) -> Result<(Scenario, Vec<String>), LoadError> {
    // The caller names the file; the message says what went wrong.
    let io = |e: std::io::Error| LoadError::Io(e.to_string());
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(LoadError::Io(if meta.is_dir() {
            "is a folder, not a scenario file".into()
        } else {
            "is not a regular file (a pipe, socket or device); give a scenario file".into()
        }));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { bytes: meta.len() });
    }
    let file = open_nonblocking(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    parse_noting(&bytes)
}

/// Opens for reading without waiting for a writer, should the path have been swapped for a
/// FIFO since it was checked.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(0o4000); // O_NONBLOCK
    }
    let f = o.open(path)?;
    if !f.metadata()?.is_file() {
        return Err(std::io::Error::other("is not a regular file"));
    }
    Ok(f)
}

/// Parses, validates and runs a scenario once: a file whose projection is not finite is
/// refused here, with the site and year, so that no chart or export ever sees such a value.
pub fn parse(bytes: &[u8]) -> Result<Scenario, LoadError> {
    parse_noting(bytes).map(|(s, _)| s)
}

/// Like [`parse`], with the migration notes.
pub fn parse_noting(bytes: &[u8]) -> Result<(Scenario, Vec<String>), LoadError> {
    let (s, notes) = model::from_bytes_noting(bytes)?;
    match crate::engine::check_finite(&s) {
        Ok(()) => Ok((s, notes)),
        Err((path, message)) => Err(LoadError::Invalid(vec![FieldError {
            path,
            message,
            position: None,
        }])),
    }
}

/// Writes a scenario atomically: a temporary file in the same folder, flushed to disk, then
/// renamed over the target. On any failure the old file is left as it was.
pub fn save(path: &Path, scenario: &Scenario) -> Result<(), String> {
    let text = model::to_string(scenario)?;
    write_atomic(path, text.as_bytes())
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Atomic write of any bytes (also used for exports): a new temporary file with an
/// unpredictable name, created exclusively (a planted file or symlink cannot be followed),
/// written and synced, given the target's permissions when it exists, renamed over the
/// target, and the folder synced so that the rename survives a power cut.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("could not save {}: {e}", path.display());
    let dir = folder_of(path);
    if path.file_name().is_none() {
        return Err(format!("{}: not a file name", path.display()));
    }
    if !dir.is_dir() {
        return Err(fail(&format!("the folder {} does not exist", dir.display())));
    }
    // A device or a pipe at the target (`/dev/null`, `>(gzip)`) is written to as it is: a
    // rename would replace it (and writing to /dev/full would "succeed" by removing the
    // device). A folder is refused. A symlink to a regular file is replaced, not followed, so
    // that a planted link cannot redirect the write.
    if let Ok(m) = std::fs::metadata(path) {
        if m.is_dir() {
            return Err(fail(&"it is a folder; give a file name"));
        }
        if !m.is_file() {
            return std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush()))
                .map_err(|e| fail(&e));
        }
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".decarb-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| fail(&e))?;
    tmp.write_all(bytes).map_err(|e| fail(&e))?;
    // A scenario kept private (0600) stays private; a new file gets the usual 0666 − umask.
    let perms = match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Some(m.permissions()),
        _ => default_permissions(),
    };
    if let Some(p) = perms {
        tmp.as_file().set_permissions(p).map_err(|e| fail(&e))?;
    }
    tmp.as_file().sync_all().map_err(|e| fail(&e))?;
    tmp.persist(path).map_err(|e| fail(&e.error))?;
    sync_folder(&dir);
    Ok(())
}

/// 0666 less the process's umask, as `File::create` would give (tempfile creates 0600).
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o666 & !umask()))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// The process's umask, from `/proc/self/status` (Linux); 022 when it cannot be read.
#[cfg(unix)]
fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

/// Makes a rename in `dir` durable (best effort: not every file system can sync a folder).
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Writes a set of files into the folder `dir` as one change: they are written into a new
/// temporary folder beside it, which then replaces `dir`. A reader sees the old set or the
/// new one, never a mix. `dir` must be new, empty, or hold only files named as in `files`
/// (a previous export); anything else in it is refused rather than deleted.
pub fn write_folder_atomic(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    check_folder(dir, &names)?;
    let parent = folder_of(dir);
    let fail = |e: &dyn std::fmt::Display| format!("could not write {}: {e}", dir.display());
    let tmp = tempfile::Builder::new()
        .prefix(".decarb-")
        .tempdir_in(&parent)
        .map_err(|e| fail(&e))?;
    for (name, bytes) in files {
        let mut f = std::fs::File::create_new(tmp.path().join(name)).map_err(|e| fail(&e))?;
        f.write_all(bytes)
            .and_then(|_| f.sync_all())
            .map_err(|e| fail(&e))?;
        if let Some(p) = default_permissions() {
            f.set_permissions(p).map_err(|e| fail(&e))?;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = 0o777 & !umask();
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode)).map_err(|e| fail(&e))?;
    }
    sync_folder(tmp.path());
    let new = tmp.keep();
    if dir.exists() {
        // Move the old set aside, the new one in, then delete the old one.
        let old = tempfile::Builder::new()
            .prefix(".decarb-old-")
            .tempdir_in(&parent)
            .map_err(|e| fail(&e))?
            .keep();
        let aside = old.join("set");
        if let Err(e) = std::fs::rename(dir, &aside) {
            let _ = std::fs::remove_dir_all(&new);
            let _ = std::fs::remove_dir_all(&old);
            return Err(fail(&e));
        }
        if let Err(e) = std::fs::rename(&new, dir) {
            let _ = std::fs::rename(&aside, dir);
            let _ = std::fs::remove_dir_all(&new);
            let _ = std::fs::remove_dir_all(&old);
            return Err(fail(&e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else if let Err(e) = std::fs::rename(&new, dir) {
        let _ = std::fs::remove_dir_all(&new);
        return Err(fail(&e));
    }
    sync_folder(&parent);
    Ok(())
}

/// Whether the folder `dir` may be replaced by a set of files named `names`: it is new, empty,
/// or holds only files of those names (a previous export). Checked before anything is written.
pub fn check_folder(dir: &Path, names: &[&str]) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("could not write {}: {e}", dir.display());
    match std::fs::symlink_metadata(dir) {
        Ok(m) if !m.is_dir() => Err(format!("{}: exists and is not a folder", dir.display())),
        Ok(_) => {
            for entry in std::fs::read_dir(dir).map_err(|e| fail(&e))? {
                let entry = entry.map_err(|e| fail(&e))?;
                let name = entry.file_name();
                let ours = name.to_str().is_some_and(|n| names.contains(&n));
                if !ours || !entry.file_type().is_ok_and(|t| t.is_file()) {
                    return Err(format!(
                        "{}: the folder holds other files ({}); export into a new or empty folder",
                        dir.display(),
                        name.to_string_lossy()
                    ));
                }
            }
            Ok(())
        }
        Err(_) if !folder_of(dir).is_dir() => Err(format!(
            "{}: the folder {} does not exist",
            dir.display(),
            folder_of(dir).display()
        )),
        Err(_) => Ok(()),
    }
}

/// Whether `out` names the same file as `input` (through links, `..` or another spelling):
/// writing an export over its own scenario would destroy it.
pub fn same_file(out: &Path, input: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(out), std::fs::metadata(input)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    match (std::fs::canonicalize(out), std::fs::canonicalize(input)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
