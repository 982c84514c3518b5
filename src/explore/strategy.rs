//! The proptest strategies that generate [`Draft`]s, and shrink them: a
//! request of the suite (hand-written or generated from the contract's
//! classes) as the base, each of its parameters kept or dropped, plus up
//! to four more parameters — a value of some class, random text for any
//! parameter, a repeated parameter (`Tag.N`, `DiskDeviceMapping.N`) with a
//! random index shape, or another image source — over any request style,
//! format, account, spelling of a real client ([`Spelling`]) and (rarely)
//! a damaged signature, in one of the case shapes ([`Shape`]).
//!
//! Every choice shrinks towards the simplest: one request, the first
//! style, JSON, the default account, an intact signature, the harness's
//! own spelling, `RegionId` present, fewer parameters, and shorter text.

use std::sync::Arc;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::SBoxedStrategy;

use super::corpus::{Base, Corpus};
use super::draft::{Bit, Draft, FormatChoice, Gateway, Origin, Param, Place, Shape, Spelling};
use crate::contract::classes::LetterCase;
use crate::wire::NonceShape;
use crate::wire::credentials::KeyVariant;

/// Every explored case.
pub fn drafts(corpus: Arc<Corpus>, region: String) -> SBoxedStrategy<Draft> {
    let shape = prop_oneof![
        24 => Just(Shape::Single),
        2 => Just(Shape::ReplaySameToken),
        2 => Just(Shape::ReplayChangedParameters),
        2 => Just(Shape::SameNameTwice),
        1 => Just(Shape::SameNonceTwice),
        1 => Just(Shape::Concurrent),
        1 => Just(Shape::ReplayFromOtherAccount),
    ];
    let account = prop_oneof![
        12 => Just(None),
        1 => select(corpus.accounts.clone()).prop_map(Some),
    ];
    let style = select(corpus.styles.clone());
    let format = prop_oneof![
        6 => Just(FormatChoice::Json),
        6 => Just(FormatChoice::Xml),
        1 => Just(FormatChoice::Omitted),
    ];
    let gateway =
        prop_oneof![40 => Just(Gateway::Intact), 3 => damage(corpus.sts_accounts.clone())];
    let sts_account = corpus.sts_accounts.first().cloned();
    let region_value = region.clone();
    let region = prop_oneof![
        40 => Just(Some(region_value)),
        1 => Just(None),
        1 => Just(Some(String::new())),
        1 => text().prop_map(Some),
    ];
    let base = select(bases(&corpus)).prop_flat_map(|base| {
        let n = base.params.len();
        (
            Just(base),
            proptest::collection::vec(proptest::bool::weighted(0.93), n),
        )
    });
    let extras = proptest::collection::vec(extra(corpus.clone()), 0..4);
    (
        shape,
        account,
        style,
        format,
        gateway,
        spelling(),
        region,
        base,
        extras,
    )
        .prop_map(
            move |(
                shape,
                account,
                style,
                format,
                gateway,
                spelling,
                region,
                (base, keep),
                extras,
            )| {
                let account = match (&sts_account, gateway.needs_security_token()) {
                    (Some(sts), true) => sts.clone(),
                    _ => account.unwrap_or(base.account.clone()),
                };
                let mut draft = Draft {
                    shape,
                    account,
                    style,
                    format,
                    gateway,
                    spelling,
                    params: Vec::new(),
                };
                if let Some(region) = region {
                    draft.set(Param::text("RegionId", &region, Origin::Random));
                }
                for param in extras {
                    if draft.param(&param.key).is_none() {
                        draft.params.push(param);
                    }
                }
                for (param, keep) in base.params.into_iter().zip(keep) {
                    if keep && draft.param(&param.key).is_none() {
                        draft.params.push(param);
                    }
                }
                fit_shape(&mut draft);
                draft
            },
        )
        .sboxed()
}

/// The bases, with an empty one first (the simplest).
fn bases(corpus: &Corpus) -> Vec<Base> {
    let mut bases = vec![Base {
        account: "default".to_owned(),
        params: Vec::new(),
    }];
    bases.extend(corpus.bases.iter().cloned());
    bases
}

/// What each shape needs: a token to replay, a name to repeat.
fn fit_shape(draft: &mut Draft) {
    let token = |label: &str| Param {
        key: "ClientToken".to_owned(),
        value: vec![Bit::Uuid(label.to_owned())],
        origin: Origin::Random,
    };
    let name = || Param {
        key: "ImageName".to_owned(),
        value: vec![Bit::Unique("twice".to_owned())],
        origin: Origin::Random,
    };
    match draft.shape {
        Shape::Single | Shape::SameNonceTwice => {}
        Shape::ReplaySameToken | Shape::ReplayChangedParameters | Shape::ReplayFromOtherAccount => {
            if draft.param("ClientToken").is_none() {
                draft.set(token("replayed"));
            }
        }
        Shape::SameNameTwice => {
            if draft.param("ImageName").is_none() {
                draft.set(name());
            }
            draft.set(token("first"));
        }
        Shape::Concurrent => {
            if draft.param("ImageName").is_none() {
                draft.set(name());
            }
            draft.remove("ClientToken");
        }
    }
}

fn damage(sts_accounts: Vec<String>) -> impl Strategy<Value = Gateway> {
    let mut tokens = vec![Gateway::Intact];
    if !sts_accounts.is_empty() {
        tokens = vec![Gateway::SecurityTokenOmitted, Gateway::SecurityTokenWrong];
        tokens.extend(
            sts_accounts[1..]
                .iter()
                .cloned()
                .map(Gateway::SecurityTokenOf),
        );
    }
    prop_oneof![
        Just(Gateway::WrongSecret),
        Just(Gateway::UnknownAccessKey),
        select(vec![-1200i64, 1200, -840, 3600]).prop_map(Gateway::TimestampOffset),
        select(vec![
            "Format",
            "Version",
            "SignatureNonce",
            "Timestamp",
            "SignatureMethod",
            "AccessKeyId",
        ])
        .prop_map(Gateway::Without),
        select(vec!["Signature", "SignatureNonce", "Timestamp"]).prop_map(Gateway::Strip),
        select(KeyVariant::ALL.to_vec()).prop_map(Gateway::AccessKey),
        (
            select(vec![Place::Parameters, Place::Query, Place::Body]),
            select(vec![
                ("Description", "added after signing"),
                ("DryRun", "false")
            ]),
        )
            .prop_map(|(place, (name, value))| Gateway::Appended(place, name, value)),
        Just(Gateway::Altered("Action", "DeleteImage")),
        select(vec!["x-acs-date", "x-acs-action"]).prop_map(Gateway::UnsignedHeader),
        select(tokens),
    ]
}

/// The spelling of a real client, each part shrinking towards the
/// harness's own.
fn spelling() -> impl Strategy<Value = Spelling> {
    let format_case = prop_oneof![
        6 => Just(None),
        1 => Just(Some(LetterCase::Lower)),
        1 => Just(Some(LetterCase::Capitalised)),
    ];
    let nonce = prop_oneof![
        4 => Just(NonceShape::Hex32),
        1 => Just(NonceShape::Hex64),
        1 => Just(NonceShape::Uuid),
    ];
    (
        format_case,
        proptest::bool::weighted(0.15),
        nonce,
        proptest::bool::weighted(0.2),
    )
        .prop_map(
            |(format_case, empty_signature_type, nonce, plus_for_space)| Spelling {
                format_case,
                empty_signature_type,
                nonce,
                plus_for_space,
            },
        )
}

/// One more parameter.
fn extra(corpus: Arc<Corpus>) -> impl Strategy<Value = Param> {
    let values = corpus.values.clone();
    let keys = corpus.keys.clone();
    prop_oneof![
        4 => select(values),
        2 => (select(keys), text()).prop_map(|(key, value)| Param::text(&key, &value, Origin::Random)),
        1 => tag(),
        1 => mapping(&corpus),
        1 => source(&corpus),
        1 => listed(),
    ]
}

/// Text of every class: names, punctuation, every printable ASCII
/// character, any Unicode, forbidden prefixes, characters URL encoders
/// treat differently. Never a `{{` (a case file would read a template).
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9]{0,12}",
        "[A-Za-z][A-Za-z0-9:._-]{0,140}",
        "[ -~]{0,24}",
        "\\PC{0,16}",
        "(http://|https://|HTTP://|acs:|ACS:|aliyun|Aliyun)[a-z]{0,6}",
        "[a-z]{0,3}[é中😀 &=+%/?#~*;,']{1,6}",
        "[0-9]{1,6}",
    ]
    .prop_filter("no template hole", |s| !s.contains("{{"))
}

/// A documented value, its case swapped, or a near miss.
fn listed() -> impl Strategy<Value = Param> {
    let platforms = crate::contract::rules::PLATFORMS.to_vec();
    let architectures = vec!["i386", "x86_64", "arm64", "X86_64", "x86-64", "amd64", ""];
    prop_oneof![
        (select(platforms), any::<bool>()).prop_map(|(p, swap)| {
            let value = if swap { swap_case(p) } else { p.to_owned() };
            Param::text("Platform", &value, Origin::Random)
        }),
        select(architectures).prop_map(|a| Param::text("Architecture", a, Origin::Random)),
    ]
}

fn swap_case(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect()
}

/// `Tag.N.Key` or `Tag.N.Value` (or their lowercase forms) at an index shape.
fn tag() -> impl Strategy<Value = Param> {
    let index = select(vec!["1", "2", "3", "20", "21", "0", "01", "-1", "100"]);
    let field = select(vec!["Key", "Value", "key", "value"]);
    (index, field, text())
        .prop_map(|(n, f, value)| Param::text(&format!("Tag.{n}.{f}"), &value, Origin::Random))
}

/// A `DiskDeviceMapping.N.*` field at an index shape.
fn mapping(corpus: &Corpus) -> impl Strategy<Value = Param> + use<> {
    let index = select(vec!["1", "2", "3", "0", "01", "17", "-1"]);
    let snapshots = corpus.fixtures_of("snapshot");
    let value = prop_oneof![
        fixture_or_text(snapshots).prop_map(|v| ("SnapshotId", v)),
        size().prop_map(|v| ("Size", vec![Bit::Text(v)])),
        device().prop_map(|v| ("Device", vec![Bit::Text(v)])),
        select(vec!["system", "data", "System", "DATA", ""])
            .prop_map(|v| ("DiskType", vec![Bit::Text(v.to_owned())])),
    ];
    (index, value).prop_map(|(n, (field, value))| Param {
        key: format!("DiskDeviceMapping.{n}.{field}"),
        value,
        origin: Origin::Random,
    })
}

/// Another source: an instance or a snapshot, bound or made up.
fn source(corpus: &Corpus) -> impl Strategy<Value = Param> + use<> {
    let instances = corpus.fixtures_of("instance");
    let snapshots = corpus.fixtures_of("snapshot");
    prop_oneof![
        fixture_or_text(instances).prop_map(|value| Param {
            key: "InstanceId".to_owned(),
            value,
            origin: Origin::Random,
        }),
        fixture_or_text(snapshots).prop_map(|value| Param {
            key: "SnapshotId".to_owned(),
            value,
            origin: Origin::Random,
        }),
    ]
}

fn fixture_or_text(references: Vec<String>) -> SBoxedStrategy<Vec<Bit>> {
    if references.is_empty() {
        return text().prop_map(|t| vec![Bit::Text(t)]).sboxed();
    }
    prop_oneof![
        6 => select(references).prop_map(|r| vec![Bit::Fixture(r)]),
        1 => text().prop_map(|t| vec![Bit::Text(t)]),
    ]
    .sboxed()
}

fn size() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "0", "4", "5", "19", "20", "40", "100", "2000", "2001", "32768", "32769", "-1", "abc",
            "20.5", "0040", "",
        ])
        .prop_map(str::to_owned),
        (0u32..40_000).prop_map(|n| n.to_string()),
    ]
}

fn device() -> impl Strategy<Value = String> {
    prop_oneof![
        ("(xvd|vd)", "[a-z]").prop_map(|(family, letter)| format!("/dev/{family}{letter}")),
        select(vec![
            "/dev/sda",
            "/dev/xvdA",
            "xvda",
            "/dev/xvdaa",
            "/dev/vd",
            ""
        ])
        .prop_map(str::to_owned),
    ]
}
