//! [`Params`]: the request's parameters sorted into the fields CreateImage
//! reads, with the `Tag.N.*` and `DiskDeviceMapping.N.*` families grouped by
//! N. Indexes are checked here (a bad N is a request-level error); values are
//! checked by the rule modules. Unknown parameters are ignored, as ECS does.
//!
//! Empty values: an optional scalar given empty is treated as absent, unless
//! the rules check its empty value (ambiguity `empty-values`; the sources'
//! empty values are `empty_source_given`, ambiguity
//! `all-empty-vs-missing-parameter`); tag keys and values keep their empty
//! strings. `Tag.N` with N above the maximum counts
//! as one tag too many, or is an index out of range (ambiguity `tags-quota`).

use std::collections::BTreeMap;

use crate::contract::Rules;
use crate::contract::rule_set::TagIndexAboveMax;
use crate::contract::rules::MAX_DISK_DEVICE_MAPPINGS;
use crate::emulator::error::ApiError;

/// The CreateImage parameters of one request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params<'a> {
    pub instance_id: Option<&'a str>,
    pub snapshot_id: Option<&'a str>,
    pub image_name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub platform: Option<&'a str>,
    pub architecture: Option<&'a str>,
    pub client_token: Option<&'a str>,
    pub resource_group_id: Option<&'a str>,
    pub image_family: Option<&'a str>,
    pub image_version: Option<&'a str>,
    /// Some source parameter (InstanceId, SnapshotId, DiskDeviceMapping.*)
    /// was present with an empty value.
    pub empty_source_given: bool,
    /// `Tag.N.*` by N (1..=20).
    pub tags: BTreeMap<u64, TagParams<'a>>,
    /// Some `Tag.N.*` had N > 20.
    pub tag_index_over_max: bool,
    /// `DiskDeviceMapping.N.*` by N (1..=26), only entries with a non-empty field.
    pub mappings: BTreeMap<u64, MappingParams<'a>>,
}

/// The four spellings of one tag.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TagParams<'a> {
    pub key: Option<&'a str>,
    pub key_lowercase: Option<&'a str>,
    pub value: Option<&'a str>,
    pub value_lowercase: Option<&'a str>,
}

/// One `DiskDeviceMapping.N` entry (empty values left out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MappingParams<'a> {
    pub snapshot_id: Option<&'a str>,
    pub size: Option<&'a str>,
    pub device: Option<&'a str>,
    pub disk_type: Option<&'a str>,
}

impl<'a> Params<'a> {
    /// Sorts the (already de-duplicated) parameters.
    pub fn parse(pairs: &'a [(String, String)], rules: &Rules) -> Result<Params<'a>, ApiError> {
        let mut p = Params::default();
        for (name, value) in pairs {
            let name = name.as_str();
            let value = value.as_str();
            let non_empty =
                (!value.is_empty() || rules.empty_values_checked.contains(&name)).then_some(value);
            match name {
                "InstanceId" | "SnapshotId" => {
                    p.empty_source_given |= value.is_empty();
                    if name == "InstanceId" {
                        p.instance_id = non_empty;
                    } else {
                        p.snapshot_id = non_empty;
                    }
                }
                "ImageName" => p.image_name = non_empty,
                "Description" => p.description = non_empty,
                "Platform" => p.platform = non_empty,
                "Architecture" => p.architecture = non_empty,
                "ClientToken" => p.client_token = non_empty,
                "ResourceGroupId" => p.resource_group_id = non_empty,
                "ImageFamily" => p.image_family = non_empty,
                "ImageVersion" => p.image_version = non_empty,
                _ => {
                    if let Some(rest) = name.strip_prefix("Tag.") {
                        p.tag(name, rest, value, rules)?;
                    } else if let Some(rest) = name.strip_prefix("DiskDeviceMapping.") {
                        p.mapping(
                            name,
                            rest,
                            non_empty,
                            rules.empty_mapping_snapshot_is_empty_disk,
                        )?;
                    }
                }
            }
        }
        Ok(p)
    }

    fn tag(
        &mut self,
        name: &str,
        rest: &str,
        value: &'a str,
        rules: &Rules,
    ) -> Result<(), ApiError> {
        let Some((index, field)) = rest.split_once('.') else {
            return Ok(());
        };
        if !matches!(field, "Key" | "key" | "Value" | "value") {
            return Ok(());
        }
        let max = rules.max_tags;
        let n = index_of(index).ok_or_else(|| ApiError::index_out_of_range(name, max))?;
        if n > max as u64 {
            return match rules.tag_index_above_max {
                TagIndexAboveMax::TooManyTags => {
                    self.tag_index_over_max = true;
                    Ok(())
                }
                TagIndexAboveMax::OutOfRange => Err(ApiError::index_out_of_range(name, max)),
            };
        }
        let tag = self.tags.entry(n).or_default();
        let slot = match field {
            "Key" => &mut tag.key,
            "key" => &mut tag.key_lowercase,
            "Value" => &mut tag.value,
            _ => &mut tag.value_lowercase,
        };
        *slot = Some(value);
        Ok(())
    }

    fn mapping(
        &mut self,
        name: &str,
        rest: &str,
        value: Option<&'a str>,
        empty_snapshot_is_empty_disk: bool,
    ) -> Result<(), ApiError> {
        let Some((index, field)) = rest.split_once('.') else {
            return Ok(());
        };
        if !matches!(field, "SnapshotId" | "Size" | "Device" | "DiskType") {
            return Ok(());
        }
        let n = index_of(index)
            .filter(|n| *n <= MAX_DISK_DEVICE_MAPPINGS as u64)
            .ok_or_else(|| ApiError::index_out_of_range(name, MAX_DISK_DEVICE_MAPPINGS))?;
        let Some(value) = value else {
            // Ambiguity `all-empty-vs-missing-parameter`, reading
            // `empty-data-disk`: an empty snapshot id is an entry without one.
            if field == "SnapshotId" && empty_snapshot_is_empty_disk {
                self.mappings.entry(n).or_default();
            } else {
                self.empty_source_given = true;
            }
            return Ok(());
        };
        let entry = self.mappings.entry(n).or_default();
        let slot = match field {
            "SnapshotId" => &mut entry.snapshot_id,
            "Size" => &mut entry.size,
            "Device" => &mut entry.device,
            _ => &mut entry.disk_type,
        };
        *slot = Some(value);
        Ok(())
    }
}

/// A positive decimal index without leading zeros; saturates at `u64::MAX`.
fn index_of(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) || text.starts_with('0') {
        return None;
    }
    Some(text.parse::<u64>().unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::readings;

    const RULES: Rules = Rules::reference();

    use crate::wire::pairs;

    #[test]
    fn empty_scalar_is_absent() {
        let list = pairs(&[("ImageName", ""), ("SnapshotId", "")]);
        let p = Params::parse(&list, &RULES).unwrap();
        assert_eq!(p.image_name, None);
        assert_eq!(p.snapshot_id, None);
        assert!(p.empty_source_given);
    }

    #[test]
    fn tags_group_by_index_and_keep_empty_values() {
        let list = pairs(&[
            ("Tag.2.Key", "k"),
            ("Tag.2.Value", ""),
            ("Tag.1.key", "old"),
        ]);
        let p = Params::parse(&list, &RULES).unwrap();
        assert_eq!(p.tags[&2].key, Some("k"));
        assert_eq!(p.tags[&2].value, Some(""));
        assert_eq!(p.tags[&1].key_lowercase, Some("old"));
    }

    #[test]
    fn tag_index_above_twenty_is_flagged_not_stored() {
        let list = pairs(&[("Tag.99999999999999999999999.Key", "k")]);
        let p = Params::parse(&list, &RULES).unwrap();
        assert!(p.tag_index_over_max);
        assert!(p.tags.is_empty());
    }

    #[test]
    fn tag_index_zero_or_text_is_index_out_of_range() {
        for name in ["Tag.0.Key", "Tag.x.Key", "Tag.01.Key", "Tag..Key"] {
            let list = pairs(&[(name, "k")]);
            let err = Params::parse(&list, &RULES).unwrap_err();
            assert_eq!(err.code, "InvalidParameter.IndexOutOfRange", "{name}");
        }
    }

    #[test]
    fn mapping_index_above_twenty_six_is_index_out_of_range() {
        let list = pairs(&[("DiskDeviceMapping.27.SnapshotId", "s-1")]);
        assert_eq!(
            Params::parse(&list, &RULES).unwrap_err().code,
            "InvalidParameter.IndexOutOfRange"
        );
        let list = pairs(&[("DiskDeviceMapping.26.SnapshotId", "s-1")]);
        assert!(Params::parse(&list, &RULES).is_ok());
    }

    #[test]
    fn empty_names_are_values_when_the_rules_check_them() {
        let rules = readings::rules_under(readings::EMPTY_VALUES, "empty-is-too-short");
        let list = pairs(&[("ImageName", ""), ("Description", ""), ("Platform", "")]);
        let p = Params::parse(&list, &rules).unwrap();
        assert_eq!((p.image_name, p.description), (Some(""), Some("")));
        assert_eq!(p.platform, None);
    }

    #[test]
    fn every_empty_optional_value_is_a_value_when_empty_is_a_value() {
        let rules = readings::rules_under(readings::EMPTY_VALUES, "empty-is-a-value");
        let list = pairs(&[
            ("Platform", ""),
            ("Architecture", ""),
            ("ImageVersion", ""),
            ("ResourceGroupId", ""),
            ("ClientToken", ""),
            ("SnapshotId", ""),
        ]);
        let p = Params::parse(&list, &rules).unwrap();
        assert_eq!((p.platform, p.architecture), (Some(""), Some("")));
        assert_eq!((p.image_version, p.resource_group_id), (Some(""), Some("")));
        assert_eq!((p.client_token, p.snapshot_id), (None, None));
        assert!(p.empty_source_given);
    }

    #[test]
    fn tag_index_above_twenty_is_out_of_range_under_that_reading() {
        let rules = readings::rules_under(readings::TAGS_QUOTA, "index-out-of-range");
        let list = pairs(&[("Tag.21.Key", "k")]);
        assert_eq!(
            Params::parse(&list, &rules).unwrap_err().code,
            "InvalidParameter.IndexOutOfRange"
        );
        assert!(Params::parse(&pairs(&[("Tag.20.Key", "k")]), &rules).is_ok());
    }

    #[test]
    fn unknown_parameters_are_ignored() {
        let list = pairs(&[
            ("BootMode", "UEFI"),
            ("Tag.1.Other", "x"),
            ("DiskDeviceMapping.1.Foo", "y"),
        ]);
        assert_eq!(Params::parse(&list, &RULES).unwrap(), Params::default());
    }
}
