//! Scenario files on disk: bounded reads and atomic saves.

use crate::model::{self, LoadError, MAX_FILE_BYTES, Scenario};
use std::io::{Read, Write};
use std::path::Path;

/// Reads and validates a scenario file. Refuses files over [`MAX_FILE_BYTES`] before reading them.
pub fn load(path: &Path) -> Result<Scenario, LoadError> {
    // The caller names the file; the message says what went wrong.
    let io = |e: std::io::Error| LoadError::Io(e.to_string());
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { bytes: len });
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    model::from_bytes(&bytes)
}

/// Writes a scenario atomically: a temporary file in the same folder, flushed to disk, then
/// renamed over the target. On any failure the old file is left as it was.
pub fn save(path: &Path, scenario: &Scenario) -> Result<(), String> {
    let text = model::to_string(scenario)?;
    write_atomic(path, text.as_bytes())
}

/// Atomic write of any bytes (also used for exports).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| format!("{}: not a file name", path.display()))?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("could not save {}: {e}", path.display()));
    }
    Ok(())
}
