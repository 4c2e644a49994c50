//! Named pipes, sockets, devices and pseudo filesystems: listed and skipped, never read.

use crate::{folder, mkfifo, problems_of, run, s, stats, text};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[test]
fn fifo_given_to_text_is_refused_at_once() {
    let dir = folder();
    let fifo = dir.path().join("x.txt");
    mkfifo(&fifo);
    let out = run(&["text", s(&fifo)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("named pipe"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn fifo_socket_and_device_link_in_a_folder_are_listed_and_the_rest_loads() {
    let dir = folder();
    mkfifo(&dir.path().join("pipe.txt"));
    let _socket =
        std::os::unix::net::UnixListener::bind(dir.path().join("sock.txt")).expect("socket");
    std::os::unix::fs::symlink("/dev/null", dir.path().join("null.txt")).expect("symlink");
    let v = stats(dir.path());
    assert_eq!(v["documents"], 1);
    for (name, what) in [
        ("pipe.txt", "named pipe"),
        ("sock.txt", "socket"),
        ("null.txt", "character device"),
    ] {
        let p = problems_of(&v, name);
        assert!(
            p.len() == 1 && p[0].contains(what) && p[0].contains("unreadable"),
            "{name}: {p:?}"
        );
    }
    assert_eq!(v["skipped_files"], 3);
}

#[test]
fn stats_of_a_fifo_alone_fails() {
    let dir = folder();
    let fifo = dir.path().join("x.txt");
    mkfifo(&fifo);
    let out = run(&["stats", s(&fifo)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("named pipe"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn links_to_endless_devices_are_refused_before_reading() {
    let dir = folder();
    for dev in ["zero", "urandom"] {
        let target = PathBuf::from("/dev").join(dev);
        if !target.exists() {
            eprintln!("note: no {}; skipped", target.display());
            continue;
        }
        let link = dir.path().join(format!("{dev}.txt"));
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        let start = Instant::now();
        let out = run(&["text", s(&link)]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("character device"),
            "{}",
            text(&out.stderr)
        );
        assert!(start.elapsed() < Duration::from_secs(5), "{dev} was read");
        let p = problems_of(&stats(dir.path()), &format!("{dev}.txt"));
        assert!(p.len() == 1 && p[0].contains("character device"), "{p:?}");
    }
}

#[test]
fn pseudo_filesystems_are_not_descended_into() {
    let dir = folder();
    let mut linked = Vec::new();
    for sys in ["proc", "sys", "dev"] {
        let target = PathBuf::from("/").join(sys);
        if target.is_dir() {
            std::os::unix::fs::symlink(&target, dir.path().join(sys)).expect("symlink");
            linked.push(sys);
        }
    }
    // A link to one generated file: found as a file by the walk, refused when opened.
    let status = Path::new("/proc/self/status");
    if status.exists() {
        std::os::unix::fs::symlink(status, dir.path().join("status.txt")).expect("symlink");
    }
    let v = stats(dir.path());
    assert_eq!(v["documents"], 1);
    if status.exists() {
        let p = problems_of(&v, "status.txt");
        assert!(p.len() == 1 && p[0].contains("pseudo filesystem"), "{p:?}");
    }
    for sys in linked {
        let p = problems_of(&v, sys);
        assert!(
            p.len() == 1 && p[0].contains("pseudo filesystem"),
            "{sys}: {p:?}"
        );
    }
}

#[test]
fn stats_of_proc_fails_at_once() {
    if !Path::new("/proc/self").exists() {
        eprintln!("note: no /proc; skipped");
        return;
    }
    let out = run(&["stats", "/proc"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("pseudo filesystem"),
        "{}",
        text(&out.stderr)
    );
}
