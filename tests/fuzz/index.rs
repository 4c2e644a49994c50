//! The index reader: an index damaged on disk (cut short, bytes changed) is read without a
//! panic, and the folder opened through it holds the same documents as a fresh load.

use crate::{config, timed};
use proptest::prelude::*;
use proptest::sample::Index;
use quarry::index::{self, Options};
use quarry::jobs::JobCtx;
use std::path::{Path, PathBuf};

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..4 {
        std::fs::write(
            dir.path().join(format!("s{i}.txt")),
            format!(
                "Talks resume {i}\n\nGENEVA, March {i} (Reuters) - Amara Nwosu met Teodor \
                 Varga in Genève. The talks on trade went on 😀.\n"
            ),
        )
        .expect("write");
    }
    dir
}

/// Titles and texts of what `open` gives, in order.
fn documents(paths: &[PathBuf], cache: &Path) -> Vec<(String, String)> {
    let opts = Options {
        cache: Some(cache.to_path_buf()),
    };
    let opened = timed("index::open", || {
        index::open(paths, &opts, &JobCtx::detached())
    })
    .expect("opens");
    opened
        .corpus
        .docs
        .iter()
        .map(|d| (d.title.clone(), d.text.to_string()))
        .collect()
}

proptest! {
    #![proptest_config(config(4))]

    #[test]
    fn a_damaged_index_is_rebuilt_not_trusted(
        edits in prop::collection::vec((any::<Index>(), any::<u8>()), 0..6),
        cut in prop::option::of(any::<Index>()),
    ) {
        let dir = folder();
        let cache = tempfile::tempdir().expect("temp dir");
        let paths = vec![dir.path().to_path_buf()];
        let fresh = documents(&paths, cache.path());
        let file = index::dirs::index_path(cache.path(), &index::dirs::root_name(&paths));
        let mut bytes = std::fs::read(&file).expect("index written");
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] ^= b.max(1);
        }
        if let Some(c) = cut {
            bytes.truncate(c.index(bytes.len()));
        }
        std::fs::write(&file, &bytes).expect("write");
        prop_assert_eq!(documents(&paths, cache.path()), fresh);
    }
}
