//! The emulator's request handling on arbitrary requests: the query/form
//! parser, the gateway (decoding, format, V1/V3 authentication, common
//! parameters) and the operation behind it. Raw requests exercise the
//! gateway's refusals; requests signed with the default account's key get
//! through it, so arbitrary parameters reach every rule of CreateImage.
//! An answer is an error or an image, never a panic.

#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use createimage_contract::contract::Rules;
use createimage_contract::emulator::Emulator;
use createimage_contract::emulator::create_image::create_image;
use createimage_contract::emulator::gateway::{Incoming, admit};
use createimage_contract::fixtures::Manifest;
use createimage_contract::wire::request::{RequestSpec, prepare};
use createimage_contract::wire::{Credentials, Format, WireStyle, percent};
use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;

#[derive(Debug, Arbitrary)]
enum Input<'a> {
    Raw {
        method: &'a str,
        path: &'a str,
        query: &'a str,
        headers: Vec<(String, String)>,
        body: &'a [u8],
    },
    Signed {
        style: u8,
        json: bool,
        /// A value written `@N` becomes the id of the Nth fixture, so that
        /// existing instances and snapshots are reachable.
        params: Vec<(String, String)>,
    },
}

struct World {
    emulator: Emulator,
    manifest: Manifest,
    fixture_ids: Vec<String>,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let manifest = Manifest::builtin();
        World {
            emulator: Emulator::new(&manifest, Rules::reference(), None),
            fixture_ids: manifest.bindings().into_values().collect(),
            manifest,
        }
    })
}

fuzz_target!(|input: Input<'_>| {
    let World {
        emulator,
        manifest,
        fixture_ids,
    } = world();
    let now = OffsetDateTime::now_utc();
    match input {
        Input::Raw {
            method,
            path,
            query,
            headers,
            body,
        } => {
            let _ = percent::parse_pairs(query);
            handle(
                emulator,
                &Incoming {
                    method,
                    path,
                    query,
                    headers: &headers,
                    body,
                },
                now,
            );
        }
        Input::Signed {
            style,
            json,
            params,
        } => {
            let params: Vec<(String, String)> = params
                .into_iter()
                .map(|(name, value)| {
                    let fixture = value
                        .strip_prefix('@')
                        .and_then(|n| n.parse::<usize>().ok())
                        .filter(|_| !fixture_ids.is_empty());
                    match fixture {
                        Some(n) => (name, fixture_ids[n % fixture_ids.len()].clone()),
                        None => (name, value),
                    }
                })
                .collect();
            let style = WireStyle::ALL[usize::from(style) % WireStyle::ALL.len()];
            let default = manifest.account("default").expect("a default account");
            let credentials = Credentials::new(
                default.access_key_id.clone(),
                default.access_key_secret.clone(),
            );
            let timestamp = format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                now.year(),
                u8::from(now.month()),
                now.day(),
                now.hour(),
                now.minute(),
                now.second()
            );
            let request = prepare(&RequestSpec {
                style,
                host: "127.0.0.1:1",
                action: "CreateImage",
                format: Some(if json { Format::Json } else { Format::Xml }),
                params: &params,
                credentials: &credentials,
                nonce: &format!("{:032x}", next_nonce()),
                timestamp: &timestamp,
            });
            let (path, query) = request
                .path_and_query
                .split_once('?')
                .unwrap_or((&request.path_and_query, ""));
            handle(
                emulator,
                &Incoming {
                    method: request.method,
                    path,
                    query,
                    headers: &request.headers,
                    body: &request.body,
                },
                now,
            );
        }
    }
});

/// A counter, so that no two signed requests share a nonce.
fn next_nonce() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn handle(emulator: &Emulator, incoming: &Incoming<'_>, now: OffsetDateTime) {
    let (_format, admitted) = admit(emulator, incoming, now);
    if let Ok(admitted) = admitted {
        let _ = create_image(
            emulator.world(),
            emulator.store(),
            emulator.rules(),
            &admitted.account,
            &admitted.params,
        );
    }
}
