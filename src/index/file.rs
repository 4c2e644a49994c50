//! The index file: a fixed header, the opened folder's path, then named sections, each cut
//! into zstd frames (with checksums) that are compressed and decompressed in parallel.
//!
//! ```text
//! "QUARRYIX" version:u32 endian:u32 stamp:u64 root_len:u32 root
//! every frame's bytes, section after section
//! sections:u32, then per section: tag:[u8;4] frames:u32, per frame raw:u64 packed:u64
//! where the section table starts: u64
//! ```
//!
//! A file is written under a temporary name beside its place and renamed over it when
//! complete, so a reader sees the old file or the new one, never half of one; a writer that
//! is dropped before [`Writer::finish`] removes its temporary file.

use rayon::prelude::*;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The first bytes of every index file.
pub const MAGIC: &[u8; 8] = b"QUARRYIX";
/// Raised whenever what is stored, or how, changes; an index of another version is rebuilt.
pub const VERSION: u32 = 1;
const ENDIAN: u32 = 0x0102_0304;
/// Bytes of raw data per frame: large enough to compress well, small enough to share work.
const FRAME: usize = 16 << 20;
/// zstd level: fast to write; reading does not depend on it.
const LEVEL: i32 = 1;

/// Why an index file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// Not an index file, or cut short, or its checksums do not match.
    #[error("the index is damaged ({0})")]
    Damaged(String),
    /// Written by another version of Quarry.
    #[error("the index was written in format {0}; this version reads format {VERSION}")]
    Version(u32),
}

fn damaged(why: impl Into<String>) -> IndexError {
    IndexError::Damaged(why.into())
}

/// Writes one index file section by section.
pub struct Writer {
    out: Option<BufWriter<File>>,
    tmp: PathBuf,
    dest: PathBuf,
    at: u64,
    /// Each section's tag and its frames' raw and packed lengths.
    sections: Vec<([u8; 4], Vec<Packed>)>,
}

/// A frame's raw and packed lengths.
type Packed = (u64, u64);

impl Writer {
    /// Starts a file that will replace `dest` when finished.
    pub fn create(dest: &Path, stamp: u64, root: &str) -> Result<Writer, IndexError> {
        let dir = dest.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}-{nanos}.tmp", std::process::id()));
        let mut out = BufWriter::new(File::create(&tmp)?);
        out.write_all(MAGIC)?;
        out.write_all(&VERSION.to_le_bytes())?;
        out.write_all(&ENDIAN.to_le_bytes())?;
        out.write_all(&stamp.to_le_bytes())?;
        out.write_all(&(root.len() as u32).to_le_bytes())?;
        out.write_all(root.as_bytes())?;
        Ok(Writer {
            out: Some(out),
            tmp,
            dest: dest.to_path_buf(),
            at: 28 + root.len() as u64,
            sections: Vec::new(),
        })
    }

    /// Compresses a section in parallel frames and writes it.
    pub fn section(&mut self, tag: [u8; 4], data: &[u8]) -> Result<(), IndexError> {
        self.begin(tag);
        self.write(data)?;
        Ok(())
    }

    /// Starts a section whose bytes are then given by [`Writer::write`] calls.
    pub fn begin(&mut self, tag: [u8; 4]) {
        self.sections.push((tag, Vec::new()));
    }

    /// Bytes to give [`Writer::write`] at a time to keep every core busy.
    pub fn batch() -> usize {
        FRAME * rayon::current_num_threads().max(1)
    }

    /// Adds bytes to the section begun last, as one or more frames.
    pub fn write(&mut self, data: &[u8]) -> Result<(), IndexError> {
        let (Some(out), Some((_, frames))) = (self.out.as_mut(), self.sections.last_mut()) else {
            return Err(damaged("no section begun"));
        };
        // A few frames at a time, so that no more than that is held compressed in memory.
        for group in data.chunks(Self::batch()) {
            let packed: Result<Vec<(u64, Vec<u8>)>, io::Error> = group
                .par_chunks(FRAME)
                .map(|chunk| {
                    let mut c = zstd::bulk::Compressor::new(LEVEL)?;
                    c.include_checksum(true)?;
                    Ok((chunk.len() as u64, c.compress(chunk)?))
                })
                .collect();
            for (raw, p) in packed? {
                out.write_all(&p)?;
                self.at += p.len() as u64;
                frames.push((raw, p.len() as u64));
            }
        }
        Ok(())
    }

    /// Writes the sections, syncs the file and puts it in place.
    pub fn finish(mut self) -> Result<u64, IndexError> {
        let Some(mut out) = self.out.take() else {
            return Err(damaged("written twice"));
        };
        out.write_all(&(self.sections.len() as u32).to_le_bytes())?;
        for (tag, frames) in &self.sections {
            out.write_all(tag)?;
            out.write_all(&(frames.len() as u32).to_le_bytes())?;
            for (raw, packed) in frames {
                out.write_all(&raw.to_le_bytes())?;
                out.write_all(&packed.to_le_bytes())?;
            }
        }
        out.write_all(&self.at.to_le_bytes())?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        let size = file.metadata()?.len();
        drop(file);
        std::fs::rename(&self.tmp, &self.dest)?;
        Ok(size)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if self.out.is_some() {
            self.out = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// The start of an index file: enough to list it without reading the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// Format version.
    pub version: u32,
    /// A number unique to this writing of the index.
    pub stamp: u64,
    /// The opened folder, as given when it was written.
    pub root: String,
}

/// Reads the head of an index file from its first bytes.
pub fn read_head(bytes: &[u8]) -> Result<(Head, usize), IndexError> {
    let mut r = Cursor { b: bytes, at: 0 };
    if r.take(8)? != MAGIC {
        return Err(damaged("not an index file"));
    }
    let version = r.u32()?;
    if version != VERSION {
        return Err(IndexError::Version(version));
    }
    if r.u32()? != ENDIAN {
        return Err(damaged("written on a machine of another byte order"));
    }
    let stamp = r.u64()?;
    let n = r.u32()? as usize;
    let root = String::from_utf8(r.take(n)?.to_vec()).map_err(|_| damaged("bad folder name"))?;
    Ok((
        Head {
            version,
            stamp,
            root,
        },
        r.at,
    ))
}

struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], IndexError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len());
        let end = end.ok_or_else(|| damaged("cut short"))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, IndexError> {
        let mut a = [0u8; 4];
        a.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(a))
    }
    fn u64(&mut self) -> Result<u64, IndexError> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(a))
    }
}

/// A section's frames: (raw length, offset in the file, packed length).
type Frames = Vec<(usize, usize, usize)>;

/// An index file opened for reading (memory-mapped).
pub struct Reader {
    map: memmap2::Mmap,
    /// The file's head.
    pub head: Head,
    sections: Vec<([u8; 4], Frames)>,
}

impl Reader {
    /// Opens and checks the layout of an index file (checksums are checked as sections are read).
    pub fn open(path: &Path) -> Result<Reader, IndexError> {
        let file = File::open(path)?;
        // SAFETY: index files are only ever replaced by rename, never written in place, so
        // the mapped file does not change under the map.
        let map = unsafe { memmap2::Mmap::map(&file)? };
        let (head, first) = read_head(&map)?;
        if map.len() < first + 8 {
            return Err(damaged("cut short"));
        }
        let mut end = [0u8; 8];
        end.copy_from_slice(&map[map.len() - 8..]);
        let table = usize::try_from(u64::from_le_bytes(end)).unwrap_or(usize::MAX);
        if table < first || table > map.len() - 8 {
            return Err(damaged("cut short"));
        }
        let mut r = Cursor {
            b: &map[..map.len() - 8],
            at: table,
        };
        let n = r.u32()? as usize;
        let mut sections = Vec::with_capacity(n.min(64));
        for _ in 0..n {
            let mut tag = [0u8; 4];
            tag.copy_from_slice(r.take(4)?);
            let frames = r.u32()? as usize;
            let mut f = Vec::with_capacity(frames.min(1 << 16));
            for _ in 0..frames {
                let raw = usize::try_from(r.u64()?).map_err(|_| damaged("frame too large"))?;
                let packed = usize::try_from(r.u64()?).map_err(|_| damaged("frame too large"))?;
                f.push((raw, 0, packed));
            }
            sections.push((tag, f));
        }
        if r.at != r.b.len() {
            return Err(damaged("trailing bytes"));
        }
        let mut at = first;
        for (_, frames) in &mut sections {
            for f in frames.iter_mut() {
                f.1 = at;
                at = at
                    .checked_add(f.2)
                    .filter(|&e| e <= table)
                    .ok_or_else(|| damaged("cut short"))?;
            }
        }
        if at != table {
            return Err(damaged("frames do not fill the file"));
        }
        Ok(Reader {
            map,
            head,
            sections,
        })
    }

    /// A section's frames, each checked against what the frame itself says before any memory
    /// is taken for it: a damaged length must not decide how much is allocated. Every frame
    /// holds at most `FRAME` bytes and records its own length, which must agree.
    fn frames(&self, tag: [u8; 4]) -> Result<&Frames, IndexError> {
        let frames = self
            .sections
            .iter()
            .find(|(t, _)| *t == tag)
            .map(|(_, f)| f)
            .ok_or_else(|| damaged(format!("no {} section", String::from_utf8_lossy(&tag))))?;
        for &(raw, at, packed) in frames {
            let said = zstd::zstd_safe::get_frame_content_size(&self.map[at..at + packed]);
            if raw > FRAME || !matches!(said, Ok(Some(n)) if n == raw as u64) {
                return Err(damaged("a frame's length does not match the frame"));
            }
        }
        Ok(frames)
    }

    /// Decompresses a section into `out`, whose length must be the section's raw length.
    fn fill(&self, frames: &Frames, out: &mut [u8]) -> Result<(), IndexError> {
        let mut parts = Vec::with_capacity(frames.len());
        let mut rest = out;
        for &(raw, at, packed) in frames {
            if raw > rest.len() {
                return Err(damaged("section longer than said"));
            }
            let (head, tail) = rest.split_at_mut(raw);
            parts.push((head, &self.map[at..at + packed]));
            rest = tail;
        }
        if !rest.is_empty() {
            return Err(damaged("section shorter than said"));
        }
        parts.into_par_iter().try_for_each(|(dst, src)| {
            let n = zstd::bulk::decompress_to_buffer(src, dst)
                .map_err(|e| damaged(format!("a frame does not decompress: {e}")))?;
            if n == dst.len() {
                Ok(())
            } else {
                Err(damaged("a frame is shorter than said"))
            }
        })
    }

    fn raw_len(frames: &Frames) -> usize {
        frames.iter().map(|f| f.0).sum()
    }

    /// A section's bytes.
    pub fn bytes(&self, tag: [u8; 4]) -> Result<Vec<u8>, IndexError> {
        let frames = self.frames(tag)?;
        let mut out = vec![0u8; Self::raw_len(frames)];
        self.fill(frames, &mut out)?;
        Ok(out)
    }

    /// Decompresses a section a few frames at a time (in parallel), giving `each` the raw
    /// bytes of every frame in order; never holds more than a few frames.
    pub fn frames_of(
        &self,
        tag: [u8; 4],
        mut each: impl FnMut(Vec<u8>) -> Result<(), IndexError>,
    ) -> Result<(), IndexError> {
        let frames = self.frames(tag)?;
        for group in frames.chunks(rayon::current_num_threads().max(1)) {
            let raw: Result<Vec<Vec<u8>>, IndexError> = group
                .par_iter()
                .map(|&(raw, at, packed)| {
                    let mut out = vec![0u8; raw];
                    let n = zstd::bulk::decompress_to_buffer(&self.map[at..at + packed], &mut out)
                        .map_err(|e| damaged(format!("a frame does not decompress: {e}")))?;
                    if n == raw {
                        Ok(out)
                    } else {
                        Err(damaged("a frame is shorter than said"))
                    }
                })
                .collect();
            for f in raw? {
                each(f)?;
            }
        }
        Ok(())
    }

    /// A section of plain numbers (`u32`, `u64`…), stored little-endian.
    pub fn numbers<T: bytemuck::Pod>(&self, tag: [u8; 4]) -> Result<Vec<T>, IndexError> {
        let frames = self.frames(tag)?;
        let len = Self::raw_len(frames);
        let size = std::mem::size_of::<T>();
        if size == 0 || len % size != 0 {
            return Err(damaged("a section of numbers has a ragged end"));
        }
        let mut out = vec![T::zeroed(); len / size];
        self.fill(frames, bytemuck::cast_slice_mut(&mut out))?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_round_trip_and_damage_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.qix");
        let mut w = Writer::create(&path, 42, "/news").unwrap();
        let nums: Vec<u32> = (0..100_000).collect();
        w.section(*b"NUMS", bytemuck::cast_slice(&nums)).unwrap();
        w.section(*b"TEXT", b"hello").unwrap();
        w.finish().unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
        let r = Reader::open(&path).unwrap();
        assert_eq!(r.head.stamp, 42);
        assert_eq!(r.head.root, "/news");
        assert_eq!(r.numbers::<u32>(*b"NUMS").unwrap(), nums);
        assert_eq!(r.bytes(*b"TEXT").unwrap(), b"hello");
        assert!(r.bytes(*b"NONE").is_err());
        drop(r);

        let full = std::fs::read(&path).unwrap();
        std::fs::write(&path, &full[..full.len() - 3]).unwrap();
        assert!(matches!(Reader::open(&path), Err(IndexError::Damaged(_))));
        let mut flipped = full.clone();
        flipped[40] ^= 0xff;
        std::fs::write(&path, &flipped).unwrap();
        let r = Reader::open(&path).unwrap();
        assert!(r.numbers::<u32>(*b"NUMS").is_err());
        assert_eq!(r.bytes(*b"TEXT").unwrap(), b"hello");
        let mut old = full.clone();
        old[8] = 0;
        std::fs::write(&path, &old).unwrap();
        assert!(matches!(Reader::open(&path), Err(IndexError::Version(_))));
        std::fs::write(&path, b"garbage").unwrap();
        assert!(Reader::open(&path).is_err());
    }

    #[test]
    fn a_damaged_frame_length_is_refused_before_memory_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.qix");
        let mut w = Writer::create(&path, 1, "/x").unwrap();
        w.section(*b"NUMS", bytemuck::cast_slice(&[7u32; 1000]))
            .unwrap();
        w.finish().unwrap();
        let mut b = std::fs::read(&path).unwrap();
        let end = b.len() - 8;
        let table = u64::from_le_bytes(b[end..].try_into().unwrap()) as usize;
        // Count, tag, frames, then the first frame's raw length: say 600 GB.
        let raw = table + 4 + 4 + 4;
        b[raw..raw + 8].copy_from_slice(&(600u64 << 30).to_le_bytes());
        std::fs::write(&path, &b).unwrap();
        let r = Reader::open(&path).unwrap();
        assert!(matches!(
            r.numbers::<u32>(*b"NUMS"),
            Err(IndexError::Damaged(_))
        ));
        assert!(matches!(r.bytes(*b"NUMS"), Err(IndexError::Damaged(_))));
        assert!(r.frames_of(*b"NUMS", |_| Ok(())).is_err());
    }

    #[test]
    fn a_writer_dropped_before_finishing_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.qix");
        let mut w = Writer::create(&path, 1, "/x").unwrap();
        w.section(*b"TEXT", b"abc").unwrap();
        drop(w);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
