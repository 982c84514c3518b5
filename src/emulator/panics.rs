//! The request path's safety net: a panic while a request is handled is
//! caught ([`catch`]), the request is answered with the documented
//! `500 InternalError` envelope by the server, and the panic is counted on
//! the emulator ([`PanicLog`]) instead of being printed.
//!
//! A correct emulator never panics; one that does is broken, whatever it
//! answered. The `mutants` command reads the count: a mutant whose
//! emulator panicked is reported as broken, not killed. The first panic's
//! message and place are kept for the one who has to fix it.
//!
//! Printing is suppressed only for panics inside [`catch`], on the thread
//! that runs it: the process-wide panic hook is wrapped once, and every
//! other panic still goes to the hook that was installed before.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// How many requests panicked, and what the first panic said.
#[derive(Debug, Default)]
pub struct PanicLog {
    count: AtomicU64,
    first: OnceLock<String>,
}

impl PanicLog {
    /// Counts one panic; keeps its description if it is the first.
    pub fn record(&self, description: String) {
        self.count.fetch_add(1, Ordering::Relaxed);
        let _ = self.first.set(description);
    }

    /// How many requests panicked so far.
    pub fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }

    /// The first panic's message and place (`message (at file:line)`).
    pub fn first(&self) -> Option<&str> {
        self.first.get().map(String::as_str)
    }
}

thread_local! {
    /// Inside [`catch`] on this thread: the hook stays silent.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// What the last silenced panic on this thread said.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`; if it panics, the panic is not printed and its description
/// (message and place) is returned instead.
pub fn catch<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    install_quiet_hook();
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            CATCHING.with(|catching| catching.set(self.0));
        }
    }
    let _restore = Restore(CATCHING.with(|catching| catching.replace(true)));
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        LAST.with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| message_of(payload.as_ref()).to_owned())
    })
}

/// Wraps the process's panic hook, once: panics inside [`catch`] are
/// remembered for it, every other one goes to the previous hook.
fn install_quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) {
                let place = info
                    .location()
                    .map(|l| format!(" (at {}:{})", l.file(), l.line()))
                    .unwrap_or_default();
                let description = format!("{}{place}", message_of(info.payload()));
                LAST.with(|last| *last.borrow_mut() = Some(description));
            } else {
                previous(info);
            }
        }));
    });
}

/// A panic payload's text (`panic!` with a literal or a format string).
fn message_of(payload: &(dyn std::any::Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "a panic without a message"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_returns_its_message_and_place() {
        let caught = catch(|| -> u32 { panic!("deliberately broken: {}", 42) });
        let description = caught.unwrap_err();
        assert!(
            description.starts_with("deliberately broken: 42 (at src/emulator/panics.rs:"),
            "{description}"
        );
    }

    #[test]
    fn a_value_comes_back_untouched_when_nothing_panics() {
        assert_eq!(catch(|| 7), Ok(7));
        assert!(
            !CATCHING.with(Cell::get),
            "the thread is no longer catching"
        );
    }

    #[test]
    fn the_log_counts_every_panic_and_keeps_the_first() {
        let log = PanicLog::default();
        assert_eq!((log.count(), log.first()), (0, None));
        log.record("first".into());
        log.record("second".into());
        assert_eq!((log.count(), log.first()), (2, Some("first")));
    }
}
