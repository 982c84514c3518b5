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

use std::borrow::Cow;

use super::documents::{Doc, Quote, ci, wire as wp};
use super::readings::{self, Reading};

/// One contradiction or open point of the contract.
#[derive(Clone, Copy, Debug)]
pub struct Ambiguity {
    /// Stable, kebab-case (e.g. `image-name-characters`).
    pub id: &'static str,
    /// What the documents say, place by place, verbatim
    /// ([`Quote::is_verbatim`]).
    pub said: &'static [Quote],
    /// What the documents leave unsaid (`No row of the error table names
    /// ImageFamily.`): the part of the question no quote can show.
    pub silent: &'static [&'static str],
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
    pub fn quotes(&self) -> Vec<Quote> {
        self.said.to_vec()
    }

    /// What the documents say and leave unsaid, as the reports print it:
    /// `(place, text)` for each quote (a place of `wire-protocol.md` names
    /// the document), then [`NOT_SAID`] and the note for each silence.
    pub fn statements(&self) -> impl Iterator<Item = (Cow<'static, str>, &str)> {
        let said = self
            .said
            .iter()
            .map(|quote| (place(quote), quote.text.as_ref()));
        let silent = self
            .silent
            .iter()
            .map(|note| (Cow::Borrowed(NOT_SAID), *note));
        said.chain(silent)
    }
}

/// The place a report prints for what the documents leave unsaid.
pub const NOT_SAID: &str = "Not said";

/// Where a quote is, as a report prints it: the place, after the
/// document's name for `wire-protocol.md` (the ambiguities are read as
/// places of `CreateImage.md`).
fn place(quote: &Quote) -> Cow<'static, str> {
    match quote.doc {
        Doc::CreateImage => quote.place.clone(),
        Doc::WireProtocol => format!("{} {}", quote.doc.name(), quote.place).into(),
    }
}

/// The list.
pub static AMBIGUITIES: &[Ambiguity] = &[
    Ambiguity {
        id: "image-name-characters",
        said: &[
            ci(
                "Request parameters, ImageName",
                "can contain letters, digits, colons (:), underscores (_), and hyphens (-)",
            ),
            ci(
                "Error codes, InvalidImageName.Malformed",
                "can contain letters, digits, periods (.), underscores (_), and hyphens (-)",
            ),
        ],
        silent: &[],
        choice: "Accept letters, digits, `:`, `.`, `_` and `-` (after a leading letter). Letters and digits are ASCII.",
        why: "Both readings are plausible; accepting the union rejects only what both forbid.",
        readings: readings::IMAGE_NAME_CHARACTERS,
    },
    Ambiguity {
        id: "device-names",
        said: &[
            ci(
                "Description, Method 3",
                "The device name of the system disk must be /dev/xvda. ... data disks ... ascend from /dev/xvdb to /dev/xvdz.",
            ),
            ci(
                "Request parameters, DiskDeviceMapping.N.Device",
                "For disk categories other than basic disks, such as standard SSDs, ultra disks, and enhanced SSDs: /dev/vda to /dev/vdz - For basic disks: /dev/xvda to /dev/xvdz",
            ),
        ],
        silent: &[],
        choice: "A snapshot of a basic (`cloud`) disk takes /dev/xvda–/dev/xvdz; any other snapshot takes /dev/vda–/dev/vdz or /dev/xvda–/dev/xvdz. The system disk is not required to be at letter `a`, nor data disks to ascend. A device given twice is InvalidDevice.InUse. An omitted device gets the first free letter (`a` first for the system disk) in the family of the entry's category.",
        why: "The method text and the parameter table disagree for non-basic disks; accepting both families for them is the permissive reading, and basic disks are /dev/xvd* in both places.",
        readings: readings::DEVICE_NAMES,
    },
    Ambiguity {
        id: "empty-disk-category",
        said: &[
            ci(
                "Request parameters, DiskDeviceMapping.N.Size",
                "If no corresponding snapshot IDs are specified in the DiskDeviceMapping.N.SnapshotId value ... For basic disks, the valid values are 5 to 2000, and the default value is 5. - For other disk categories, the valid values are 20 to 32768, and the default value is 20.",
            ),
            ci(
                "Request parameters, DiskDeviceMapping.N.Device",
                "|DiskDeviceMapping.N.Device|String|No| ... For basic disks: /dev/xvda to /dev/xvdz",
            ),
        ],
        silent: &["No request parameter names the category of a disk."],
        choice: "CreateImage has no category parameter, so an entry without a snapshot is a basic disk when its Device is /dev/xvd*, otherwise (a /dev/vd* device or none) another category. With a snapshot, Size must be ≥ the snapshot size and ≤ the category's maximum (2000 basic, 32768 others); its default is the snapshot size.",
        why: "The device family is the only thing in the request that names a category.",
        readings: readings::EMPTY_DISK_CATEGORY,
    },
    Ambiguity {
        id: "client-token-mismatch",
        said: &[
            ci(
                "Error codes, 403 InvalidParamter.Conflict",
                "The specified same token is trying to make requests with different parameters.",
            ),
            ci(
                "Error codes, 400 IdempotenceParamNotMatch",
                "Request uses a client token in a previous request but is not identical to that request.",
            ),
        ],
        silent: &[],
        choice: "A token whose earlier request completed, reused with different parameters: 400 IdempotenceParamNotMatch. A token whose first request is still in progress (fixture `client-token.in-progress`), used again: 403 InvalidParamter.Conflict. Parameters compared: every parameter except Format and the signature parameters (AccessKeyId, Signature*, Timestamp, SecurityToken, Version, Action).",
        why: "IdempotenceParamNotMatch's wording ('a previous request') fits a completed request and is the current ECS code; the misspelt Conflict row's wording ('is trying to make requests') fits a request in flight. Each row stays reachable.",
        readings: readings::CLIENT_TOKEN_MISMATCH,
    },
    Ambiguity {
        id: "all-empty-vs-missing-parameter",
        said: &[
            ci(
                "Error codes, MissingParameter",
                "none of SnapshotId, InstanceId, and parameters that start with DiskDeviceMapping is specified",
            ),
            ci(
                "Error codes, InvalidParameter.AllEmpty",
                "|InvalidParameter.AllEmpty|%s|The error message returned because no parameters are specified.",
            ),
            ci(
                "Description, Method 3",
                "SnapshotId may not be specified. In this case, an empty data disk with a specific size is created.",
            ),
            ci(
                "Error codes, OperationDenied (400, no system disk snapshot)",
                "|400|OperationDenied|The specified parameter DiskDeviceMapping.n.SnapshotId does not contain system disk snapshot.|",
            ),
        ],
        silent: &[],
        choice: "MissingParameter when the request carries none of InstanceId, SnapshotId, DiskDeviceMapping.*. InvalidParameter.AllEmpty when it carries some of them but every one is empty (e.g. `InstanceId=&SnapshotId=`, or `DiskDeviceMapping.1.SnapshotId=` alone), with message ALL_EMPTY_MESSAGE.",
        why: "MissingParameter's description is exact about absence; 'all empty' reads as parameters present with empty values, which real clients send (the Python classic client keeps empty pairs). Under the reading empty-data-disk an empty DiskDeviceMapping.N.SnapshotId is an entry that specifies no snapshot, an empty data disk by Method 3, so a mapping of such entries has no system disk (OperationDenied 400).",
        readings: readings::ALL_EMPTY_VS_MISSING_PARAMETER,
    },
    Ambiguity {
        id: "empty-values",
        said: &[
            ci(
                "Request parameters, ImageName / Description / ImageFamily",
                "This parameter is empty by default.",
            ),
            ci(
                "Request parameters, ImageName",
                "must be 2 to 128 characters in length",
            ),
            wp(
                "§1 Request styles",
                "the empty pair is part of what it signed: keep empty-valued parameters.",
            ),
        ],
        silent: &[],
        choice: "An optional scalar parameter with an empty value is treated as not given (ImageName=, Description=, Platform=, …). Tag values are the exception: `Tag.N.Value=` is an empty value, and `Tag.N.Key=` is an empty key (InvalidTagKey.Malformed).",
        why: "'Empty by default' makes empty the absent value; the tag rules speak of empty strings explicitly.",
        readings: readings::EMPTY_VALUES,
    },
    Ambiguity {
        id: "snapshot-category-message",
        said: &[ci(
            "Error codes, OperationDenied.InvalidSnapshotCategory",
            "|OperationDenied.InvalidSnapshotCategory|%s|The error message returned because the operation is not supported by the snapshot type.|",
        )],
        silent: &["No sentence names the snapshot categories that are refused."],
        choice: "Raised for a snapshot whose category is `flash` or `archive` (SNAPSHOT_CATEGORIES_DENIED); message SNAPSHOT_CATEGORY_MESSAGE.",
        why: "Local (flash) and archived snapshots cannot back an image in ECS; a fixed message keeps snapshots stable.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "system-snapshot-missing",
        said: &[
            ci(
                "Error codes, InvalidSystemSnapshot.Missing",
                "|InvalidSystemSnapshot.Missing|? s|The error message returned because the specified SnapshotId parameter is invalid. Check whether the snapshot exists.|",
            ),
            ci(
                "Description, Method 3",
                "SnapshotId may not be specified. In this case, an empty data disk with a specific size is created.",
            ),
            ci(
                "Error codes, InvalidDiskType.ValueNotSupported",
                "|400|InvalidDiskType.ValueNotSupported|The specified disk type is not supported.|",
            ),
        ],
        silent: &[],
        choice: "Raised when a DiskDeviceMapping entry declares DiskType=system but gives no SnapshotId (a system disk cannot be empty). A mapping with no system entry at all is OperationDenied 'does not contain system disk snapshot'. Message SYSTEM_SNAPSHOT_MISSING_MESSAGE.",
        why: "The code names a missing system snapshot; an absent snapshot id is already InvalidSnapshotId.NotFound.",
        readings: readings::SYSTEM_SNAPSHOT_MISSING,
    },
    Ambiguity {
        id: "tags-quota",
        said: &[
            ci(
                "Error codes, QuotaExceed.Tags",
                "|QuotaExceed.Tags|%s|The error message returned because the number of specified tags exceeds the upper limit.|",
            ),
            ci(
                "Request parameters, Tag.N.Key",
                "Valid values of N: 1 to 20.",
            ),
        ],
        silent: &[],
        choice: "More than 20 tags, or any Tag.N with N > 20: 403 QuotaExceed.Tags, message TAGS_QUOTA_MESSAGE. N that is not a positive decimal integer: the emulator code InvalidParameter.IndexOutOfRange (see `emulator::error`).",
        why: "With N capped at 20 the only way to ask for a 21st tag is a larger N.",
        readings: readings::TAGS_QUOTA,
    },
    Ambiguity {
        id: "image-family-error",
        said: &[ci(
            "Request parameters, ImageFamily",
            "The name must be 2 to 128 characters in length and can contain letters, digits, colons (:), underscores (_), and hyphens (-). It cannot contain http:// or https://. It must start with a letter and cannot start with acs: or aliyun.",
        )],
        silent: &["No row of the error table names ImageFamily."],
        choice: "A malformed ImageFamily is 400 InvalidImageName.Malformed (IMAGE_FAMILY_MALFORMED).",
        why: "The error table has no ImageFamily row; the family is 'the name of the image family' with the ImageName syntax, so the name row is the closest documented one.",
        readings: readings::IMAGE_FAMILY_ERROR,
    },
    Ambiguity {
        id: "image-version-rule",
        said: &[
            ci("Examples, sample request", "ImageVersion=2017011017"),
            ci(
                "Error codes, InvalidImageVersion.Malformed",
                "the specified image version is invalid",
            ),
        ],
        silent: &[
            "The request parameter table does not list ImageVersion: no sentence states its length or characters.",
        ],
        choice: "ImageVersion: 1 to 40 characters, ASCII letters, digits, `.`, `_`, `-`; otherwise 400 InvalidImageVersion.Malformed.",
        why: "The parameter table does not list ImageVersion; the sample value and common version strings (1.0.2, 2017011017, v2-beta) fit this rule.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "client-token-format",
        said: &[
            ci(
                "Request parameters, ClientToken",
                "can only contain ASCII characters and cannot exceed 64 characters",
            ),
            ci(
                "Request parameters, ClientToken",
                "You can use the client to generate the value, but you must ensure that it is unique among different requests.",
            ),
        ],
        silent: &["No row of the error table names ClientToken."],
        choice: "A ClientToken that is not printable ASCII or longer than 64: the emulator code InvalidClientToken.Malformed (400).",
        why: "The error table has no row for it.",
        readings: readings::CLIENT_TOKEN_FORMAT,
    },
    Ambiguity {
        id: "architecture-arm64",
        said: &[
            ci(
                "Request parameters, Architecture",
                "Valid values: - i386 - x86_64",
            ),
            wp(
                "§7 Newer CreateImage parameters",
                "Architecture gained arm64",
            ),
        ],
        silent: &[],
        choice: "Accept i386, x86_64 and arm64 (case-sensitive).",
        why: "Newer SDK models send arm64; accepting it is the permissive reading.",
        readings: readings::ARCHITECTURE_ARM64,
    },
    Ambiguity {
        id: "letters",
        said: &[
            ci(
                "Request parameters, ImageName / ImageFamily",
                "can contain letters, digits, colons (:), underscores (_), and hyphens (-). It must start with a letter",
            ),
            ci(
                "Request parameters, ImageName / ImageFamily, Example",
                "|ImageName|String|No|TestCentOS| ... |ImageFamily|String|No|hangzhou-daily-update|",
            ),
        ],
        silent: &[
            "No sentence says whether letters and digits are ASCII only; every example is ASCII.",
        ],
        choice: "Letters are the ASCII letters `A`–`Z` and `a`–`z`, digits `0`–`9`.",
        why: "Every example in the document is ASCII and names travel into URLs and file systems; a target may still read \"letters\" as every Unicode letter.",
        readings: readings::LETTERS,
    },
    Ambiguity {
        id: "prefix-case",
        said: &[
            ci(
                "Request parameters, ImageName / Description / ImageFamily / Tag.N.Key / Tag.N.Value",
                "cannot start with http:// or https:// ... cannot start with acs: or aliyun",
            ),
            ci(
                "Request parameters, Platform",
                "Valid values: ... CoreOS - Aliyun - Windows Server 2012",
            ),
        ],
        silent: &[
            "No sentence says whether the forbidden prefixes are matched regardless of case; the valid Platform Aliyun spells the reserved word capitalised.",
        ],
        choice: "The forbidden prefixes and texts are matched as written (case-sensitive): `HTTP://x`, `ACS:x`, `Aliyun` are not forbidden by these rules.",
        why: "The document spells them in lower case and says nothing of case; a target may match them in any case (URL schemes are case-insensitive).",
        readings: readings::PREFIX_CASE,
    },
    Ambiguity {
        id: "data-snapshot-as-system-disk",
        said: &[
            ci(
                "Request parameters, Platform / Architecture",
                "If you specify a data disk snapshot to create the system disk of the custom image, you must use the Platform parameter ... you must use the Architecture parameter",
            ),
            ci(
                "Request parameters, Platform / Architecture",
                "Default value: Others Linux. ... Default value: x86_64.",
            ),
            wp(
                "§5 Gateway errors",
                "| MissingParameter | 400 | The input parameter \"<Name>\" that is mandatory for processing this request is not supplied.",
            ),
        ],
        silent: &[],
        choice: "A DiskDeviceMapping entry with DiskType=system and a data-disk snapshot: an account not whitelisted gets UserNotInTheWhiteList; otherwise Platform must be given (else InvalidPlatform.Malformed) and Architecture must be given (else InvalidArchitecture.Malformed).",
        why: "'Must' overrides the defaults in this one case.",
        readings: readings::DATA_SNAPSHOT_AS_SYSTEM_DISK,
    },
    Ambiguity {
        id: "encrypted-and-kms",
        said: &[
            ci(
                "Error codes, OperationDenied 400",
                "Not support creating system image from an encrypted snapshot/disk.",
            ),
            ci(
                "Error codes, InvalidParameter.KMSKeyId.KMSUnauthorized",
                "ECS service have no right to access your KMS.",
            ),
        ],
        silent: &[],
        choice: "An encrypted system disk or system snapshot: OperationDenied 400. An encrypted data disk of an instance is allowed, unless ECS may not use its KMS key (fixture flag `kms_authorized: false`): KMSUnauthorized.",
        why: "The message restricts the denial to system images; KMS access matters only for encrypted disks that are allowed.",
        readings: readings::ENCRYPTED_AND_KMS,
    },
    Ambiguity {
        id: "snapshot-too-old-date",
        said: &[
            ci(
                "Description, Method 2",
                "cannot be created on or before July 15, 2013",
            ),
            ci(
                "Error codes, InvalidSnapshot.TooOld",
                "is created before 2013-07-15",
            ),
        ],
        silent: &[],
        choice: "Created on or before 2013-07-15 (UTC) is too old.",
        why: "The method text is the rule; the message is a summary. The fixture `snapshot.too-old` (2013-07-01) is too old under both readings.",
        readings: readings::SNAPSHOT_TOO_OLD_DATE,
    },
    Ambiguity {
        id: "source-priority",
        said: &[
            ci(
                "Description",
                "InstanceId > DiskDeviceMapping > SnapshotId ... the custom image is created based on the parameter with a higher priority",
            ),
            ci(
                "Error codes, InvalidSnapshotId.NotFound",
                "The error message returned because the specified SnapshotId parameter does not exist.",
            ),
        ],
        silent: &["No sentence says whether the parameters of lower priority are still checked."],
        choice: "Only the highest-priority source given is looked at; lower-priority source parameters are ignored (a bad SnapshotId beside a good InstanceId is not an error).",
        why: "The document says the image is created from the higher-priority parameter.",
        readings: readings::SOURCE_PRIORITY,
    },
    Ambiguity {
        id: "lowercase-tag-parameters",
        said: &[ci(
            "Request parameters, Tag.N.value / Tag.N.key",
            "This parameter will be removed in the future. We recommend that you use the Tag.N.Value parameter ... This parameter will be removed in the future. We recommend that you use the Tag.N.Key parameter",
        )],
        silent: &["No sentence says which spelling wins when both are given for one N."],
        choice: "Tag.N.key and Tag.N.value are accepted; when both spellings are given for one N the capitalised one wins.",
        why: "The deprecated spelling still works; the recommended one takes precedence.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "disk-mapping-index",
        said: &[],
        silent: &["No sentence gives the range of N in DiskDeviceMapping.N."],
        choice: "N from 1 to 26 (one per device letter). Anything else — 0, leading zeros, not a number, above 26 — is the emulator code InvalidParameter.IndexOutOfRange.",
        why: "26 device names exist per family; a clear error beats silently ignoring an entry.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "disk-status",
        said: &[
            ci(
                "Error codes, IncorrectDiskStatus.Invalid",
                "Device status is invalid, please restart instance",
            ),
            ci(
                "Error codes, IncorrectDiskStatus",
                "The current disk status does not support this operation ... no overdue payment",
            ),
        ],
        silent: &[],
        choice: "Disk status `Invalid` → IncorrectDiskStatus.Invalid; `Transferring` → IncorrectDiskStatus.Transferring; `CreatingSnapshot` → IncorrectDiskStatus.CreatingSnapshot; `In_use` and `Available` are fine; any other status (e.g. `Expired`, `ReIniting`) → IncorrectDiskStatus.",
        why: "Each documented row gets the status its message names.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "internal-errors",
        said: &[
            ci(
                "Error codes, InternalError (snapshot)",
                "The process of creating snapshot has failed due to some unknown error.",
            ),
            ci(
                "Error codes, InternalError",
                "The request processing has failed due to some unknown error, exception or failure.",
            ),
        ],
        silent: &[],
        choice: "The first is returned when an instance disk is marked `snapshot_fails: true`; the second for every request signed by an account marked `fail: true` (fixture `account.failing`).",
        why: "Failures are injected through fixtures so both rows are reachable deterministically.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "format-parameter",
        said: &[wp(
            "§2 Signature V1",
            "Format (JSON or XML; when omitted the ECS docs say XML)",
        )],
        silent: &[],
        choice: "Format is case-insensitive. Omitted or unrecognised: XML for V1, JSON for V3.",
        why: "A response must go out in some format; falling back to the style's default is the permissive reading.",
        readings: readings::SOLE,
    },
    Ambiguity {
        id: "missing-signature-part",
        said: &[
            wp(
                "§2 Signature V1",
                "Common parameters: `Action`, `Version` ... `AccessKeyId`, `SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`, `SignatureNonce`, `Timestamp` ... `Signature`",
            ),
            wp(
                "§3 Signature V3",
                "`x-acs-signature-nonce`, `x-acs-content-sha256` ... and `Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>",
            ),
            wp(
                "§5 Gateway errors",
                "| IncompleteSignature | 400 | `The request signature does not conform to Aliyun standards.",
            ),
            wp(
                "§5 Gateway errors",
                "| MissingParameter | 400 | `The input parameter \"<Name>\" that is mandatory for processing this request is not supplied.` |",
            ),
        ],
        silent: &[],
        choice: "A request that lacks a part of its signature (V1: AccessKeyId, Signature, SignatureNonce, Timestamp, SignatureMethod or SignatureVersion not given or empty; V3: no x-acs-date or x-acs-signature-nonce header; a V3 request without its Authorization header is read as V1) is 400 IncompleteSignature with the server's string to sign. A SignatureMethod or SignatureVersion of another value, and an Authorization header that cannot be parsed, are IncompleteSignature under every reading.",
        why: "The signature parameters are the signature: a request without them does not conform. Under the reading missing-parameter they are common parameters not supplied: MissingParameter names the V1 parameter (a V3 header by the V1 parameter it carries: SignatureNonce, Timestamp), and a request without Authorization, read as V1, lacks AccessKeyId first; §5's <Name> is not defined for headers.",
        readings: readings::MISSING_SIGNATURE_PART,
    },
    Ambiguity {
        id: "v3-signed-headers",
        said: &[
            wp(
                "§3 Signature V3",
                "Headers: `host`, `x-acs-action`, `x-acs-version`, `x-acs-date` ... `x-acs-signature-nonce`, `x-acs-content-sha256`",
            ),
            wp(
                "§3 Signature V3",
                "The set of signed headers differs by client (Python Tea also signs `accept` and `user-agent`): a verifier builds its header list from `SignedHeaders`.",
            ),
            wp(
                "§5 Gateway errors",
                "| IncompleteSignature | 400 | `The request signature does not conform to Aliyun standards.",
            ),
        ],
        silent: &["No sentence says which headers a SignedHeaders list must name."],
        choice: "A V3 signature is verified over the headers its SignedHeaders names: a request that leaves host or an x-acs-* header out of the list, and whose signature matches the list, is admitted.",
        why: "§3 lists the headers a request carries and says a verifier builds its header list from SignedHeaders, the set differing by client; it names none that must be signed. Under the reading sent-headers-signed, host and the x-acs-* headers §3 lists (x-acs-action, x-acs-version, x-acs-date, x-acs-signature-nonce, x-acs-content-sha256), when sent, must be in the list: a request that leaves one out is 400 IncompleteSignature with the server's string to sign.",
        readings: readings::V3_SIGNED_HEADERS,
    },
    Ambiguity {
        id: "access-key-case",
        said: &[wp(
            "§5 Gateway errors",
            "| InvalidAccessKeyId.NotFound | 404 | `Specified access key is not found.` |",
        )],
        silent: &["No sentence says whether an AccessKeyId is compared with regard to case."],
        choice: "An AccessKeyId is found as sent, byte for byte: an id that differs from a known one only in case is not found.",
        why: "An access key id is an opaque identifier the gateway issued. A store that compares without regard to case (a case-insensitive collation) finds the key, and the request, signed with that key's secret, is admitted: no other account's key is reached, since the secret must still match. Under the reading any-case such a request succeeds. An id with a character more or less is another id under every reading.",
        readings: readings::ACCESS_KEY_CASE,
    },
    Ambiguity {
        id: "snapshot-not-found-row",
        said: &[
            ci(
                "Error codes, InvalidSnapshotId.NotFound",
                "|404|InvalidSnapshotId.NotFound|The specified SnapshotId does not exist.|The error message returned because the specified SnapshotId parameter does not exist. Check whether the snapshot ID is correct.|",
            ),
            ci(
                "Error codes, InvalidSystemSnapshot.Missing",
                "|403|InvalidSystemSnapshot.Missing|? s|The error message returned because the specified SnapshotId parameter is invalid. Check whether the snapshot exists.|",
            ),
        ],
        silent: &[],
        choice: "A SnapshotId or DiskDeviceMapping.N.SnapshotId that does not exist is 404 InvalidSnapshotId.NotFound.",
        why: "Both rows describe a SnapshotId that does not exist; NotFound's message says so and its code names the parameter. Under the reading system-snapshot-missing a SnapshotId or DiskDeviceMapping.N.SnapshotId that does not exist gets InvalidSystemSnapshot.Missing, with the message the emulator chose for that row (SYSTEM_SNAPSHOT_MISSING_MESSAGE): both parameters name a SnapshotId.",
        readings: readings::SNAPSHOT_NOT_FOUND_ROW,
    },
    Ambiguity {
        id: "data-disk-whitelist-scope",
        said: &[
            ci(
                "Error codes, UserNotInTheWhiteList",
                "|403|UserNotInTheWhiteList|The user is not in the white list of create image by data disk snapshot.|",
            ),
            ci(
                "Error codes, UserNotInTheWhiteList",
                "you are not authorized to create an image from data disk snapshots",
            ),
        ],
        silent: &[
            "No sentence says whether a data-disk snapshot used as a data disk, beside a system-disk snapshot, needs the whitelist.",
        ],
        choice: "Only a system disk made from a data-disk snapshot (DiskDeviceMapping.N.DiskType=system on a data-disk snapshot) needs the account whitelisted: an account that is not gets 403 UserNotInTheWhiteList. A data-disk snapshot used as a data disk needs no whitelist.",
        why: "Creating an image from a data-disk snapshot reads as making its system disk from one; a data disk beside a system snapshot is an ordinary Method 3 image. Under the reading any-data-snapshot any data-disk snapshot in a DiskDeviceMapping needs the whitelist.",
        readings: readings::DATA_DISK_WHITELIST_SCOPE,
    },
    Ambiguity {
        id: "declared-disk-type",
        said: &[
            ci(
                "Request parameters, DiskDeviceMapping.N.DiskType",
                "You can set this parameter to create the system disk of the custom image from a data disk snapshot. If you do not set this parameter, the disk type is determined by the corresponding snapshot.",
            ),
            ci(
                "Error codes, InvalidDiskType.ValueNotSupported",
                "|400|InvalidDiskType.ValueNotSupported|The specified disk type is not supported.|",
            ),
        ],
        silent: &["No sentence says what DiskType=data on a system-disk snapshot makes."],
        choice: "DiskType=data on a system-disk snapshot: the declared type wins, the entry is a data disk (so a mapping may be left without a system disk: OperationDenied 400).",
        why: "The parameter sets the disk type; the snapshot decides only when it is not set. Under the reading snapshot-type the snapshot's own type wins (the parameter is documented only to make a system disk of a data-disk snapshot); under refused the type is one the snapshot does not support.",
        readings: readings::DECLARED_DISK_TYPE,
    },
    Ambiguity {
        id: "client-token-scope",
        said: &[
            ci(
                "Request parameters, ClientToken",
                "you must ensure that it is unique among different requests",
            ),
            ci(
                "Error codes, IdempotenceParamNotMatch",
                "this request and the previous request contain the same client token but different parameters",
            ),
        ],
        silent: &[
            "No sentence says whether a client token is its account's own or shared by the requests of every account.",
        ],
        choice: "A ClientToken is its account's own: another account's request with the same token and the same parameters creates that account's own image.",
        why: "A token makes one client's retries idempotent; accounts do not see each other's requests. Under the reading global-token a token another account used is refused with the mismatch row (ambiguity client-token-mismatch). Returning the other account's ImageId is no reading: it hands one account another's image, and the suite fails it.",
        readings: readings::CLIENT_TOKEN_SCOPE,
    },
    Ambiguity {
        id: "image-name-scope",
        said: &[ci(
            "Error codes, InvalidImageName.Duplicated",
            "|400|InvalidImageName.Duplicated|The specified Image name has already bean used.|The error message returned because the specified image name already exists.|",
        )],
        silent: &[
            "No sentence says whether an image name is unique within its account or among the images of every account.",
        ],
        choice: "An ImageName is unique within its account: another account may use a name this one uses.",
        why: "Custom images are an account's own. Under the reading global-name a name another account uses is 400 InvalidImageName.Duplicated.",
        readings: readings::IMAGE_NAME_SCOPE,
    },
    Ambiguity {
        id: "foreign-resource",
        said: &[
            ci(
                "Error codes, InvalidSnapshotId.NotFound",
                "|404|InvalidSnapshotId.NotFound|The specified SnapshotId does not exist.|",
            ),
            ci(
                "Error codes, OperationDenied (403, not allowed)",
                "|403|OperationDenied|The specified snapshot is not allowed to create image.|The error message returned because the specified snapshot cannot be used to create images.|",
            ),
            ci(
                "Error codes, InvalidInstanceId.NotFound",
                "|404|InvalidInstanceId.NotFound|The specified InstanceId does not exist.|",
            ),
            wp(
                "§5 Gateway errors",
                "| Forbidden.RAM | 403 | User not authorized to operate on the specified resource, or this API doesn't support RAM. |",
            ),
            ci(
                "Error codes, InvalidImageVersion.Malformed",
                "|400|InvalidImageVersion.Malformed|The specified ImageVersion is wrongly formed.|The error message returned because the specified image version is invalid or you are not authorized to use the snapshot.|",
            ),
        ],
        silent: &[
            "No sentence says whether an account may name another account's snapshot or instance, nor which row refuses it.",
        ],
        choice: "A snapshot or instance of another account (fixture `owner`) does not exist for this one: the not-found row of snapshots (ambiguity snapshot-not-found-row), InvalidInstanceId.NotFound for an instance, checked before anything else about the resource.",
        why: "An account sees only its own resources. Under the reading not-allowed a snapshot of another account is 403 OperationDenied 'The specified snapshot is not allowed to create image.' (an instance has no such row); under forbidden-ram either is the gateway's 403 Forbidden.RAM, 'User not authorized to operate on the specified resource'; under image-version-row a snapshot is 400 InvalidImageVersion.Malformed, whose description ends 'or you are not authorized to use the snapshot'. Creating an image from it is no reading: one account would use another's resource, and the suite fails it.",
        readings: readings::FOREIGN_RESOURCE,
    },
    Ambiguity {
        id: "character-unit",
        said: &[
            ci(
                "Request parameters, Description",
                "The description must be 2 to 256 characters in length and cannot start with http:// or https://.",
            ),
            ci(
                "Request parameters, Tag.N.Key",
                "It can be up to 128 characters in length and cannot contain http:// or https://.",
            ),
            ci(
                "Request parameters, Tag.N.Value",
                "It can be up to 128 characters in length.",
            ),
        ],
        silent: &[
            "Neither document says what a character is: a Unicode code point, or a user-perceived character (an extended grapheme cluster of Unicode UAX #29, which makes CR LF one).",
        ],
        choice: "A character is a Unicode code point: CR LF in Description, Tag.N.Key or Tag.N.Value is two characters.",
        why: "A code point is what most languages count (Rust chars, Python len, Go utf8.RuneCountInString). Under the reading grapheme a character is an extended grapheme cluster (Swift String.count, Elixir String.length): CR LF is one character, so a Description of one CR LF pair is too short and one of 128 pairs and a letter is not too long. Free text is where this matters: ImageName, ImageFamily and ImageVersion refuse CR and LF whatever the unit. The emulator's grapheme reading merges CR LF pairs, the one cluster of several code points the suite's values hold; a unit of UTF-16 code units or bytes is no reading (length classes `*.outside-bmp`, `*.2-byte`).",
        readings: readings::CHARACTER_UNIT,
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
            assert!(a.said.len() + a.silent.len() >= 2, "{}", a.id);
        }
    }

    #[test]
    fn every_said_quote_is_verbatim() {
        for a in AMBIGUITIES {
            for quote in a.said {
                assert!(quote.is_verbatim(), "{}: {quote}", a.id);
            }
        }
    }

    #[test]
    fn every_ambiguity_says_or_notes_something() {
        for a in AMBIGUITIES {
            assert!(!a.said.is_empty() || !a.silent.is_empty(), "{}", a.id);
            assert!(a.silent.iter().all(|note| !note.is_empty()), "{}", a.id);
        }
    }

    #[test]
    fn statements_name_wire_protocol_places_and_end_with_the_silences() {
        let format = Ambiguity::by_id("format-parameter").unwrap();
        let (place, text) = format.statements().next().unwrap();
        assert_eq!(place, "wire-protocol.md §2 Signature V1");
        assert!(text.starts_with("Format (JSON or XML"));
        let family = Ambiguity::by_id("image-family-error").unwrap();
        let last = family.statements().last().unwrap();
        assert_eq!(
            last,
            (
                Cow::Borrowed(NOT_SAID),
                "No row of the error table names ImageFamily."
            )
        );
    }
}
