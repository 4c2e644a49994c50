//! Writing a command's output. A write that fails (a full disk) is reported in one line and
//! the command exits with 1; a reader that went away (`quarry … | head`) ends the command
//! quietly with 0, as Unix tools do. Text meant for one line has its control characters
//! escaped, so a file name holding a newline or an escape sequence cannot break or restyle it.

use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, ErrorKind, Write};
use std::process::ExitCode;

/// Exit code when the output cannot be written.
const EXIT_WRITE: u8 = 1;

/// Turns the result of writing a command's output into how the command ends: `Ok` to go on,
/// or the exit code to return at once (0 for a closed pipe, 1 after reporting another error).
pub(crate) fn written(r: io::Result<()>) -> Result<(), ExitCode> {
    match r {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("quarry: cannot write the output: {e}");
            Err(ExitCode::from(EXIT_WRITE))
        }
    }
}

/// Like [`written`], for the last thing a command does.
pub(crate) fn finish(r: io::Result<()>) -> ExitCode {
    match written(r) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// Writes `text` and flushes standard output.
pub(crate) fn write_stdout(text: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text)?;
    out.flush()
}

/// Prints `v` as pretty JSON on standard output.
pub(crate) fn print_json<T: Serialize>(v: &T) -> ExitCode {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let r = serde_json::to_writer_pretty(&mut out, v)
        .map_err(io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    finish(r)
}

/// A list serialised from an iterator as it is written, so a long output is never held whole;
/// it can be serialised once (an empty list after that).
pub(crate) struct Streamed<I>(RefCell<Option<I>>);

impl<I> Streamed<I> {
    /// The list of what `items` yields.
    pub(crate) fn new(items: I) -> Self {
        Self(RefCell::new(Some(items)))
    }
}

impl<I: Iterator> Serialize for Streamed<I>
where
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let items = self.0.borrow_mut().take();
        s.collect_seq(items.into_iter().flatten())
    }
}

/// `s` with every control character (newline, tab, escape…) written as a visible escape
/// (`\n`, `\t`, `\u{1b}`), for output that has one line per item.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Writes `s` right-aligned in `width` characters (any width, unlike a format string's).
pub(crate) fn pad_left(out: &mut impl Write, s: &str, width: usize) -> io::Result<()> {
    let n = s.chars().count();
    const SPACES: &[u8] = &[b' '; 64];
    let mut pad = width.saturating_sub(n);
    while pad > 0 {
        let k = pad.min(SPACES.len());
        out.write_all(&SPACES[..k])?;
        pad -= k;
    }
    out.write_all(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(one_line("plain é"), "plain é");
        assert_eq!(one_line("a\nb\tc\u{1b}[31m"), "a\\nb\\tc\\u{1b}[31m");
        assert_eq!(one_line("del\u{7f}"), "del\\u{7f}");
    }

    #[test]
    fn padding_has_no_width_limit() {
        let mut v = Vec::new();
        pad_left(&mut v, "ab", 70_000).expect("write");
        assert_eq!(v.len(), 70_000);
        assert!(v.ends_with(b" ab"));
        let mut v = Vec::new();
        pad_left(&mut v, "äbc", 2).expect("write");
        assert_eq!(v, "äbc".as_bytes());
    }

    #[test]
    fn a_closed_pipe_ends_quietly_and_other_errors_fail() {
        assert!(written(Ok(())).is_ok());
        let pipe = io::Error::from(ErrorKind::BrokenPipe);
        assert_eq!(written(Err(pipe)), Err(ExitCode::SUCCESS));
        let full = io::Error::from(ErrorKind::StorageFull);
        assert_eq!(written(Err(full)), Err(ExitCode::from(EXIT_WRITE)));
    }
}
