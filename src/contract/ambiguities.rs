//! Every place where `CreateImage.md` contradicts itself, leaves a message as
//! a placeholder, or leaves a rule open — in one list, [`AMBIGUITIES`], each
//! with what the document says where, the reference emulator's choice and why.
//!
//! Each entry lists its documented readings ([`super::readings`]): the
//! first is the reference emulator's default, the others can be selected
//! (`run --reading ID=CHOICE`, `serve --reading ID=CHOICE`), each an edit
//! of the emulator's [`super::Rules`]. The default rules are built from the
//! choices of [`super::choices`] and the constants of [`super::rules`]. Where both
//! readings are plausible the default takes the more permissive one; the
//! harness accepts every documented reading (`expect: { one_of: … }`).

use super::readings::{self, Reading};

/// One contradiction or open point of the contract.
#[derive(Clone, Copy, Debug)]
pub struct Ambiguity {
    /// Stable, kebab-case (e.g. `image-name-characters`).
    pub id: &'static str,
    /// What the document says, place by place.
    pub said: &'static [Said],
    /// What the reference emulator does by default.
    pub choice: &'static str,
    /// Why.
    pub why: &'static str,
    /// The documented readings, the default first.
    pub readings: &'static [Reading],
}

impl Ambiguity {
    /// The entry with this id.
    pub fn by_id(id: &str) -> Option<&'static Ambiguity> {
        AMBIGUITIES.iter().find(|a| a.id == id)
    }

    /// The reading with this choice name.
    pub fn reading(&self, choice: &str) -> Option<&'static Reading> {
        self.readings.iter().find(|r| r.choice == choice)
    }

    /// The reference emulator's reading.
    pub fn default_reading(&self) -> &'static Reading {
        &self.readings[0]
    }

    /// What the documents say here, as quotes.
    pub fn quotes(&self) -> Vec<super::documents::Quote> {
        self.said
            .iter()
            .map(|said| {
                let doc = if said.place.starts_with("wire-protocol.md") {
                    super::documents::Doc::WireProtocol
                } else {
                    super::documents::Doc::CreateImage
                };
                super::documents::Quote {
                    doc,
                    place: said.place.into(),
                    text: said.text.into(),
                }
            })
            .collect()
    }
}

/// One statement of the document.
#[derive(Clone, Copy, Debug)]
pub struct Said {
    /// Where: a section, table and row of `CreateImage.md` (or `wire-protocol.md`).
    pub place: &'static str,
    pub text: &'static str,
}

/// The list.
pub static AMBIGUITIES: &[Ambiguity] = &[
    Ambiguity {
        id: "image-name-characters",
        said: &[
            Said {
                place: "Request parameters, ImageName",
                text: "can contain letters, digits, colons (:), underscores (_), and hyphens (-)",
            },
            Said {
                place: "Error codes, InvalidImageName.Malformed",
                text: "can contain letters, digits, periods (.), underscores (_), and hyphens (-)",
            },
        ],
        choice: "Accept letters, digits, `:`, `.`, `_` and `-` (after a leading letter). Letters and digits are ASCII.",
        why: "Both readings are plausible; accepting the union rejects only what both forbid.",
        readings: readings::IMAGE_NAME_CHARACTERS,
    },
    Ambiguity {
        id: "device-names",
        said: &[
            Said {
                place: "Description, Method 3",
                text: "The device name of the system disk must be /dev/xvda. ... data disks ... ascend from /dev/xvdb to /dev/xvdz.",
            },
            Said {
                place: "Request parameters, DiskDeviceMapping.N.Device",
                text: "other categories: /dev/vda to /dev/vdz; basic disks: /dev/xvda to /dev/xvdz",
            },
        ],
        choice: "A snapshot of a basic (`cloud`) disk takes /dev/xvda–/dev/xvdz; any other snapshot takes /dev/vda–/dev/vdz or /dev/xvda–/dev/xvdz. The system disk is not required to be at letter `a`, nor data disks to ascend. A device given twice is InvalidDevice.InUse. An omitted device gets the first free letter (`a` first for the system disk) in the family of the entry's category.",
        why: "The method text and the parameter table disagree for non-basic disks; accepting both families for them is the permissive reading, and basic disks are /dev/xvd* in both places.",
        readings: readings::DEVICE_NAMES,
    },
    Ambiguity {
        id: "empty-disk-category",
        said: &[
            Said {
                place: "Request parameters, DiskDeviceMapping.N.Size",
                text: "no snapshot: basic disks 5 to 2000, default 5; other categories 20 to 32768, default 20",
            },
            Said {
                place: "Request parameters, DiskDeviceMapping.N.Device",
                text: "For basic disks: /dev/xvda to /dev/xvdz (a request names no category; an entry may name no device)",
            },
        ],
        choice: "CreateImage has no category parameter, so an entry without a snapshot is a basic disk when its Device is /dev/xvd*, otherwise (a /dev/vd* device or none) another category. With a snapshot, Size must be ≥ the snapshot size and ≤ the category's maximum (2000 basic, 32768 others); its default is the snapshot size.",
        why: "The device family is the only thing in the request that names a category.",
        readings: readings::EMPTY_DISK_CATEGORY,
    },
    Ambiguity {
        id: "client-token-mismatch",
        said: &[
            Said {
                place: "Error codes, 403 InvalidParamter.Conflict",
                text: "The specified same token is trying to make requests with different parameters.",
            },
            Said {
                place: "Error codes, 400 IdempotenceParamNotMatch",
                text: "Request uses a client token in a previous request but is not identical to that request.",
            },
        ],
        choice: "A token whose earlier request completed, reused with different parameters: 400 IdempotenceParamNotMatch. A token whose first request is still in progress (fixture `client-token.in-progress`), used again: 403 InvalidParamter.Conflict. Parameters compared: every parameter except Format and the signature parameters (AccessKeyId, Signature*, Timestamp, SecurityToken, Version, Action).",
        why: "IdempotenceParamNotMatch's wording ('a previous request') fits a completed request and is the current ECS code; the misspelt Conflict row's wording ('is trying to make requests') fits a request in flight. Each row stays reachable.",
        readings: readings::CLIENT_TOKEN_MISMATCH,
    },
    Ambiguity {
        id: "all-empty-vs-missing-parameter",
        said: &[
            Said {
                place: "Error codes, MissingParameter",
                text: "none of SnapshotId, InstanceId, and parameters that start with DiskDeviceMapping is specified",
            },
            Said {
                place: "Error codes, InvalidParameter.AllEmpty",
                text: "%s — no parameters are specified",
            },
        ],
        choice: "MissingParameter when the request carries none of InstanceId, SnapshotId, DiskDeviceMapping.*. InvalidParameter.AllEmpty when it carries some of them but every one is empty (e.g. `InstanceId=&SnapshotId=`), with message ALL_EMPTY_MESSAGE.",
        why: "MissingParameter's description is exact about absence; 'all empty' reads as parameters present with empty values, which real clients send (the Python classic client keeps empty pairs).",
        readings: readings::ALL_EMPTY_VS_MISSING_PARAMETER,
    },
    Ambiguity {
        id: "empty-values",
        said: &[
            Said {
                place: "Request parameters, ImageName / Description / ImageFamily",
                text: "This parameter is empty by default.",
            },
            Said {
                place: "Request parameters, ImageName",
                text: "must be 2 to 128 characters in length",
            },
            Said {
                place: "wire-protocol.md §1",
                text: "the empty pair is part of what it signed: keep empty-valued parameters.",
            },
        ],
        choice: "An optional scalar parameter with an empty value is treated as not given (ImageName=, Description=, Platform=, …). Tag values are the exception: `Tag.N.Value=` is an empty value, and `Tag.N.Key=` is an empty key (InvalidTagKey.Malformed).",
        why: "'Empty by default' makes empty the absent value; the tag rules speak of empty strings explicitly.",
        readings: readings::EMPTY_VALUES,
    },
    Ambiguity {
        id: "snapshot-category-message",
        said: &[Said {
            place: "Error codes, OperationDenied.InvalidSnapshotCategory",
            text: "%s",
        }],
        choice: "Raised for a snapshot whose category is `flash` or `archive` (SNAPSHOT_CATEGORIES_DENIED); message SNAPSHOT_CATEGORY_MESSAGE.",
        why: "Local (flash) and archived snapshots cannot back an image in ECS; a fixed message keeps snapshots stable.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "system-snapshot-missing",
        said: &[
            Said {
                place: "Error codes, InvalidSystemSnapshot.Missing",
                text: "? s — the specified SnapshotId parameter is invalid. Check whether the snapshot exists.",
            },
            Said {
                place: "Description, Method 3",
                text: "SnapshotId may not be specified. In this case, an empty data disk with a specific size is created.",
            },
            Said {
                place: "Error codes, InvalidDiskType.ValueNotSupported",
                text: "|400|InvalidDiskType.ValueNotSupported|The specified disk type is not supported.|",
            },
        ],
        choice: "Raised when a DiskDeviceMapping entry declares DiskType=system but gives no SnapshotId (a system disk cannot be empty). A mapping with no system entry at all is OperationDenied 'does not contain system disk snapshot'. Message SYSTEM_SNAPSHOT_MISSING_MESSAGE.",
        why: "The code names a missing system snapshot; an absent snapshot id is already InvalidSnapshotId.NotFound.",
        readings: readings::SYSTEM_SNAPSHOT_MISSING,
    },
    Ambiguity {
        id: "tags-quota",
        said: &[
            Said {
                place: "Error codes, QuotaExceed.Tags",
                text: "%s",
            },
            Said {
                place: "Request parameters, Tag.N.Key",
                text: "Valid values of N: 1 to 20.",
            },
        ],
        choice: "More than 20 tags, or any Tag.N with N > 20: 403 QuotaExceed.Tags, message TAGS_QUOTA_MESSAGE. N that is not a positive decimal integer: the emulator code InvalidParameter.IndexOutOfRange (see `emulator::error`).",
        why: "With N capped at 20 the only way to ask for a 21st tag is a larger N.",
        readings: readings::TAGS_QUOTA,
    },
    Ambiguity {
        id: "image-family-error",
        said: &[
            Said {
                place: "Request parameters, ImageFamily",
                text: "2 to 128 characters, letters, digits, colons, underscores, hyphens; no http:// or https://; starts with a letter; not acs: or aliyun",
            },
            Said {
                place: "Error codes",
                text: "(no row names ImageFamily)",
            },
        ],
        choice: "A malformed ImageFamily is 400 InvalidImageName.Malformed (IMAGE_FAMILY_MALFORMED).",
        why: "The error table has no ImageFamily row; the family is 'the name of the image family' with the ImageName syntax, so the name row is the closest documented one.",
        readings: readings::IMAGE_FAMILY_ERROR,
    },
    Ambiguity {
        id: "image-version-rule",
        said: &[
            Said {
                place: "Examples, sample request",
                text: "ImageVersion=2017011017",
            },
            Said {
                place: "Error codes, InvalidImageVersion.Malformed",
                text: "the specified image version is invalid",
            },
        ],
        choice: "ImageVersion: 1 to 40 characters, ASCII letters, digits, `.`, `_`, `-`; otherwise 400 InvalidImageVersion.Malformed.",
        why: "The parameter table does not list ImageVersion; the sample value and common version strings (1.0.2, 2017011017, v2-beta) fit this rule.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "client-token-format",
        said: &[
            Said {
                place: "Request parameters, ClientToken",
                text: "can only contain ASCII characters and cannot exceed 64 characters",
            },
            Said {
                place: "Request parameters, ClientToken",
                text: "You can use the client to generate the value, but you must ensure that it is unique among different requests.",
            },
        ],
        choice: "A ClientToken that is not printable ASCII or longer than 64: the emulator code InvalidClientToken.Malformed (400).",
        why: "The error table has no row for it.",
        readings: readings::CLIENT_TOKEN_FORMAT,
    },
    Ambiguity {
        id: "architecture-arm64",
        said: &[
            Said {
                place: "Request parameters, Architecture",
                text: "Valid values: i386, x86_64",
            },
            Said {
                place: "wire-protocol.md §7",
                text: "Architecture gained arm64",
            },
        ],
        choice: "Accept i386, x86_64 and arm64 (case-sensitive).",
        why: "Newer SDK models send arm64; accepting it is the permissive reading.",
        readings: readings::ARCHITECTURE_ARM64,
    },
    Ambiguity {
        id: "letters",
        said: &[
            Said {
                place: "Request parameters, ImageName / ImageFamily",
                text: "can contain letters, digits, colons (:), underscores (_), and hyphens (-). It must start with a letter",
            },
            Said {
                place: "Request parameters, ImageName / ImageFamily, Example",
                text: "TestCentOS / hangzhou-daily-update (every example is ASCII)",
            },
        ],
        choice: "Letters are the ASCII letters `A`–`Z` and `a`–`z`, digits `0`–`9`.",
        why: "Every example in the document is ASCII and names travel into URLs and file systems; a target may still read \"letters\" as every Unicode letter.",
        readings: readings::LETTERS,
    },
    Ambiguity {
        id: "prefix-case",
        said: &[
            Said {
                place: "Request parameters, ImageName / Description / ImageFamily / Tag.N.Key / Tag.N.Value",
                text: "cannot start with http:// or https:// ... cannot start with acs: or aliyun",
            },
            Said {
                place: "Request parameters, Platform",
                text: "Valid values: ... Aliyun ... (the reserved word spelt capitalised)",
            },
        ],
        choice: "The forbidden prefixes and texts are matched as written (case-sensitive): `HTTP://x`, `ACS:x`, `Aliyun` are not forbidden by these rules.",
        why: "The document spells them in lower case and says nothing of case; a target may match them in any case (URL schemes are case-insensitive).",
        readings: readings::PREFIX_CASE,
    },
    Ambiguity {
        id: "data-snapshot-as-system-disk",
        said: &[
            Said {
                place: "Request parameters, Platform / Architecture",
                text: "If you specify a data disk snapshot to create the system disk ... you must use the Platform (Architecture) parameter",
            },
            Said {
                place: "Request parameters, Platform / Architecture",
                text: "Default value: Others Linux. / Default value: x86_64.",
            },
            Said {
                place: "wire-protocol.md §5, MissingParameter",
                text: "The input parameter \"<Name>\" that is mandatory for processing this request is not supplied.",
            },
        ],
        choice: "A DiskDeviceMapping entry with DiskType=system and a data-disk snapshot: an account not whitelisted gets UserNotInTheWhiteList; otherwise Platform must be given (else InvalidPlatform.Malformed) and Architecture must be given (else InvalidArchitecture.Malformed).",
        why: "'Must' overrides the defaults in this one case.",
        readings: readings::DATA_SNAPSHOT_AS_SYSTEM_DISK,
    },
    Ambiguity {
        id: "encrypted-and-kms",
        said: &[
            Said {
                place: "Error codes, OperationDenied 400",
                text: "Not support creating system image from an encrypted snapshot/disk.",
            },
            Said {
                place: "Error codes, InvalidParameter.KMSKeyId.KMSUnauthorized",
                text: "ECS service have no right to access your KMS.",
            },
        ],
        choice: "An encrypted system disk or system snapshot: OperationDenied 400. An encrypted data disk of an instance is allowed, unless ECS may not use its KMS key (fixture flag `kms_authorized: false`): KMSUnauthorized.",
        why: "The message restricts the denial to system images; KMS access matters only for encrypted disks that are allowed.",
        readings: readings::ENCRYPTED_AND_KMS,
    },
    Ambiguity {
        id: "snapshot-too-old-date",
        said: &[
            Said {
                place: "Description, Method 2",
                text: "cannot be created on or before July 15, 2013",
            },
            Said {
                place: "Error codes, InvalidSnapshot.TooOld",
                text: "is created before 2013-07-15",
            },
        ],
        choice: "Created on or before 2013-07-15 (UTC) is too old.",
        why: "The method text is the rule; the message is a summary. The fixture `snapshot.too-old` (2013-07-01) is too old under both readings.",
        readings: readings::SNAPSHOT_TOO_OLD_DATE,
    },
    Ambiguity {
        id: "source-priority",
        said: &[
            Said {
                place: "Description",
                text: "InstanceId > DiskDeviceMapping > SnapshotId ... the custom image is created based on the parameter with a higher priority",
            },
            Said {
                place: "Error codes, InvalidSnapshotId.NotFound",
                text: "The error message returned because the specified SnapshotId parameter does not exist.",
            },
        ],
        choice: "Only the highest-priority source given is looked at; lower-priority source parameters are ignored (a bad SnapshotId beside a good InstanceId is not an error).",
        why: "The document says the image is created from the higher-priority parameter.",
        readings: readings::SOURCE_PRIORITY,
    },
    Ambiguity {
        id: "lowercase-tag-parameters",
        said: &[Said {
            place: "Request parameters, Tag.N.key / Tag.N.value",
            text: "will be removed in the future; use Tag.N.Key / Tag.N.Value",
        }],
        choice: "Tag.N.key and Tag.N.value are accepted; when both spellings are given for one N the capitalised one wins.",
        why: "The deprecated spelling still works; the recommended one takes precedence.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "disk-mapping-index",
        said: &[Said {
            place: "Request parameters, DiskDeviceMapping.N",
            text: "(no range for N)",
        }],
        choice: "N from 1 to 26 (one per device letter). Anything else — 0, leading zeros, not a number, above 26 — is the emulator code InvalidParameter.IndexOutOfRange.",
        why: "26 device names exist per family; a clear error beats silently ignoring an entry.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "disk-status",
        said: &[
            Said {
                place: "Error codes, IncorrectDiskStatus.Invalid",
                text: "Device status is invalid, please restart instance",
            },
            Said {
                place: "Error codes, IncorrectDiskStatus",
                text: "The current disk status does not support this operation ... no overdue payment",
            },
        ],
        choice: "Disk status `Invalid` → IncorrectDiskStatus.Invalid; `Transferring` → IncorrectDiskStatus.Transferring; `CreatingSnapshot` → IncorrectDiskStatus.CreatingSnapshot; `In_use` and `Available` are fine; any other status (e.g. `Expired`, `ReIniting`) → IncorrectDiskStatus.",
        why: "Each documented row gets the status its message names.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "internal-errors",
        said: &[
            Said {
                place: "Error codes, InternalError (snapshot)",
                text: "The process of creating snapshot has failed due to some unknown error.",
            },
            Said {
                place: "Error codes, InternalError",
                text: "The request processing has failed due to some unknown error, exception or failure.",
            },
        ],
        choice: "The first is returned when an instance disk is marked `snapshot_fails: true`; the second for every request signed by an account marked `fail: true` (fixture `account.failing`).",
        why: "Failures are injected through fixtures so both rows are reachable deterministically.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "format-parameter",
        said: &[Said {
            place: "wire-protocol.md §2",
            text: "Format (JSON or XML; when omitted the ECS docs say XML)",
        }],
        choice: "Format is case-insensitive. Omitted or unrecognised: XML for V1, JSON for V3.",
        why: "A response must go out in some format; falling back to the style's default is the permissive reading.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "missing-signature-part",
        said: &[
            Said {
                place: "wire-protocol.md §2",
                text: "Common parameters: `Action`, `Version` ... `AccessKeyId`, `SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`, `SignatureNonce`, `Timestamp` ... `Signature`",
            },
            Said {
                place: "wire-protocol.md §3",
                text: "`x-acs-signature-nonce`, `x-acs-content-sha256` ... and `Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>",
            },
            Said {
                place: "wire-protocol.md §5, IncompleteSignature",
                text: "| IncompleteSignature | 400 | `The request signature does not conform to Aliyun standards.",
            },
            Said {
                place: "wire-protocol.md §5, MissingParameter",
                text: "| MissingParameter | 400 | `The input parameter \"<Name>\" that is mandatory for processing this request is not supplied.` |",
            },
        ],
        choice: "A request that lacks a part of its signature (V1: AccessKeyId, Signature, SignatureNonce, Timestamp, SignatureMethod or SignatureVersion not given or empty; V3: no x-acs-date or x-acs-signature-nonce header; a V3 request without its Authorization header is read as V1) is 400 IncompleteSignature with the server's string to sign. A SignatureMethod or SignatureVersion of another value, and an Authorization header that cannot be parsed, are IncompleteSignature under every reading.",
        why: "The signature parameters are the signature: a request without them does not conform. Under the reading missing-parameter they are common parameters not supplied: MissingParameter names the V1 parameter (a V3 header by the V1 parameter it carries: SignatureNonce, Timestamp), and a request without Authorization, read as V1, lacks AccessKeyId first; §5's <Name> is not defined for headers.",
        readings: readings::MISSING_SIGNATURE_PART,
    },
    Ambiguity {
        id: "snapshot-not-found-row",
        said: &[
            Said {
                place: "Error codes, InvalidSnapshotId.NotFound",
                text: "|404|InvalidSnapshotId.NotFound|The specified SnapshotId does not exist.|The error message returned because the specified SnapshotId parameter does not exist. Check whether the snapshot ID is correct.|",
            },
            Said {
                place: "Error codes, InvalidSystemSnapshot.Missing",
                text: "|403|InvalidSystemSnapshot.Missing|? s|The error message returned because the specified SnapshotId parameter is invalid. Check whether the snapshot exists.|",
            },
        ],
        choice: "A top-level SnapshotId that does not exist is 404 InvalidSnapshotId.NotFound. A DiskDeviceMapping.N.SnapshotId that does not exist is InvalidSnapshotId.NotFound under every reading.",
        why: "Both rows describe a SnapshotId that does not exist; NotFound's message says so and its code names the parameter. Under the reading system-snapshot-missing the top-level SnapshotId (the system disk snapshot of method 2) gets InvalidSystemSnapshot.Missing, with the message the emulator chose for that row (SYSTEM_SNAPSHOT_MISSING_MESSAGE). The mapping's snapshots are not 'the specified SnapshotId parameter'.",
        readings: readings::SNAPSHOT_NOT_FOUND_ROW,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ambiguity_ids_are_unique() {
        let ids: BTreeSet<_> = AMBIGUITIES.iter().map(|a| a.id).collect();
        assert_eq!(ids.len(), AMBIGUITIES.len());
    }

    #[test]
    fn every_ambiguity_lists_its_readings_with_unique_kebab_case_choices() {
        for a in AMBIGUITIES {
            assert!(!a.readings.is_empty(), "{}", a.id);
            let choices: BTreeSet<_> = a.readings.iter().map(|r| r.choice).collect();
            assert_eq!(choices.len(), a.readings.len(), "{}", a.id);
            for r in a.readings {
                assert!(
                    !r.choice.is_empty()
                        && r.choice
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                    "{}={}",
                    a.id,
                    r.choice
                );
                assert!(!r.summary.is_empty());
            }
            assert_eq!(Ambiguity::by_id(a.id).map(|x| x.id), Some(a.id));
            assert_eq!(a.default_reading().choice, a.readings[0].choice);
        }
    }

    #[test]
    fn the_statements_of_the_readings_added_from_independent_implementations_are_verbatim() {
        for id in ["missing-signature-part", "snapshot-not-found-row"] {
            let a = Ambiguity::by_id(id).unwrap();
            for quote in a.quotes() {
                assert!(quote.is_verbatim(), "{id}: {quote}");
            }
        }
        for (id, text) in [
            ("empty-values", "keep empty-valued parameters"),
            (
                "system-snapshot-missing",
                "InvalidDiskType.ValueNotSupported",
            ),
            ("client-token-format", "You can use the client"),
            ("data-snapshot-as-system-disk", "<Name>"),
            ("source-priority", "does not exist."),
        ] {
            let a = Ambiguity::by_id(id).unwrap();
            let quote = a
                .quotes()
                .into_iter()
                .find(|q| q.text.contains(text))
                .unwrap_or_else(|| panic!("{id}: no statement with {text}"));
            assert!(quote.is_verbatim(), "{id}: {quote}");
        }
    }

    #[test]
    fn a_reading_beside_the_default_rests_on_two_statements_of_the_document() {
        for a in AMBIGUITIES.iter().filter(|a| a.readings.len() > 1) {
            assert!(a.said.len() >= 2, "{}", a.id);
        }
    }
}
