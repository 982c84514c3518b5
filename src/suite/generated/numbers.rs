//! The classes of an integer range (`DiskDeviceMapping.N.Size` of an entry
//! without a snapshot), instantiated: each bound of each range beside a
//! system snapshot — without a device the entry is another category, or a
//! basic disk (ambiguity `empty-disk-category`, readings `other-category`
//! and `basic-disk`); on `/dev/xvdb` a basic disk by the parameter table,
//! or any category by the method text — texts that are no integer in
//! range, and an integer in range with a leading zero (the document's
//! Integer may or may not be written so: created, or refused as no
//! integer).

use crate::contract::classes::{Class, Probe};
use crate::contract::params::{Limit, Rule};

use super::answer::{Answer, rejected, row_of};
use super::subjects::SNAPSHOT;
use super::{Instance, Sending};

/// Words of a code of its own for a size that is no integer.
const CODES: &str = "Size|DiskDeviceMapping";

pub fn instances(rule: &'static Rule, class: &Class) -> Vec<Instance> {
    let Limit::SizeRange { basic, other } = rule.limit else {
        return Vec::new();
    };
    let request = |device: Option<&str>, size: String| {
        let mut params = vec![(
            "DiskDeviceMapping.1.SnapshotId".to_owned(),
            SNAPSHOT.1.to_owned(),
        )];
        if let Some(device) = device {
            params.push(("DiskDeviceMapping.2.Device".to_owned(), device.to_owned()));
        }
        params.push(("DiskDeviceMapping.2.Size".to_owned(), size));
        params
    };
    match class.probe {
        Probe::Number(bound) => [
            (
                "other",
                None,
                [("other-category", other), ("basic-disk", basic)],
            ),
            (
                "basic",
                Some("/dev/xvdb"),
                [("basic-disk", basic), ("other-category", other)],
            ),
        ]
        .into_iter()
        .filter_map(|(family, device, readings)| {
            let (min, max) = readings[0].1;
            let n = bound.of(min, max)?;
            let answers = readings
                .iter()
                .map(|(name, (lo, hi))| {
                    let answer = if (*lo..=*hi).contains(&n) {
                        Answer::Created
                    } else {
                        rejected(rule, CODES)
                    };
                    (*name, answer)
                })
                .collect();
            Some(Instance {
                variant: format!("{family}-{}", class.id),
                params: request(device, n.to_string()),
                answer: Ok(Answer::one_of(answers)),
                no_snapshot: None,
                sending: Sending::default(),
            })
        })
        .collect(),
        Probe::NumberText(text) => {
            // Below zero or beyond 64 bits is out of every range: the row.
            // A decimal or a word is no integer at all: the row, or a code
            // of its own that names the parameter.
            let digits = text.bytes().all(|b| b.is_ascii_digit());
            let out_of_range = text.starts_with('-') || digits;
            let answer = if digits && text.len() > 1 && text.starts_with('0') {
                // An Integer with a leading zero: the document does not
                // say whether it is one. Its value (40) is in every range.
                let value = text.trim_start_matches('0');
                Answer::one_of(vec![
                    (&format!("decimal-{value}"), Answer::Created),
                    ("size-row", row_of(rule, CODES)),
                    ("type-error", Answer::Rejected(CODES)),
                ])
            } else if out_of_range {
                row_of(rule, CODES)
            } else {
                Answer::one_of(vec![
                    ("size-row", row_of(rule, CODES)),
                    ("type-error", Answer::Rejected(CODES)),
                ])
            };
            vec![Instance {
                variant: class.id.to_owned(),
                params: request(None, text.to_owned()),
                answer: Ok(answer),
                no_snapshot: None,
                sending: Sending::default(),
            }]
        }
        _ => Vec::new(),
    }
}
