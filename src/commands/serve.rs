//! `serve`: the reference emulator on its own, until Ctrl-C, with its
//! default readings or those `--reading ID=CHOICE` selects.

use crate::cli::ServeArgs;
use crate::contract::selection::Selection;
use crate::emulator::{self, Mutant};
use crate::exit;
use crate::fixtures::Manifest;

use super::{HarnessError, runtime};

pub fn serve(args: &ServeArgs) -> Result<i32, HarnessError> {
    let manifest =
        Manifest::load(&args.fixtures).map_err(|e| HarnessError::Fixtures(e.to_string()))?;
    let mutant = parse_mutant(args.mutant.as_deref())?;
    let readings = Selection::parse(&args.readings).map_err(HarnessError::Usage)?;
    let runtime = runtime()?;
    runtime.block_on(async {
        let running = emulator::start(args.listen, &manifest, readings.rules(), mutant)
            .await
            .map_err(|e| HarnessError::Bind {
                addr: args.listen.to_string(),
                reason: e.to_string(),
            })?;
        // On stdout, so that scripts starting `serve --listen 127.0.0.1:0` learn the port.
        println!("listening on http://{}", running.addr);
        if !readings.is_default() {
            eprintln!("createimage-contract: serving with --reading {readings}");
        }
        let _ = std::io::Write::flush(&mut std::io::stdout());
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("createimage-contract: shutting down");
        running.shutdown().await;
        Ok(exit::ALL_PASSED)
    })
}

/// `--mutant NAME` → the emulator's deliberate fault.
pub fn parse_mutant(name: Option<&str>) -> Result<Option<Mutant>, HarnessError> {
    let Some(name) = name else { return Ok(None) };
    Mutant::from_name(name).map(Some).ok_or_else(|| {
        let names: Vec<&str> = Mutant::all().map(|m| m.name()).collect();
        HarnessError::Usage(format!(
            "unknown mutant `{name}`; known mutants: {}",
            names.join(", ")
        ))
    })
}
