//! Results computed in the background from the corpus and the selection: a panel asks for the
//! value of a key each frame; a new key starts a job (cancelling the previous one) and the last
//! value stays on screen, marked as updating, until the new one arrives. No panel computes
//! inside a frame.

use crate::jobs::{Job, JobCtx, Poll, ProgressSnapshot, Waker};
use std::sync::Arc;

/// One background-computed value, keyed by its inputs.
pub struct Derived<K, V> {
    /// The key of `value`.
    done_key: Option<K>,
    value: Option<Arc<V>>,
    running: Option<(K, Job<Option<V>>)>,
    error: Option<String>,
}

impl<K, V> Default for Derived<K, V> {
    fn default() -> Self {
        Self {
            done_key: None,
            value: None,
            running: None,
            error: None,
        }
    }
}

impl<K: PartialEq + Clone, V: Send + 'static> Derived<K, V> {
    /// Makes sure the value for `key` is computed or being computed; `make` builds the work
    /// only when a job has to start. Collects a finished job's result.
    pub fn request<F, W>(&mut self, key: &K, waker: &Waker, make: F)
    where
        F: FnOnce() -> W,
        W: FnOnce(&JobCtx) -> Option<V> + Send + 'static,
    {
        self.poll();
        let fresh = self.done_key.as_ref() == Some(key);
        let in_flight = self.running.as_ref().is_some_and(|(k, _)| k == key);
        if fresh || in_flight {
            return;
        }
        if let Some((_, job)) = self.running.take() {
            job.cancel();
        }
        match Job::spawn("quarry-view", waker.clone(), make()) {
            Ok(job) => {
                self.running = Some((key.clone(), job));
                self.error = None;
            }
            Err(e) => self.error = Some(format!("could not start the computation: {e}")),
        }
    }

    /// Collects the result of a finished job, if any.
    pub fn poll(&mut self) {
        let Some((_, job)) = self.running.as_mut() else {
            return;
        };
        match job.poll() {
            Poll::Running => {}
            Poll::Ready(v) => {
                if let (Some((k, _)), Some(v)) = (self.running.take(), v) {
                    self.value = Some(Arc::new(v));
                    self.done_key = Some(k);
                }
            }
            Poll::Lost => {
                self.running = None;
                self.error = Some("the computation stopped unexpectedly".into());
            }
        }
    }

    /// The latest value, which may belong to an older key while a new one is computed.
    pub fn value(&self) -> Option<&Arc<V>> {
        self.value.as_ref()
    }

    /// The value only if it belongs to `key`.
    pub fn value_for(&self, key: &K) -> Option<&Arc<V>> {
        (self.done_key.as_ref() == Some(key))
            .then_some(self.value.as_ref())
            .flatten()
    }

    /// The key of the running job, if one runs.
    pub fn running_key(&self) -> Option<&K> {
        self.running.as_ref().map(|(k, _)| k)
    }

    /// Whether a job is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Progress of the running job, if one runs.
    pub fn progress(&self) -> Option<ProgressSnapshot> {
        self.running.as_ref().map(|(_, job)| job.progress())
    }

    /// Why the last job could not run.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Forgets the value (a new corpus was loaded).
    pub fn clear(&mut self) {
        if let Some((_, job)) = self.running.take() {
            job.cancel();
        }
        self.done_key = None;
        self.value = None;
        self.error = None;
    }

    /// Waits for the running job (tests only: makes a frame deterministic).
    pub fn wait(&mut self) {
        while self.running.is_some() {
            self.poll();
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::no_waker;

    #[test]
    fn new_key_recomputes_and_keeps_old_value_meanwhile() {
        let w = no_waker();
        let mut d: Derived<u32, u32> = Derived::default();
        d.request(&1, &w, || |_: &JobCtx| Some(10));
        d.wait();
        assert_eq!(d.value_for(&1).map(|v| **v), Some(10));
        // Same key: nothing starts.
        d.request(&1, &w, || -> fn(&JobCtx) -> Option<u32> {
            panic!("must not rebuild")
        });
        assert!(!d.is_running());
        d.request(&2, &w, || {
            |_: &JobCtx| {
                std::thread::sleep(std::time::Duration::from_millis(20));
                Some(20)
            }
        });
        assert_eq!(d.value().map(|v| **v), Some(10));
        assert!(d.value_for(&2).is_none());
        d.wait();
        assert_eq!(d.value_for(&2).map(|v| **v), Some(20));
        d.clear();
        assert!(d.value().is_none());
    }
}
