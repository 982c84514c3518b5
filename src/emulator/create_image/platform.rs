//! `Platform` and `Architecture`: exact values from the rules' lists
//! (`arm64` accepted by default, ambiguity `architecture-arm64`).

use crate::contract::Rules;
use crate::contract::errors::{ARCHITECTURE_MALFORMED, PLATFORM_MALFORMED};
use crate::emulator::error::ApiError;

pub fn check_platform(rules: &Rules, platform: Option<&str>) -> Result<(), ApiError> {
    match platform {
        Some(p) if rules.platform_checked && !rules.platforms.contains(&rules.listed(p)) => {
            Err(PLATFORM_MALFORMED.into())
        }
        _ => Ok(()),
    }
}

pub fn check_architecture(rules: &Rules, architecture: Option<&str>) -> Result<(), ApiError> {
    match architecture {
        Some(a)
            if rules.architecture_checked && !rules.architectures.contains(&rules.listed(a)) =>
        {
            Err(ARCHITECTURE_MALFORMED.into())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::readings;
    use crate::contract::rules::PLATFORMS;

    const RULES: Rules = Rules::reference();

    #[test]
    fn every_listed_platform_is_accepted_exactly() {
        for p in PLATFORMS {
            assert!(check_platform(&RULES, Some(p)).is_ok(), "{p}");
        }
        assert!(check_platform(&RULES, Some("centos")).is_err());
        assert!(check_platform(&RULES, Some("Windows Server 2019")).is_err());
        assert!(check_platform(&RULES, None).is_ok());
    }

    #[test]
    fn a_listed_value_with_a_final_line_feed_is_not_that_value() {
        assert!(check_platform(&RULES, Some("CentOS\n")).is_err());
        assert!(check_architecture(&RULES, Some("i386\n")).is_err());
    }

    #[test]
    fn architecture_accepts_i386_x86_64_arm64() {
        for a in ["i386", "x86_64", "arm64"] {
            assert!(check_architecture(&RULES, Some(a)).is_ok());
        }
        let err = check_architecture(&RULES, Some("X86_64")).unwrap_err();
        assert_eq!(err.code, "InvalidArchitecture.Malformed");
    }

    #[test]
    fn architecture_under_documented_values_only_refuses_arm64() {
        let rules = readings::rules_under(readings::ARCHITECTURE_ARM64, "documented-values-only");
        assert!(check_architecture(&rules, Some("x86_64")).is_ok());
        assert!(check_architecture(&rules, Some("i386")).is_ok());
        let err = check_architecture(&rules, Some("arm64")).unwrap_err();
        assert_eq!(err.code, "InvalidArchitecture.Malformed");
    }
}
