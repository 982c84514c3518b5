//! `Platform` and `Architecture`: exact values from the contract's lists
//! (`arm64` accepted, ambiguity `architecture-arm64`) and their defaults.

use crate::contract::errors::{ARCHITECTURE_MALFORMED, PLATFORM_MALFORMED};
use crate::contract::rules::{ARCHITECTURES, PLATFORMS};
use crate::emulator::error::ApiError;
use crate::emulator::mutants::Mutant;

pub fn check_platform(platform: Option<&str>) -> Result<(), ApiError> {
    match platform {
        Some(p) if !PLATFORMS.contains(&p) && !Mutant::PlatformAnyValue.active() => {
            Err(PLATFORM_MALFORMED.into())
        }
        _ => Ok(()),
    }
}

pub fn check_architecture(architecture: Option<&str>) -> Result<(), ApiError> {
    match architecture {
        Some("i386") if Mutant::ArchitectureI386Refused.active() => {
            Err(ARCHITECTURE_MALFORMED.into())
        }
        Some(a) if !ARCHITECTURES.contains(&a) && !Mutant::ArchitectureAnyValue.active() => {
            Err(ARCHITECTURE_MALFORMED.into())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_platform_is_accepted_exactly() {
        for p in PLATFORMS {
            assert!(check_platform(Some(p)).is_ok(), "{p}");
        }
        assert!(check_platform(Some("centos")).is_err());
        assert!(check_platform(Some("Windows Server 2019")).is_err());
        assert!(check_platform(None).is_ok());
    }

    #[test]
    fn architecture_accepts_i386_x86_64_arm64() {
        for a in ["i386", "x86_64", "arm64"] {
            assert!(check_architecture(Some(a)).is_ok());
        }
        let err = check_architecture(Some("X86_64")).unwrap_err();
        assert_eq!(err.code, "InvalidArchitecture.Malformed");
    }
}
