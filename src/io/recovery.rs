//! Crash recovery: unsaved changes are written every few seconds to a recovery folder in the
//! user's data directory (never over the user's file). A clean save or quit removes them; after a
//! crash or a kill the next start finds them and offers them back.

use super::atomic::{SaveError, atomic_write};
use crate::model::Journey;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// One running editor's recovery files.
#[derive(Debug, Clone)]
pub struct RecoveryStore {
    dir: PathBuf,
    id: String,
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
        }
    }

    fn map_file(&self) -> PathBuf {
        self.dir.join(format!("{}.journey.ron", self.id))
    }

    fn meta_file(&self) -> PathBuf {
        self.dir.join(format!("{}.source", self.id))
    }

    /// Writes the current state of the map (atomically, like any save).
    pub fn save(&self, journey: &Journey, source: Option<&Path>) -> Result<(), SaveError> {
        std::fs::create_dir_all(&self.dir).map_err(|e| SaveError::new(&self.dir, e.to_string()))?;
        let meta = format!(
            "pid {}\n{}",
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
            if pid.is_some_and(process_alive) {
                // Another window is still editing this map.
                continue;
            }
            let source = lines.next().filter(|l| !l.is_empty()).map(PathBuf::from);
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
        }
    }

    /// "3 minutes ago", "2 hours ago", "5 days ago".
    pub fn age(&self) -> String {
        let secs = SystemTime::now()
            .duration_since(self.modified)
            .map_or(0, |d| d.as_secs());
        match secs {
            0..=59 => format!("{secs} s"),
            60..=3599 => format!("{} min", secs / 60),
            3600..=86_399 => format!("{} h", secs / 3600),
            _ => format!("{} d", secs / 86_400),
        }
    }
}

/// Whether a process with this id runs (Linux: /proc; elsewhere assume not, so nothing is lost).
fn process_alive(pid: u32) -> bool {
    pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists()
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
        mine.save(&j, Some(Path::new("/maps/a.journey.ron")))
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
}
