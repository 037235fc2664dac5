//! One map, one editor: a running journey-map holds a lock for each map it has open, in a
//! folder of the data directory, so a second window (a second double-click) can say the map
//! is already open instead of letting two windows edit and save the same file. The operating
//! system releases the lock however the editor ends, so a lock left by a crash never blocks.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// A held lock on one map; released when dropped.
#[derive(Debug)]
pub struct MapLock {
    _file: File,
    path: PathBuf,
    /// The map it is for.
    pub map: PathBuf,
}

/// Another running journey-map has the map open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldElsewhere;

impl MapLock {
    /// Takes the lock for `map` in `dir`, or says another editor holds it. A folder that cannot
    /// be written (a read-only profile) locks nothing and never blocks opening.
    pub fn acquire(dir: &Path, map: &Path) -> Result<Option<MapLock>, HeldElsewhere> {
        let map = std::fs::canonicalize(map).unwrap_or_else(|_| map.to_owned());
        if std::fs::create_dir_all(dir).is_err() {
            return Ok(None);
        }
        let path = dir.join(format!("{}.lock", key(&map)));
        let Ok(file) = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
        else {
            return Ok(None);
        };
        match file.try_lock() {
            Ok(()) => {
                // Which map it is, for a person looking in the folder.
                let _ = std::fs::write(&path, map.display().to_string());
                Ok(Some(MapLock {
                    _file: file,
                    path,
                    map,
                }))
            }
            Err(std::fs::TryLockError::WouldBlock) => Err(HeldElsewhere),
            Err(std::fs::TryLockError::Error(_)) => Ok(None),
        }
    }
}

impl Drop for MapLock {
    fn drop(&mut self) {
        // Tidy up; a file another editor has just locked is not ours to remove, and on
        // Windows an open file is not removed anyway.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A file name for a map's path: FNV-1a of the path, the same in every process and version.
fn key(map: &Path) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in map.to_string_lossy().as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_is_locked_once_and_free_again_when_let_go() {
        let dir = tempfile::tempdir().expect("temp dir");
        let map = dir.path().join("a.journey.ron");
        std::fs::write(&map, "x").expect("write");
        let locks = dir.path().join("open");
        let first = MapLock::acquire(&locks, &map).expect("free").expect("held");
        assert_eq!(
            MapLock::acquire(&locks, &map).expect_err("held elsewhere"),
            HeldElsewhere
        );
        // Another map is not blocked.
        let other = dir.path().join("b.journey.ron");
        assert!(MapLock::acquire(&locks, &other).is_ok());
        drop(first);
        assert!(MapLock::acquire(&locks, &map).expect("free").is_some());
    }
}
