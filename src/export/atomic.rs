//! Writing an export without ever leaving a half-written file or destroying what the name
//! pointed at: a regular file is replaced whole through a temporary file beside it (beside
//! the file a symbolic link points to, so the link stays a link); a device or a pipe
//! (`/dev/null`, `/dev/stdout`) is written through; a folder or a block device is refused.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// How many symbolic links are followed by hand before giving up, as the system does.
const MAX_LINKS: usize = 40;

/// Writes `path` with what `write` produces. When `path` is (or links to) a regular file or
/// does not exist yet, `write` fills a temporary file in the folder of the file itself, which
/// is flushed to disk and renamed over it; on any error the temporary file is removed and the
/// file is left as it was. A character device or a named pipe is written through, without a
/// temporary file; a folder, a block device or a socket is refused.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    match target(path)? {
        Target::File(real) => replace(&real, write),
        Target::Stream => write_through(path, write),
    }
}

/// Where the bytes go.
enum Target {
    /// A regular file, new or replaced, at this path (symbolic links resolved).
    File(PathBuf),
    /// A device or a pipe, written as it is.
    Stream,
}

fn target(path: &Path) -> io::Result<Target> {
    let refuse = |what: &str| {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is {what}; it is not written over", path.display()),
        ))
    };
    match fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(Target::File(fs::canonicalize(path)?)),
        Ok(m) if m.is_dir() => refuse("a folder"),
        Ok(m) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::FileTypeExt;
                let t = m.file_type();
                if t.is_char_device() || t.is_fifo() {
                    return Ok(Target::Stream);
                }
                if t.is_block_device() {
                    return refuse("a block device");
                }
                if t.is_socket() {
                    return refuse("a socket");
                }
            }
            let _ = m;
            refuse("not a regular file")
        }
        // New, or a symbolic link to a file not yet written: the file goes where links lead.
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Target::File(follow_links(path)?)),
        Err(e) => Err(e),
    }
}

/// The path a chain of symbolic links ends at, whether or not a file is there.
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            Ok(_) => return Ok(p),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}: too many symbolic links", path.display()),
    ))
}

/// Fills a temporary file beside `path` and renames it over `path`.
fn replace(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let (tmp, file) = temp_beside(path)?;
    let result = (|| {
        let mut w = BufWriter::new(file);
        write(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes into a device or a pipe as it is. The open does not wait: a named pipe nobody
/// reads from is an error, not a hang.
fn write_through(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut opts = OpenOptions::new();
    opts.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY;
        opts.custom_flags(flags.bits() as i32);
    }
    let file = opts.open(path).map_err(|e| {
        if no_reader(&e) {
            io::Error::new(e.kind(), format!("nothing reads from {}", path.display()))
        } else {
            e
        }
    })?;
    #[cfg(unix)]
    {
        let flags = rustix::fs::fcntl_getfl(&file)? - rustix::fs::OFlags::NONBLOCK;
        rustix::fs::fcntl_setfl(&file, flags)?;
    }
    if file.metadata()?.is_file() {
        // Swapped for a regular file since it was looked at: not written over in place.
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} changed while it was being written", path.display()),
        ));
    }
    let mut w = BufWriter::new(file);
    write(&mut w)?;
    w.flush()
}

/// Whether opening failed because a named pipe has no reader.
fn no_reader(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(rustix::io::Errno::NXIO.raw_os_error())
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Creates a new, uniquely named hidden file in the folder of `path`.
pub(crate) fn temp_beside(path: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_string());
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_cleans_up() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.txt");
        write_atomic(&path, |w| w.write_all(b"one")).expect("write");
        write_atomic(&path, |w| w.write_all(b"two")).expect("write");
        assert_eq!(fs::read_to_string(&path).expect("read"), "two");
        let failed = write_atomic(&path, |w| {
            w.write_all(b"partial")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&path).expect("read"), "two");
        let names: Vec<_> = fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(names.len(), 1, "temporary files left behind");
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = write_atomic(dir.path(), |w| w.write_all(b"x")).expect_err("refused");
        assert!(err.to_string().contains("a folder"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_to_where_the_file_goes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).expect("mkdir");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("sub/real.txt", &link).expect("symlink");
        write_atomic(&link, |w| w.write_all(b"new")).expect("write");
        write_atomic(&link, |w| w.write_all(b"again")).expect("write");
        assert!(fs::symlink_metadata(&link).expect("link").is_symlink());
        assert_eq!(
            fs::read_to_string(sub.join("real.txt")).expect("read"),
            "again"
        );
    }
}
