//! Crash recovery: unsaved changes are written every few seconds to a recovery folder in the
//! user's data directory (never over the user's file). A clean save or quit removes them; after a
//! crash or a kill the next start finds them and offers them back.

use super::atomic::{SaveError, atomic_write};
use crate::model::Journey;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// One running editor's recovery files. While the editor runs it holds a lock on
/// `<id>.lock` beside its copy; the operating system releases the lock when the process ends,
/// however it ends, so another editor can tell a live window's copy from an orphan on every
/// platform (a process id alone cannot: ids are reused, and only Linux has `/proc`).
#[derive(Debug, Clone)]
pub struct RecoveryStore {
    dir: PathBuf,
    id: String,
    /// Held while this editor has a copy in the folder.
    lock: Arc<Mutex<Option<std::fs::File>>>,
}

/// A map found in the recovery folder, left by an editor that did not close cleanly.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// The recovery copy.
    pub file: PathBuf,
    /// Where the map was being edited from, if it had been saved before.
    pub source: Option<PathBuf>,
    /// When the copy was last written.
    pub modified: SystemTime,
    /// The map's title, for the prompt.
    pub title: String,
    /// When the source file had last changed when these edits began (its time on disk when
    /// it was opened or last saved), if known.
    pub based_on: Option<SystemTime>,
}

impl RecoveryStore {
    /// A store in `dir` for this process.
    pub fn new(dir: PathBuf) -> Self {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Self {
            dir,
            id: format!("{}-{nanos}", std::process::id()),
            lock: Arc::default(),
        }
    }

    fn lock_file(&self) -> PathBuf {
        self.dir.join(format!("{}.lock", self.id))
    }

    /// Takes this editor's lock before its copy is written.
    fn hold_lock(&self) -> Result<(), SaveError> {
        let mut held = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        if held.is_some() {
            return Ok(());
        }
        let path = self.lock_file();
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| SaveError::new(&path, e.to_string()))?;
        file.lock()
            .map_err(|e| SaveError::new(&path, e.to_string()))?;
        *held = Some(file);
        Ok(())
    }

    fn map_file(&self) -> PathBuf {
        self.dir.join(format!("{}.journey.ron", self.id))
    }

    fn meta_file(&self) -> PathBuf {
        self.dir.join(format!("{}.source", self.id))
    }

    /// Writes the current state of the map (atomically, like any save); `based_on` is the
    /// source file's time on disk when these edits began.
    pub fn save(
        &self,
        journey: &Journey,
        source: Option<&Path>,
        based_on: Option<SystemTime>,
    ) -> Result<(), SaveError> {
        std::fs::create_dir_all(&self.dir).map_err(|e| SaveError::new(&self.dir, e.to_string()))?;
        self.hold_lock()?;
        let nanos = based_on
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map(|d| d.as_nanos().to_string())
            .unwrap_or_default();
        let meta = format!(
            "pid {}\n{}\n{nanos}",
            std::process::id(),
            source.map(|p| p.display().to_string()).unwrap_or_default()
        );
        atomic_write(&self.meta_file(), meta.as_bytes())?;
        let text = super::to_ron_string(journey)
            .map_err(|e| SaveError::new(&self.map_file(), e.to_string()))?;
        atomic_write(&self.map_file(), text.as_bytes())
    }

    /// Removes this editor's recovery copy (after a clean save or quit).
    pub fn clear(&self) {
        let _ = std::fs::remove_file(self.map_file());
        let _ = std::fs::remove_file(self.meta_file());
        // Unlock before deleting: Windows deletes no file that is open.
        let held = self.lock.lock().unwrap_or_else(|e| e.into_inner()).take();
        if held.is_some() {
            drop(held);
            let _ = std::fs::remove_file(self.lock_file());
        }
    }

    /// Maps left by editors that are no longer running.
    pub fn orphans(&self) -> Vec<Recovered> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let file = entry.path();
            let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if let Some(id) = name.strip_suffix(".lock") {
                // A lock left by an editor that closed cleanly (its copy is gone): tidy up.
                let copy = self.dir.join(format!("{id}.journey.ron"));
                if id != self.id && !copy.exists() && !editor_alive(&file, None) {
                    let _ = std::fs::remove_file(&file);
                }
                continue;
            }
            let Some(id) = name.strip_suffix(".journey.ron") else {
                continue;
            };
            if id == self.id {
                continue;
            }
            let meta =
                std::fs::read_to_string(self.dir.join(format!("{id}.source"))).unwrap_or_default();
            let mut lines = meta.lines();
            let pid = lines
                .next()
                .and_then(|l| l.strip_prefix("pid "))
                .and_then(|p| p.parse::<u32>().ok());
            if editor_alive(&self.dir.join(format!("{id}.lock")), pid) {
                // Another window is still editing this map.
                continue;
            }
            let source = lines.next().filter(|l| !l.is_empty()).map(PathBuf::from);
            let based_on = lines
                .next()
                .and_then(|l| l.trim().parse::<u64>().ok())
                .map(|n| SystemTime::UNIX_EPOCH + std::time::Duration::from_nanos(n));
            let modified = entry
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            let title = super::load(&file).map(|j| j.title).unwrap_or_default();
            out.push(Recovered {
                file,
                source,
                modified,
                title,
                based_on,
            });
        }
        out.sort_by_key(|r| std::cmp::Reverse(r.modified));
        out
    }
}

impl Recovered {
    /// Deletes the recovery copy (the user chose not to restore it, or restored it).
    pub fn discard(&self) {
        let _ = std::fs::remove_file(&self.file);
        if let Some(stem) = self
            .file
            .to_str()
            .and_then(|f| f.strip_suffix(".journey.ron"))
        {
            let _ = std::fs::remove_file(format!("{stem}.source"));
            let _ = std::fs::remove_file(format!("{stem}.lock"));
        }
    }

    /// "3 minutes ago", "2 hours ago", "5 days ago".
    pub fn age(&self) -> String {
        ago(self.modified)
    }

    /// When the source file changed on disk after these edits began (a colleague's sync, a
    /// save from another window): restoring would put older edits over newer work.
    pub fn source_moved_on(&self) -> Option<SystemTime> {
        let based_on = self.based_on?;
        let now = std::fs::metadata(self.source.as_ref()?)
            .and_then(|m| m.modified())
            .ok()?;
        (now > based_on).then_some(now)
    }
}

/// How long ago `t` was, short: "40 s", "3 min", "2 h", "5 d".
pub fn ago(t: SystemTime) -> String {
    let secs = SystemTime::now()
        .duration_since(t)
        .map_or(0, |d| d.as_secs());
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min", secs / 60),
        3600..=86_399 => format!("{} h", secs / 3600),
        _ => format!("{} d", secs / 86_400),
    }
}

/// Whether the editor that wrote a copy still runs: its lock file is still locked. Copies
/// written before editors took locks fall back to the process id (Linux only).
fn editor_alive(lock: &Path, pid: Option<u32>) -> bool {
    match std::fs::OpenOptions::new().write(true).open(lock) {
        Ok(file) => match file.try_lock() {
            Ok(()) => false,
            Err(std::fs::TryLockError::WouldBlock) => true,
            // Cannot tell: keep our hands off the copy.
            Err(std::fs::TryLockError::Error(_)) => true,
        },
        Err(_) => pid.is_some_and(|pid| {
            pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use crate::templates::Template;

    #[test]
    fn a_copy_left_by_a_dead_editor_is_found_and_a_clean_one_is_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mine = RecoveryStore::new(dir.path().to_owned());
        let j = Template::Blank.build(Language::En);
        mine.save(&j, Some(Path::new("/maps/a.journey.ron")), None)
            .expect("saves");
        // My own copy is not an orphan to me.
        assert!(mine.orphans().is_empty());
        // A copy whose editor (pid) is gone is.
        std::fs::write(
            dir.path().join("999999999-1.journey.ron"),
            crate::io::to_ron_string(&j).expect("ron"),
        )
        .expect("write");
        std::fs::write(
            dir.path().join("999999999-1.source"),
            "pid 999999999\n/maps/b.journey.ron",
        )
        .expect("write");
        let found = mine.orphans();
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].source.as_deref(),
            Some(Path::new("/maps/b.journey.ron"))
        );
        assert_eq!(found[0].title, j.title);
        found[0].discard();
        assert!(mine.orphans().is_empty());
        mine.clear();
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);
    }

    #[test]
    fn a_live_editors_copy_is_left_alone_until_its_lock_is_released() {
        let dir = tempfile::tempdir().expect("temp dir");
        let j = Template::Blank.build(Language::En);
        let other = RecoveryStore::new(dir.path().to_owned());
        other.save(&j, None, None).expect("saves");
        // Its process id is ours, so only the held lock tells that the editor is alive; a
        // pid from another machine (a synced data folder) or another OS would say nothing.
        let meta = dir.path().join(format!("{}.source", other.id));
        std::fs::write(&meta, "pid 999999999\n").expect("write");
        let me = RecoveryStore {
            dir: dir.path().to_owned(),
            id: "me".into(),
            lock: Arc::default(),
        };
        assert!(
            me.orphans().is_empty(),
            "a live window's copy is not offered"
        );
        // The editor dies: the operating system drops its lock.
        drop(other);
        let found = me.orphans();
        assert_eq!(found.len(), 1, "a dead editor's copy is offered");
        found[0].discard();
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);
    }
}
