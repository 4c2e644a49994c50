//! Where indexes live: one file per opened folder under the user's cache folder
//! (`$XDG_CACHE_HOME/quarry/index`, else `~/.cache/quarry/index` on Linux, the platform's
//! cache folder elsewhere; `QUARRY_CACHE_DIR` overrides it), named by a hash of the folder's
//! full path. Never inside the opened folder.

use super::file::{IndexError, Reader, read_head};
use crate::ner::hash::hash_bytes;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The folder Quarry keeps its caches in, if the platform has one.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("QUARRY_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "quarry").map(|d| d.cache_dir().to_path_buf())
}

/// The name an opening of these paths is indexed under: their full paths, one per line.
pub fn root_name(paths: &[PathBuf]) -> String {
    let full: Vec<String> = paths
        .iter()
        .map(|p| {
            std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    full.join("\n")
}

/// The index file of a root name under a cache folder.
pub fn index_path(cache: &Path, root: &str) -> PathBuf {
    cache
        .join("index")
        .join(format!("{:016x}.qix", hash_bytes(root.as_bytes())))
}

/// The index file of the entities of a root name under a cache folder.
pub fn entities_path(cache: &Path, root: &str) -> PathBuf {
    index_path(cache, root).with_extension("qner")
}

/// One cached folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    /// The folder (or the paths, one per line) it indexes.
    pub root: String,
    /// Its index files.
    pub files: Vec<PathBuf>,
    /// Their size on disk in bytes.
    pub bytes: u64,
}

/// Reads just the head of a file that may be an index.
fn head_of(path: &Path) -> Result<String, IndexError> {
    let mut buf = vec![0u8; 64 << 10];
    let mut f = std::fs::File::open(path)?;
    let n = f.read(&mut buf)?;
    Ok(read_head(&buf[..n])?.0.root)
}

/// The folders with an index under `cache`, sorted by folder.
pub fn list(cache: &Path) -> Vec<Cached> {
    let Ok(rd) = std::fs::read_dir(cache.join("index")) else {
        return Vec::new();
    };
    let mut by_root: std::collections::BTreeMap<String, Cached> = Default::default();
    for e in rd.flatten() {
        let path = e.path();
        if path.extension().and_then(|x| x.to_str()) != Some("qix") {
            continue;
        }
        let root = head_of(&path).unwrap_or_else(|e| format!("(unreadable index: {e})"));
        let mut files = vec![path.clone()];
        let ner = path.with_extension("qner");
        if ner.exists() {
            files.push(ner);
        }
        let bytes: u64 = files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        let c = by_root.entry(root.clone()).or_insert(Cached {
            root,
            files: Vec::new(),
            bytes: 0,
        });
        c.files.extend(files);
        c.bytes += bytes;
    }
    by_root.into_values().collect()
}

/// Removes the indexes of one folder (`Some`) or of all (`None`); returns what was removed.
pub fn clear(cache: &Path, folder: Option<&[PathBuf]>) -> std::io::Result<Vec<Cached>> {
    let all = list(cache);
    let chosen: Vec<Cached> = match folder {
        None => all,
        Some(paths) => {
            let root = root_name(paths);
            let main = index_path(cache, &root);
            let mut files = vec![main.clone(), main.with_extension("qner")];
            files.retain(|f| f.exists());
            let bytes = files
                .iter()
                .filter_map(|f| std::fs::metadata(f).ok())
                .map(|m| m.len())
                .sum();
            if files.is_empty() {
                Vec::new()
            } else {
                vec![Cached { root, files, bytes }]
            }
        }
    };
    for c in &chosen {
        for f in &c.files {
            match std::fs::remove_file(f) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(chosen)
}

/// Opens the index of `root` under `cache`, if there is one that names the same folder.
pub fn open(cache: &Path, root: &str) -> Result<Option<Reader>, IndexError> {
    let path = index_path(cache, root);
    match Reader::open(&path) {
        Ok(r) if r.head.root == root => Ok(Some(r)),
        // Another folder with the same hash: treated as none, and replaced.
        Ok(_) => Ok(None),
        Err(IndexError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}
