//! Background jobs: a worker thread with shared progress, a cancel flag and a repaint waker.
//!
//! The GUI starts a [`Job`], polls it once per frame with [`Job::poll`] and never blocks;
//! the worker calls [`JobCtx::wake`] (throttled) so the GUI repaints while it runs.

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A callback that asks the user interface to draw a new frame; knows nothing of egui.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// Returns a waker that does nothing (for the command line and tests).
pub fn no_waker() -> Waker {
    Arc::new(|| {})
}

/// The stage a loading job is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Phase {
    /// Listing the files of the folder.
    Discovering = 0,
    /// Reading and parsing files.
    Reading = 1,
    /// Counting words.
    Analyzing = 2,
    /// Checking the folder's saved index against its files.
    Checking = 3,
    /// Saving the folder's index.
    Saving = 4,
    /// Finished.
    Done = 5,
}

/// Counters a job updates and the user interface reads.
#[derive(Debug)]
pub struct Progress {
    /// Work items finished (files read, documents analysed).
    pub done: AtomicU64,
    /// Work items in all; zero while unknown.
    pub total: AtomicU64,
    /// Bytes read so far.
    pub bytes: AtomicU64,
    phase: AtomicU8,
    started: Instant,
    /// The `done` count last seen by [`Progress::snapshot`], and when it was first seen (in
    /// milliseconds since the start): how long the job has gone without finishing an item.
    seen_done: AtomicU64,
    seen_at_ms: AtomicU64,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            phase: AtomicU8::new(Phase::Discovering as u8),
            started: Instant::now(),
            seen_done: AtomicU64::new(0),
            seen_at_ms: AtomicU64::new(0),
        }
    }
}

/// A consistent copy of [`Progress`] for display.
#[derive(Debug, Clone, Copy)]
pub struct ProgressSnapshot {
    /// Current phase.
    pub phase: Phase,
    /// Items finished.
    pub done: u64,
    /// Items in all (zero while unknown).
    pub total: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Time since the job started.
    pub elapsed: Duration,
    /// Time since an item was last seen finished (one large file being read).
    pub since_step: Duration,
}

impl ProgressSnapshot {
    /// Fraction finished in the current phase, 0..=1.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            (self.done as f64 / self.total as f64).clamp(0.0, 1.0) as f32
        }
    }

    /// Items per second so far.
    pub fn rate(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs <= 0.0 {
            0.0
        } else {
            self.done as f64 / secs
        }
    }

    /// Estimated time left, when it can be told: counted down from the rate at the last
    /// item finished, and not told once an item takes longer than the estimate allowed.
    pub fn remaining(&self) -> Option<Duration> {
        let at_step = self.elapsed.saturating_sub(self.since_step).as_secs_f64();
        if self.total == 0 || self.done == 0 || at_step <= 0.0 {
            return None;
        }
        let rate = self.done as f64 / at_step;
        let left = self.total.saturating_sub(self.done) as f64 / rate;
        let left = left - self.since_step.as_secs_f64();
        (left > 0.0).then(|| Duration::from_secs_f64(left))
    }

    /// Whether an item has taken longer than the estimate allowed (a large file): the time
    /// left cannot be told.
    pub fn stalled(&self) -> bool {
        self.total > self.done && self.remaining().is_none() && self.since_step.as_secs() >= 2
    }
}

impl Progress {
    /// Sets the phase and resets the item counters for it.
    pub fn set_phase(&self, phase: Phase, total: u64) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.phase.store(phase as u8, Ordering::Relaxed);
    }

    /// Reads the counters.
    pub fn snapshot(&self) -> ProgressSnapshot {
        let elapsed = self.started.elapsed();
        let done = self.done.load(Ordering::Relaxed);
        let now_ms = elapsed.as_millis() as u64;
        if self.seen_done.swap(done, Ordering::Relaxed) != done {
            self.seen_at_ms.store(now_ms, Ordering::Relaxed);
        }
        let since_step =
            Duration::from_millis(now_ms.saturating_sub(self.seen_at_ms.load(Ordering::Relaxed)));
        let phase = match self.phase.load(Ordering::Relaxed) {
            0 => Phase::Discovering,
            1 => Phase::Reading,
            2 => Phase::Analyzing,
            3 => Phase::Checking,
            4 => Phase::Saving,
            _ => Phase::Done,
        };
        ProgressSnapshot {
            phase,
            done,
            total: self.total.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            elapsed,
            since_step,
        }
    }
}

/// What a running job sees: progress to update, a cancel flag to check, a waker to call.
#[derive(Clone)]
pub struct JobCtx {
    /// Shared counters.
    pub progress: Arc<Progress>,
    cancel: Arc<AtomicBool>,
    waker: Waker,
    last_wake: Arc<Mutex<Instant>>,
}

impl JobCtx {
    /// A context for running job code directly on this thread (command line, tests).
    pub fn detached() -> Self {
        Self {
            progress: Arc::new(Progress::default()),
            cancel: Arc::new(AtomicBool::new(false)),
            waker: no_waker(),
            last_wake: Arc::new(Mutex::new(Instant::now())),
        }
    }

    /// True once the user asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Asks the user interface to repaint, at most about ten times a second (progress needs no more,
    /// and every frame drawn takes processor time from the job).
    pub fn wake(&self) {
        if let Ok(mut last) = self.last_wake.try_lock()
            && last.elapsed() >= Duration::from_millis(100)
        {
            *last = Instant::now();
            (self.waker)();
        }
    }

    /// Asks the user interface to repaint now.
    pub fn wake_now(&self) {
        (self.waker)();
    }
}

/// A computation running on its own thread whose result the user interface polls.
pub struct Job<T> {
    ctx: JobCtx,
    rx: Receiver<T>,
    finished: bool,
}

/// What [`Job::poll`] found.
#[derive(Debug)]
pub enum Poll<T> {
    /// Still running.
    Running,
    /// Finished with this value.
    Ready(T),
    /// The worker ended without a value (it panicked).
    Lost,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread.
    pub fn spawn<F>(name: &str, waker: Waker, work: F) -> std::io::Result<Self>
    where
        F: FnOnce(&JobCtx) -> T + Send + 'static,
    {
        let ctx = JobCtx {
            progress: Arc::new(Progress::default()),
            cancel: Arc::new(AtomicBool::new(false)),
            waker,
            last_wake: Arc::new(Mutex::new(Instant::now())),
        };
        let (tx, rx) = mpsc::channel();
        let worker_ctx = ctx.clone();
        std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                let value = work(&worker_ctx);
                // The receiver may be gone if the job was dropped; nothing to do then.
                let _ = tx.send(value);
                worker_ctx.wake_now();
            })?;
        Ok(Self {
            ctx,
            rx,
            finished: false,
        })
    }

    /// Takes the result if the job has finished; never blocks.
    pub fn poll(&mut self) -> Poll<T> {
        if self.finished {
            return Poll::Lost;
        }
        match self.rx.try_recv() {
            Ok(v) => {
                self.finished = true;
                Poll::Ready(v)
            }
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => {
                self.finished = true;
                Poll::Lost
            }
        }
    }

    /// Waits for the result (command line and tests only).
    pub fn wait(self) -> Option<T> {
        self.rx.recv().ok()
    }

    /// Asks the job to stop at its next check.
    pub fn cancel(&self) {
        self.ctx.cancel.store(true, Ordering::Relaxed);
    }

    /// The job's progress counters.
    pub fn progress(&self) -> ProgressSnapshot {
        self.ctx.progress.snapshot()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_returns_value_and_wakes() {
        let woken = Arc::new(AtomicU64::new(0));
        let w = woken.clone();
        let job = Job::spawn(
            "t",
            Arc::new(move || {
                w.fetch_add(1, Ordering::Relaxed);
            }),
            |ctx| {
                ctx.progress.set_phase(Phase::Reading, 10);
                ctx.progress.done.store(10, Ordering::Relaxed);
                42
            },
        )
        .unwrap();
        assert_eq!(job.wait(), Some(42));
        // The waker runs right after the value is sent.
        let start = Instant::now();
        while woken.load(Ordering::Relaxed) == 0 && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(woken.load(Ordering::Relaxed) >= 1);
    }

    #[test]
    fn cancel_is_seen_by_worker() {
        let mut job = Job::spawn("t", no_waker(), |ctx| {
            let start = Instant::now();
            while !ctx.is_cancelled() {
                if start.elapsed() > Duration::from_secs(10) {
                    return false;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
            true
        })
        .unwrap();
        assert!(matches!(job.poll(), Poll::Running));
        job.cancel();
        assert_eq!(job.wait(), Some(true));
    }

    #[test]
    fn snapshot_fraction_and_eta() {
        let s = ProgressSnapshot {
            phase: Phase::Reading,
            done: 50,
            total: 100,
            bytes: 0,
            elapsed: Duration::from_secs(5),
            since_step: Duration::ZERO,
        };
        assert!((s.fraction() - 0.5).abs() < 1e-6);
        assert_eq!(s.remaining(), Some(Duration::from_secs(5)));
        // Two seconds after the last file: counting down.
        let later = ProgressSnapshot {
            elapsed: Duration::from_secs(7),
            since_step: Duration::from_secs(2),
            ..s
        };
        assert_eq!(later.remaining(), Some(Duration::from_secs(3)));
        assert!(!later.stalled());
        // One file takes longer than the whole estimate: no time is told.
        let stuck = ProgressSnapshot {
            elapsed: Duration::from_secs(60),
            since_step: Duration::from_secs(55),
            ..s
        };
        assert_eq!(stuck.remaining(), None);
        assert!(stuck.stalled());
    }
}
