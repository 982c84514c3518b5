//! Freeing what a command built, off its critical path.
//!
//! At the end of `run` the session (every run's record, the snapshot
//! store, the suite) and the report are tens of thousands of small
//! allocations; freeing them one by one took longer than building the
//! report. A command hands them to [`in_background`] once it no longer
//! needs them: a thread of their own frees them while the command prints
//! its summary, and when the process ends first the operating system takes
//! the memory back at once.

/// Drops `value` on a thread of its own; when no thread can be started,
/// the closure that holds it is dropped here, and `value` with it.
pub fn in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("release".to_owned())
        .spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    use super::in_background;

    struct Flag(Arc<AtomicBool>);

    impl Drop for Flag {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[test]
    fn a_value_handed_over_is_dropped() {
        let dropped = Arc::new(AtomicBool::new(false));
        in_background(Flag(dropped.clone()));
        let deadline = Instant::now() + Duration::from_secs(10);
        while !dropped.load(Ordering::SeqCst) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(dropped.load(Ordering::SeqCst));
    }
}
