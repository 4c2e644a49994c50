//! The force layout of the Network panel, run on its own thread: it steps the layout, publishes
//! positions every few milliseconds and wakes the window, until the layout settles. Frames
//! only read the latest positions; dragged nodes are pinned through messages.

use crate::analysis::layout::{Layout, LayoutSettings, NETWORK_SEED, NETWORK_SETTINGS};
use crate::jobs::Waker;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Steps after which a layout counts as settled even if it still creeps.
const MAX_STEPS: u32 = 2500;
/// Steps allowed after a node is pinned or released.
const WAKE_STEPS: u32 = 600;
/// A canvas whose shape differs from the layout's by less than this factor keeps the layout.
const ASPECT_SLACK: f32 = 1.1;
/// Least time between two published positions while the layout moves.
const PUBLISH_EVERY: Duration = Duration::from_millis(15);

/// Positions published by the layout thread.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Position of each node, indexed like the graph's nodes.
    pub positions: Vec<[f32; 2]>,
    /// Whether the layout has settled.
    pub stable: bool,
    /// Bumped at each publication.
    pub version: u64,
}

/// A request to the layout thread.
enum Msg {
    Pin(usize, [f32; 2]),
    Unpin(usize),
    Aspect(f32),
}

/// Handle of a running layout; dropping it ends the thread.
pub struct Worker {
    tx: Sender<Msg>,
    shared: Arc<Mutex<Snapshot>>,
    /// The shape (width over height) last asked of the layout.
    aspect: f32,
}

impl Worker {
    /// Starts laying out `n` nodes joined by `edges` (node, node, weight > 0). Nodes with a
    /// `start` position begin there (a graph that changed keeps its picture); new nodes begin
    /// near their placed neighbours. The layout is drawn out to the shape `aspect` (width
    /// over height) of the canvas.
    pub fn spawn(
        n: usize,
        edges: Vec<(u32, u32, f32)>,
        start: Vec<Option<[f32; 2]>>,
        aspect: f32,
        waker: Waker,
    ) -> std::io::Result<Worker> {
        let (tx, rx) = mpsc::channel();
        let shared = Arc::new(Mutex::new(Snapshot::default()));
        let out = shared.clone();
        std::thread::Builder::new()
            .name("quarry-layout".into())
            .spawn(move || {
                let layout = initial(n, &edges, &start, aspect);
                run(layout, &rx, &out, &waker);
            })?;
        Ok(Worker { tx, shared, aspect })
    }

    /// Copies the latest positions into `into` if they are newer than `seen`; returns the new
    /// version and whether the layout has settled.
    pub fn latest(&self, seen: u64, into: &mut Vec<[f32; 2]>) -> (u64, bool) {
        let snap = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        if snap.version != seen {
            into.clone_from(&snap.positions);
        }
        (snap.version, snap.stable)
    }

    /// Holds a node at a position (it is being dragged).
    pub fn pin(&self, node: usize, pos: [f32; 2]) {
        // A closed channel means the thread is gone; nothing is left to move.
        let _ = self.tx.send(Msg::Pin(node, pos));
    }

    /// Lets a pinned node move again.
    pub fn unpin(&self, node: usize) {
        let _ = self.tx.send(Msg::Unpin(node));
    }

    /// Draws the layout out to a canvas of shape `aspect` (width over height), unless its
    /// shape is already close to that.
    pub fn fit_to(&mut self, aspect: f32) {
        if !(aspect.is_finite() && aspect > 0.0) {
            return;
        }
        let ratio = aspect / self.aspect;
        if !(1.0 / ASPECT_SLACK..=ASPECT_SLACK).contains(&ratio) {
            self.aspect = aspect;
            // Not settled any more, from now on: the layout thread may be asleep until the
            // message arrives.
            self.shared
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .stable = false;
            let _ = self.tx.send(Msg::Aspect(aspect));
        }
    }
}

/// The layout with its starting positions.
fn initial(n: usize, edges: &[(u32, u32, f32)], start: &[Option<[f32; 2]>], aspect: f32) -> Layout {
    let settings = LayoutSettings {
        aspect,
        ..NETWORK_SETTINGS
    };
    let mut layout = Layout::with_settings(n, edges, NETWORK_SEED, settings);
    let placed = start.iter().filter(|p| p.is_some()).count();
    if placed == 0 {
        return layout;
    }
    // Sum of placed neighbours' positions, for nodes that have none of their own.
    let mut near = vec![([0.0f32; 2], 0u32); n];
    for &(a, b, _) in edges {
        for (x, y) in [(a, b), (b, a)] {
            if let (Some(None), Some(Some(p))) = (start.get(x as usize), start.get(y as usize)) {
                let s = &mut near[x as usize];
                s.0[0] += p[0];
                s.0[1] += p[1];
                s.1 += 1;
            }
        }
    }
    let random: Vec<[f32; 2]> = layout.positions().to_vec();
    for i in 0..n {
        let p = match start.get(i).copied().flatten() {
            Some(p) => p,
            None if near[i].1 > 0 => {
                let k = near[i].1 as f32;
                // A little of the random start keeps new neighbours of one node apart.
                [
                    near[i].0[0] / k + random[i][0] * 0.1,
                    near[i].0[1] / k + random[i][1] * 0.1,
                ]
            }
            None => continue,
        };
        layout.pin(i, p);
        layout.unpin(i);
    }
    layout
}

/// Steps until settled, answering messages; returns when the panel drops its handle.
fn run(mut layout: Layout, rx: &Receiver<Msg>, out: &Mutex<Snapshot>, waker: &Waker) {
    let mut limit = MAX_STEPS;
    let mut last = Instant::now();
    publish(&layout, false, out, waker);
    loop {
        let settled = layout.is_empty() || layout.is_stable() || layout.iterations() >= limit;
        let msg = if settled {
            match rx.recv() {
                Ok(m) => Some(m),
                Err(_) => return,
            }
        } else {
            match rx.try_recv() {
                Ok(m) => Some(m),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => return,
            }
        };
        if let Some(m) = msg {
            limit = layout.iterations()
                + match m {
                    Msg::Pin(i, p) => {
                        layout.pin(i, p);
                        WAKE_STEPS
                    }
                    Msg::Unpin(i) => {
                        layout.unpin(i);
                        WAKE_STEPS
                    }
                    // Reshaping moves every node, as far as a first layout does.
                    Msg::Aspect(a) => {
                        layout.set_aspect(a);
                        MAX_STEPS
                    }
                };
            continue;
        }
        layout.step();
        let done = layout.is_stable() || layout.iterations() >= limit;
        if done || last.elapsed() >= PUBLISH_EVERY {
            publish(&layout, done, out, waker);
            last = Instant::now();
        }
    }
}

/// Makes the layout's positions the latest and wakes the window.
fn publish(layout: &Layout, stable: bool, out: &Mutex<Snapshot>, waker: &Waker) {
    {
        let mut snap = out.lock().unwrap_or_else(PoisonError::into_inner);
        snap.positions.clear();
        snap.positions.extend_from_slice(layout.positions());
        snap.stable = stable;
        snap.version += 1;
    }
    waker();
}
