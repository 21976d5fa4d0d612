//! Writing outputs atomically: each file goes to a temporary file in its target's folder and to
//! the disk, then a rename puts it in place, so a reader (or a crash) sees the previous complete
//! file or the new complete file, never half. The outputs of one build are replaced as a set.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const TEMP_PREFIX: &str = ".rescc-";
const TEMP_SUFFIX: &str = ".tmp";
/// The journal of a set of renames in progress.
const JOURNAL_SUFFIX: &str = ".set";
/// The journal's last line: a journal without it was cut off while it was written.
const JOURNAL_END: &str = "end";

/// A temporary file this old was left by a killed build: a build writes its files in
/// milliseconds, and builds running at once in the same folder must keep theirs.
const STALE_AFTER: Duration = Duration::from_secs(600);

/// The files a command reads, by identity: no output may replace one, whatever path names it
/// (a symlink, a hard link, another spelling on a case-insensitive disk).
#[derive(Debug, Default, Clone)]
pub struct Inputs(HashMap<FileIdentity, PathBuf>);

/// A file's identity: its device and inode on Unix, its canonical path elsewhere.
#[cfg(unix)]
type FileIdentity = (u64, u64);
#[cfg(not(unix))]
type FileIdentity = PathBuf;

fn identity(path: &Path) -> Option<FileIdentity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        path.canonicalize().ok()
    }
}

impl Inputs {
    /// Records `path` as read, when it exists (a file that does not cannot be replaced).
    pub fn add(&mut self, path: &Path) {
        if let Some(id) = identity(path) {
            self.0.entry(id).or_insert_with(|| path.to_path_buf());
        }
    }

    /// The input that writing `output` would replace, as the command named it.
    pub fn replaced_by(&self, output: &Path) -> Option<&Path> {
        self.0.get(&identity(output)?).map(PathBuf::as_path)
    }
}

/// Writes `bytes` to `path`, creating the directory if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_all(vec![stage(path, bytes)?]).map_err(|failed| failed.error)
}

/// A file written in full beside its target and on the disk, not yet in its place.
#[derive(Debug)]
pub struct Staged {
    file: tempfile::NamedTempFile,
    target: PathBuf,
}

/// Writes `bytes` to a temporary file in `path`'s directory (created if needed) and waits for the
/// disk to hold them, so that putting it in place is one rename. Dropped unused, the temporary
/// file is removed and `path` is left as it was.
pub fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<Staged> {
    let dir = folder(path);
    std::fs::create_dir_all(dir)?;
    tidy(dir);
    let mut file = temporary(dir)?;
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
}

/// A target that could not be replaced, and why.
#[derive(Debug)]
pub struct NotReplaced {
    pub target: PathBuf,
    pub error: std::io::Error,
}

/// Puts every staged file in its place, or none: either every target holds its new file, or
/// every target is as it was. Each target is checked first; a rename that fails even so puts
/// back the files already replaced, from a link to each previous file kept until the set is
/// complete. A build killed among the renames leaves their journal, and the next build into the
/// folder finishes them.
pub fn replace_all(staged: Vec<Staged>) -> Result<(), NotReplaced> {
    for staged in &staged {
        replaceable(&staged.target).map_err(|error| NotReplaced { target: staged.target.clone(), error })?;
    }
    let mut kept = Vec::with_capacity(staged.len());
    for staged in &staged {
        match keep_previous(&staged.target) {
            Ok(previous) => kept.push(previous),
            Err(error) => return Err(NotReplaced { target: staged.target.clone(), error }),
        }
    }
    let journal = Journal::begin(&staged).map_err(|error| NotReplaced { target: staged[0].target.clone(), error })?;
    let renamed = rename_all(staged, &kept);
    if let Some(journal) = journal {
        journal.end();
    }
    for previous in kept.into_iter().flatten() {
        let _ = previous.close();
    }
    renamed
}

/// The renames of a set, on the disk in the set's folder while they run. The build doing them
/// holds a lock on it; a journal no one holds was left by a killed build, and every file it
/// names was already whole on the disk, so the next build into the folder completes the set.
struct Journal {
    path: PathBuf,
    /// Holds the lock until dropped.
    _file: std::fs::File,
}

impl Journal {
    /// Writes the journal of `staged`, when it is a set of files in one folder.
    fn begin(staged: &[Staged]) -> std::io::Result<Option<Journal>> {
        let Some(first) = staged.first().filter(|_| staged.len() > 1) else { return Ok(None) };
        let dir = folder(&first.target);
        let mut lines = String::new();
        for staged in staged {
            let from = staged.file.path().file_name().and_then(|n| n.to_str());
            let to = staged.target.file_name().and_then(|n| n.to_str());
            match (from, to) {
                (Some(from), Some(to)) if folder(&staged.target) == dir && !to.contains(['\t', '\n']) => {
                    lines += &format!("{from}\t{to}\n");
                }
                _ => return Ok(None),
            }
        }
        lines += JOURNAL_END;
        lines += "\n";
        let (mut file, path) = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(JOURNAL_SUFFIX)
            .tempfile_in(dir)?
            .keep()
            .map_err(|e| e.error)?;
        // Locked before it says anything, so no other build acts on it while this one runs; where
        // the file system has no locks, the set goes without a journal.
        if file.lock().is_err() {
            let _ = std::fs::remove_file(&path);
            return Ok(None);
        }
        // Not synced: it guards against a killed build, whose writes the system still holds.
        file.write_all(lines.as_bytes())?;
        Ok(Some(Journal { path, _file: file }))
    }

    /// The set is complete (or put back): the journal goes.
    fn end(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Completes the set a killed build left half renamed, from its journal at `path`.
fn finish_interrupted_set(dir: &Path, path: &Path) {
    let Ok(mut file) = std::fs::File::options().read(true).write(true).open(path) else { return };
    if file.try_lock().is_err() {
        return; // a running build's set
    }
    let mut text = String::new();
    let read = std::io::Read::read_to_string(&mut std::io::Read::take(&mut file, 64 << 10), &mut text);
    if read.is_err() || !text.ends_with(&format!("\n{JOURNAL_END}\n")) {
        return; // cut off before it was complete: no rename had started; swept when stale
    }
    for line in text.lines() {
        let Some((from, to)) = line.split_once('\t') else { continue };
        // Only rescc's own temporaries, onto plain names in this folder.
        let ours = from.starts_with(TEMP_PREFIX) && from.ends_with(TEMP_SUFFIX) && !from.contains(['/', '\\']);
        if !ours || to.contains(['/', '\\']) || to == ".." {
            continue;
        }
        let staged = dir.join(from);
        if staged.is_file() {
            let _ = std::fs::rename(&staged, dir.join(to));
        }
    }
    let _ = std::fs::remove_file(path);
}

/// Renames each staged file over its target; on a failure, restores the targets already
/// replaced from `kept` (the previous files, `None` where there was none).
fn rename_all(staged: Vec<Staged>, kept: &[Option<tempfile::TempPath>]) -> Result<(), NotReplaced> {
    let mut replaced: Vec<&Path> = Vec::with_capacity(staged.len());
    let targets: Vec<PathBuf> = staged.iter().map(|s| s.target.clone()).collect();
    for (staged, target) in staged.into_iter().zip(&targets) {
        if let Err(failed) = staged.file.persist(target) {
            for (done, previous) in replaced.iter().zip(kept) {
                // Best effort: the previous file is back if the folder still lets rescc rename.
                let _ = match previous {
                    Some(previous) => std::fs::rename(previous, done),
                    None => std::fs::remove_file(done),
                };
            }
            return Err(NotReplaced { target: target.clone(), error: failed.error });
        }
        replaced.push(target);
    }
    Ok(())
}

/// Whether a file can be renamed over `target`: a folder cannot be.
fn replaceable(target: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(target) {
        Ok(meta) if meta.is_dir() => Err(std::io::Error::other("a folder is in its place")),
        _ => Ok(()),
    }
}

/// A second name for `target`'s current file, in its folder, removed when dropped; `None` when
/// there is no file yet. A hard link where the file system has them, else a copy.
fn keep_previous(target: &Path) -> std::io::Result<Option<tempfile::TempPath>> {
    if std::fs::symlink_metadata(target).is_err() {
        return Ok(None);
    }
    let kept = temporary(folder(target))?.into_temp_path();
    std::fs::remove_file(&kept)?;
    if std::fs::hard_link(target, &kept).is_err() {
        std::fs::copy(target, &kept)?;
    }
    Ok(Some(kept))
}

fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn temporary(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).tempfile_in(dir)
}

/// Cleans up after killed builds in `dir`, best effort: completes the sets they left half
/// renamed, then removes their temporary files once no running build can own them.
fn tidy(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut temporaries = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !name.starts_with(TEMP_PREFIX) {
            continue;
        }
        if name.ends_with(JOURNAL_SUFFIX) {
            finish_interrupted_set(dir, &entry.path());
        }
        if name.ends_with(TEMP_SUFFIX) || name.ends_with(JOURNAL_SUFFIX) {
            temporaries.push(entry.path());
        }
    }
    for path in temporaries {
        let modified = std::fs::metadata(&path).and_then(|m| m.modified());
        let age = modified.ok().and_then(|m| SystemTime::now().duration_since(m).ok());
        if age.is_some_and(|age| age > STALE_AFTER) {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(dir: &Path, names: &[&str], bytes: &[u8]) -> Vec<Staged> {
        names.iter().map(|name| stage(&dir.join(name), bytes).unwrap()).collect()
    }

    fn contents(dir: &Path, names: &[&str]) -> Vec<Vec<u8>> {
        names.iter().map(|name| std::fs::read(dir.join(name)).unwrap_or_default()).collect()
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        let names = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned());
        names.filter(|n| n.starts_with(TEMP_PREFIX)).collect()
    }

    const NAMES: [&str; 3] = ["a.pdf", "a.docx", "a.txt"];

    #[test]
    fn a_set_with_a_folder_in_a_targets_place_replaces_nothing() {
        let dir = tempfile::tempdir().unwrap();
        replace_all(set(dir.path(), &NAMES[..2], b"old")).unwrap();
        std::fs::create_dir(dir.path().join("a.txt")).unwrap();
        let failed = replace_all(set(dir.path(), &NAMES, b"new")).unwrap_err();
        assert_eq!(failed.target, dir.path().join("a.txt"));
        assert_eq!(contents(dir.path(), &NAMES[..2]), [b"old", b"old"]);
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn a_rename_that_fails_puts_back_the_files_already_replaced() {
        let dir = tempfile::tempdir().unwrap();
        replace_all(set(dir.path(), &NAMES[..1], b"old")).unwrap();
        let staged = set(dir.path(), &NAMES, b"new");
        let kept: Vec<_> = NAMES.iter().map(|n| keep_previous(&dir.path().join(n)).unwrap()).collect();
        // Checked and found replaceable, then taken by a folder before its rename.
        std::fs::create_dir(dir.path().join("a.txt")).unwrap();
        std::fs::write(dir.path().join("a.txt/inside"), b"x").unwrap();
        let failed = rename_all(staged, &kept).unwrap_err();
        assert_eq!(failed.target, dir.path().join("a.txt"));
        assert_eq!(contents(dir.path(), &NAMES[..2]), [b"old".to_vec(), Vec::new()], "a.docx had no file before");
        assert!(!dir.path().join("a.docx").exists());
        drop(kept);
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn a_set_left_half_renamed_by_a_killed_build_is_completed_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        replace_all(set(dir.path(), &NAMES, b"old")).unwrap();
        let mut staged = set(dir.path(), &NAMES, b"new");
        let journal = Journal::begin(&staged).unwrap().expect("a set in one folder has a journal");
        // Killed after the first rename: the rest stay staged, and the journal stays unlocked.
        let first = staged.remove(0);
        first.file.persist(&first.target).unwrap();
        for rest in staged {
            rest.file.keep().unwrap();
        }
        drop(journal._file);
        assert_eq!(contents(dir.path(), &NAMES), [b"new", b"old", b"old"]);
        tidy(dir.path());
        assert_eq!(contents(dir.path(), &NAMES), [b"new", b"new", b"new"]);
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn a_running_builds_journal_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let staged = set(dir.path(), &NAMES, b"new");
        let journal = Journal::begin(&staged).unwrap().unwrap();
        tidy(dir.path());
        assert!(journal.path.exists());
        assert_eq!(contents(dir.path(), &NAMES), [Vec::<u8>::new(), Vec::new(), Vec::new()]);
        journal.end();
    }
}
