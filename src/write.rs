//! Writing outputs atomically: a temporary file in the target directory, then a rename, so a
//! reader (or a crash) sees the previous complete file or the new complete file, never half.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, SystemTime};

const TEMP_PREFIX: &str = ".rescc-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file this old was left by a killed build: a build writes its files in
/// milliseconds, and builds running at once in the same folder must keep theirs.
const STALE_AFTER: Duration = Duration::from_secs(600);

/// Writes `bytes` to `path`, creating the directory if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage(path, bytes)?.commit()
}

/// A file written in full beside its target and on the disk, not yet in its place.
#[derive(Debug)]
pub struct Staged {
    file: tempfile::NamedTempFile,
    target: std::path::PathBuf,
}

/// Writes `bytes` to a temporary file in `path`'s directory (created if needed) and waits for the
/// disk to hold them, so that [`Staged::commit`] is one rename. Dropped uncommitted, the
/// temporary file is removed and `path` is left as it was.
pub fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<Staged> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    remove_stale_temporaries(dir);
    let mut file = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    Ok(Staged { file, target: path.to_path_buf() })
}

impl Staged {
    /// Where the file goes.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Renames the file over its target.
    pub fn commit(self) -> std::io::Result<()> {
        self.file.persist(&self.target).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Removes temporary files that killed builds left in `dir`; best effort.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let modified = entry.metadata().and_then(|m| m.modified());
        let age = modified.ok().and_then(|m| SystemTime::now().duration_since(m).ok());
        if age.is_some_and(|age| age > STALE_AFTER) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
