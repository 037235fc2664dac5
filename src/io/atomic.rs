//! Atomic file replacement: write a temporary file beside the target, flush it to disk, then
//! rename it over the target. Readers (and a crash at any moment) see the old file or the new
//! one, never half of either.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file could not be written. The target is untouched in every case.
#[derive(Debug, thiserror::Error)]
#[error("cannot save {path}: {reason}")]
pub struct SaveError {
    /// The file that was to be written.
    pub path: PathBuf,
    /// What went wrong, in words.
    pub reason: String,
}

impl SaveError {
    pub(crate) fn new(path: &Path, reason: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            reason: reason.into(),
        }
    }
}

fn describe(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    // Windows refuses to replace a file another program holds open (sharing or lock violation,
    // or access denied while Excel, a sync client or a virus scanner has it).
    if cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33)) {
        return "another program has the file open (close it there, or save under another \
                name); the map is still open here, nothing is lost"
            .into();
    }
    match e.kind() {
        K::PermissionDenied => "permission denied (is the file or its folder read-only?)".into(),
        K::StorageFull => "the disk is full".into(),
        K::NotFound => "the folder does not exist".into(),
        _ => e.to_string(),
    }
}

/// Replaces `path` with `bytes` atomically. On error the old file is exactly as it was and no
/// temporary file is left behind.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    // Write through a symlink to the real file instead of replacing the link with a file.
    let target: PathBuf = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|e| SaveError::new(path, describe(&e)))?
        }
        _ => path.to_owned(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(SaveError::new(
            path,
            format!("the folder {} does not exist", dir.display()),
        ));
    }
    let existing = fs::metadata(&target).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(SaveError::new(path, "a folder with that name exists"));
        }
        if meta.permissions().readonly() {
            return Err(SaveError::new(path, "the file is read-only"));
        }
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "journey".into());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| SaveError::new(path, describe(&e)))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.flush())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| SaveError::new(path, describe(&e)))?;
    // Keep the permissions the user gave the file; a new file gets the usual rw-r--r--
    // (tempfile creates private 0600 files). A failure here is not worth refusing the save for.
    if let Some(meta) = &existing {
        let _ = tmp.as_file().set_permissions(meta.permissions());
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = tmp
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644));
        }
    }
    tmp.persist(&target)
        .map_err(|e| SaveError::new(path, describe(&e.error)))?;
    // Make the rename itself durable. Not every platform can open a folder; that is fine.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
