//! The reference `CreateImage` emulator: the default target every case is
//! replayed against and every snapshot is recorded from.
//!
//! A request goes [`server`] (size limit, raw parameters) → [`gateway`]
//! (decoding, format, V1/V3 signature, timestamp, nonce, common parameters)
//! → [`create_image`] (every rule of `CreateImage.md`, in a documented order)
//! → [`store`] (duplicate names, idempotence and quotas, atomically) →
//! [`envelope`] (JSON or XML body, headers). [`delete_image`] serves
//! `DeleteImage` (emulator-specific, for `run --cleanup`). The read-only [`world`] is
//! seeded from the fixture manifest; [`mutants`] are deliberate faults;
//! [`panics`] catches and counts a request whose handling panicked;
//! [`checks`] says which function decides each rule of the contract.
//!
//! The emulator holds the contract's rules as a value ([`Rules`]) and passes
//! it to every check: [`Rules::reference`] takes the default reading of
//! every ambiguity of [`crate::contract::ambiguities`], and a
//! [`crate::contract::selection::Selection`] of other documented readings
//! edits it. The error codes it adds beyond the contract are listed in
//! [`error`].
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use createimage_contract::{emulator, fixtures::Manifest};
//! let manifest = Manifest::builtin();
//! let rules = createimage_contract::contract::Rules::reference();
//! let running = emulator::start("127.0.0.1:0".parse().unwrap(), &manifest, rules, None).await?;
//! println!("listening on {}", running.addr);
//! running.shutdown().await;
//! # Ok(()) }
//! ```

pub mod checks;
pub mod create_image;
pub mod delete_image;
pub mod envelope;
pub mod error;
pub mod gateway;
pub mod ids;
pub mod in_flight;
pub mod mutants;
pub mod nonces;
pub mod panics;
pub mod server;
pub mod store;
pub mod world;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use self::error::ApiError;
pub use self::mutants::Mutant;
use self::nonces::NonceCache;
use self::panics::PanicLog;
use self::store::Store;
use self::world::World;
use crate::contract::Rules;
use crate::fixtures::{Account, Manifest};
use crate::wire::Format;

/// The emulator's shared state; cheap to clone (one `Arc`).
#[derive(Clone, Debug)]
pub struct Emulator {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    world: World,
    store: Store,
    nonces: NonceCache,
    rules: Rules,
    mutant: Option<Mutant>,
    panics: PanicLog,
}

impl Emulator {
    /// An emulator seeded from `manifest` that follows `rules`, with at
    /// most one deliberate fault.
    pub fn new(manifest: &Manifest, rules: Rules, mutant: Option<Mutant>) -> Emulator {
        // A mutant that gets a rule wrong is an edit of the rules; the
        // checks never see which.
        let rules = mutant.and_then(|m| m.broken_rules(rules)).unwrap_or(rules);
        let world = World::seed(manifest);
        let store = Store::new(world.tokens_in_progress.clone());
        Emulator {
            inner: Arc::new(Inner {
                world,
                store,
                nonces: NonceCache::default(),
                rules,
                mutant,
                panics: PanicLog::default(),
            }),
        }
    }

    /// The HTTP router (every path and method; see [`server`]).
    pub fn router(&self) -> axum::Router {
        server::router(self.clone())
    }

    pub fn mutant(&self) -> Option<Mutant> {
        self.inner.mutant
    }

    pub fn mutant_is(&self, mutant: Mutant) -> bool {
        self.inner.mutant == Some(mutant)
    }

    /// The rules every check reads.
    pub fn rules(&self) -> &Rules {
        &self.inner.rules
    }

    pub fn world(&self) -> &World {
        &self.inner.world
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn nonces(&self) -> &NonceCache {
        &self.inner.nonces
    }

    /// The requests that panicked (each answered `500 InternalError`).
    pub fn panics(&self) -> &PanicLog {
        &self.inner.panics
    }

    fn account_by_key(&self, access_key_id: &str) -> Result<&Account, ApiError> {
        self.inner
            .world
            .accounts_by_key
            .get(access_key_id)
            .ok_or_else(ApiError::access_key_not_found)
    }

    /// Renders an error, after any answer-changing mutant.
    fn error(&self, format: Format, request_id: &str, mut err: ApiError) -> envelope::Envelope {
        if let Some(mutant) = self.inner.mutant {
            mutant.rewrite_error(&mut err);
        }
        envelope::error(format, request_id, &err)
    }
}

/// An emulator serving in a spawned task, reached at `addr`: a loopback
/// [`SocketAddr`] ([`RunningEmulator`], from [`start`]) or a Unix socket
/// file ([`SocketEmulator`], from [`start_unix`]).
#[derive(Debug)]
pub struct Running<A> {
    pub addr: A,
    pub emulator: Emulator,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

/// An emulator serving on a loopback port.
pub type RunningEmulator = Running<SocketAddr>;

/// An emulator serving on a Unix socket file.
#[cfg(unix)]
pub type SocketEmulator = Running<std::path::PathBuf>;

impl<A> Running<A> {
    /// Stops accepting connections and lets requests in flight finish.
    async fn stop_serving(self) -> A {
        let _ = self.stop.send(());
        let _ = self.task.await;
        self.addr
    }
}

impl RunningEmulator {
    /// Stops accepting connections, lets requests in flight finish, returns.
    pub async fn shutdown(self) {
        self.stop_serving().await;
    }
}

#[cfg(unix)]
impl SocketEmulator {
    /// Stops serving as [`RunningEmulator::shutdown`] does, and removes the
    /// socket file.
    pub async fn shutdown(self) {
        let path = self.stop_serving().await;
        let _ = std::fs::remove_file(path);
    }
}

/// Serves `emulator` on `listener` in a spawned task.
fn serve<L, A>(listener: L, emulator: Emulator, addr: A) -> Running<A>
where
    L: axum::serve::Listener,
    L::Addr: std::fmt::Debug,
{
    let (stop, stopped) = oneshot::channel::<()>();
    let router = emulator.router();
    let task = tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
    });
    Running {
        addr,
        emulator,
        stop,
        task,
    }
}

/// Binds `listen` (`127.0.0.1:0` picks a free port) and serves in a spawned task.
pub async fn start(
    listen: SocketAddr,
    manifest: &Manifest,
    rules: Rules,
    mutant: Option<Mutant>,
) -> std::io::Result<RunningEmulator> {
    let emulator = Emulator::new(manifest, rules, mutant);
    let listener = tokio::net::TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    Ok(serve(listener, emulator, addr))
}

/// Binds a new Unix socket file at `path` (which must not exist) and serves
/// in a spawned task: the same HTTP/1.1 as over TCP, without the kernel's
/// TCP/IP path. [`SocketEmulator::shutdown`] removes the file.
#[cfg(unix)]
pub async fn start_unix(
    path: std::path::PathBuf,
    manifest: &Manifest,
    rules: Rules,
    mutant: Option<Mutant>,
) -> std::io::Result<SocketEmulator> {
    let emulator = Emulator::new(manifest, rules, mutant);
    let listener = tokio::net::UnixListener::bind(&path)?;
    Ok(serve(listener, emulator, path))
}
