//! [`Rules`]: the contract's rules as one value — limits, accepted sets,
//! dates and the error rows a violation gets — built from the constants of
//! [`super::rules`] and the choices of [`super::ambiguities`].
//!
//! The emulator holds one `Rules` and every rule check reads from it. A
//! documented reading of an ambiguity ([`super::readings`]) is an edit of
//! this value, applied before the emulator starts; so is a deliberate fault
//! of a rule (`crate::emulator::mutants`: "`ImageName` up to 127", "priority
//! swapped"). The checks never ask which reading or fault is selected.

use std::borrow::Cow;
use std::time::Duration;

use super::choices::{CLIENT_TOKEN_IN_PROGRESS, CLIENT_TOKEN_MISMATCH, IMAGE_FAMILY_MALFORMED};
use super::errors::{self, ErrorRow};
use super::rules;

/// A device-name family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeviceFamily {
    /// `/dev/xvd?`.
    Xvd,
    /// `/dev/vd?`.
    Vd,
}

/// Which device names a `DiskDeviceMapping` entry may take (ambiguity
/// `device-names`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeviceNames {
    /// The families a basic disk's device may be in; an omitted device is
    /// assigned in the first.
    pub basic: &'static [DeviceFamily],
    /// The same for every other category.
    pub other: &'static [DeviceFamily],
    /// The system disk's letter, when it is fixed.
    pub system_letter: Option<u8>,
    /// The lowest letter a data disk may take.
    pub first_data_letter: u8,
    /// Given data-disk devices must ascend in N order.
    pub data_ascending: bool,
}

/// The category an empty disk (no snapshot) has when its entry names no
/// device (ambiguity `empty-disk-category`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmptyDiskCategory {
    Basic,
    Other,
}

/// What a `DiskDeviceMapping` entry with `DiskType=system` and no snapshot
/// is (ambiguity `system-snapshot-missing`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SystemWithoutSnapshot {
    /// Refused with this row.
    Refused(ErrorRow),
    /// An empty data disk, as every entry without a snapshot.
    EmptyDataDisk,
}

/// What a `DiskDeviceMapping` entry that declares `DiskType=data` on a
/// system-disk snapshot is (ambiguity `declared-disk-type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclaredDataOnSystemSnapshot {
    /// The declared type wins: a data disk.
    Declared,
    /// The snapshot's own type wins: a system disk.
    SnapshotType,
    /// Refused with `InvalidDiskType.ValueNotSupported`.
    Refused,
}

/// What `Tag.N` with N above the maximum is (ambiguity `tags-quota`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagIndexAboveMax {
    /// One tag too many: `QuotaExceed.Tags`.
    TooManyTags,
    /// An index out of range (`InvalidParameter.IndexOutOfRange`).
    OutOfRange,
}

/// The `ClientToken` rules (ambiguities `client-token-mismatch` and
/// `client-token-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientTokenRules {
    /// A token is printable ASCII of at most `max_len` characters; when
    /// `false`, any token is accepted (ambiguity `client-token-format`).
    pub format_checked: bool,
    pub max_len: usize,
    /// A token whose earlier request completed, with other parameters.
    pub mismatch: ErrorRow,
    /// A token whose first request is still in progress.
    pub in_progress: ErrorRow,
    /// When set, a request with a token is in progress for this long after
    /// its checks passed, so that another request with the same token sent
    /// meanwhile gets [`ClientTokenRules::in_progress`].
    pub in_flight_for: Option<Duration>,
}

/// Whose state a piece of per-account state is (ambiguities
/// `client-token-scope` and `image-name-scope`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Each account has its own.
    Account,
    /// One for every account: a value one account took is taken for all.
    Global,
}

/// How state and resources are divided between accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccountScope {
    /// A `ClientToken` of another account: under `Global`, refused with
    /// the mismatch row; never the other account's image.
    pub client_tokens: Scope,
    /// An `ImageName` another account uses: under `Global`, duplicated.
    pub image_names: Scope,
    /// How a snapshot or instance of another account named by the request
    /// is refused (ambiguity `foreign-resource`).
    pub foreign: Foreign,
    /// A snapshot or instance of another account is refused as above.
    pub ownership_checked: bool,
    /// Every snapshot of a `DiskDeviceMapping` is checked, not only the
    /// system disk's (`DiskDeviceMapping.1`).
    pub ownership_of_every_mapping: bool,
}

/// How another account's snapshot or instance is refused; never is an
/// image made of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Foreign {
    /// It does not exist for this account: the not-found row of snapshots
    /// ([`Rules::snapshot_not_found`]), `InvalidInstanceId.NotFound`.
    NotFound,
    /// A snapshot may not be used: 403 `OperationDenied` "The specified
    /// snapshot is not allowed to create image."; an instance, which has
    /// no such row, does not exist.
    NotAllowed,
    /// The account is not authorized to operate on it: the gateway's 403
    /// `Forbidden.RAM`, for a snapshot and an instance alike.
    ForbiddenRam,
    /// A snapshot: the row whose description says "or you are not
    /// authorized to use the snapshot", 400 `InvalidImageVersion.Malformed`;
    /// an instance does not exist.
    ImageVersionRow,
}

/// The answer to a request that lacks a part of its signature: V1 without
/// `AccessKeyId`, `Signature`, `SignatureNonce`, `Timestamp`,
/// `SignatureMethod` or `SignatureVersion`; V3 without `x-acs-date` or
/// `x-acs-signature-nonce` (ambiguity `missing-signature-part`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignaturePartMissing {
    /// `IncompleteSignature`, with the server's string to sign.
    IncompleteSignature,
    /// `MissingParameter` naming the V1 parameter (a V3 header by the V1
    /// parameter it carries: `SignatureNonce`, `Timestamp`).
    MissingParameter,
}

/// The answer to a parameter the rules require in one situation and that
/// is not given (a system disk from a data-disk snapshot without
/// `Platform` or `Architecture`; ambiguity `data-snapshot-as-system-disk`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotGiven {
    /// The parameter's own `Invalid….Malformed` row.
    MalformedRow,
    /// `MissingParameter` naming the parameter.
    MissingParameter,
}

/// An image source, as the priority order names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Instance,
    Mapping,
    Snapshot,
}

/// A parameter's syntax check, as the order of checks names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxCheck {
    ClientToken,
    ImageName,
    Description,
    ImageFamily,
    ImageVersion,
    Platform,
    Architecture,
    Tags,
}

/// How the gateway reads the spellings of real clients (wire-protocol.md
/// §1): the rules `Format.case-insensitive`, `Gateway.empty-parameter`,
/// `Gateway.nonce-shapes` and `Gateway.plus-as-space`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spellings {
    /// `Format` is read without regard to case (`json`, `Json`).
    pub format_any_case: bool,
    /// An empty-valued parameter (`SignatureType=`) is part of what a V1
    /// signature covers.
    pub empty_values_signed: bool,
    /// `+` in a query or form body is a space.
    pub plus_is_space: bool,
    /// `Some(n)`: a nonce must be `n` hex digits, a shape the contract does
    /// not ask for; `None`: any text.
    pub nonce_hex_digits: Option<usize>,
    /// An `AccessKeyId` is found without regard to ASCII case (ambiguity
    /// `access-key-case`); otherwise byte for byte.
    pub access_key_any_case: bool,
}

/// A kind of character free text may be refused for. The contract refuses
/// none in `Description`, `Tag.N.Key` or `Tag.N.Value` (only lengths and
/// forbidden texts); refusing one is a fault (`crate::emulator::mutants`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextChars {
    /// LF, CR, U+0085, U+2028, U+2029.
    LineBreaks,
    /// Control characters (U+0000–U+001F, U+007F–U+009F) but the tab, LF
    /// and CR.
    Controls,
    /// Unicode white space but the plain space (U+0020).
    WhiteSpace,
}

impl TextChars {
    pub fn contains(self, c: char) -> bool {
        match self {
            TextChars::LineBreaks => matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'),
            TextChars::Controls => c.is_control() && !matches!(c, '\t' | '\n' | '\r'),
            TextChars::WhiteSpace => c.is_whitespace() && c != ' ',
        }
    }
}

/// How free text (`Description`, `Tag.N.Key`, `Tag.N.Value`) is read
/// before its length and forbidden-prefix rules: as sent, every code point
/// counted and none refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FreeTextRules {
    /// Trimmed of white space (`str::trim`) first.
    pub trimmed: bool,
    /// Each CR LF pair read as one LF first: one character, as an extended
    /// grapheme cluster is (ambiguity `character-unit`, reading `grapheme`).
    pub crlf_as_one: bool,
    /// Characters a `Description` may not contain.
    pub description_refuses: &'static [TextChars],
    /// Characters a tag value may not contain.
    pub tag_value_refuses: &'static [TextChars],
}

impl FreeTextRules {
    /// The text the length and prefix rules read.
    pub fn read<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let text = if self.trimmed { text.trim() } else { text };
        if self.crlf_as_one && text.contains("\r\n") {
            Cow::Owned(text.replace("\r\n", "\n"))
        } else {
            Cow::Borrowed(text)
        }
    }

    /// Whether `text` holds a character of one of `refused`.
    pub fn holds(text: &str, refused: &[TextChars]) -> bool {
        text.chars()
            .any(|c| refused.iter().any(|kind| kind.contains(c)))
    }
}

/// The contract's rules as a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    pub image_name_len: (usize, usize),
    /// An `ImageName` starts with a letter.
    pub image_name_starts_with_letter: bool,
    /// An `ImageName` holds only letters, digits and
    /// `image_name_punctuation`.
    pub image_name_characters_checked: bool,
    /// Punctuation an `ImageName` may contain besides letters and digits.
    pub image_name_punctuation: &'static [char],
    pub description_len: (usize, usize),
    /// A `Description` does not start with `http://` or `https://`.
    pub description_url_prefix_forbidden: bool,
    pub image_family_len: (usize, usize),
    pub image_family_punctuation: &'static [char],
    /// What an `ImageFamily` may not start with.
    pub image_family_reserved_prefixes: &'static [&'static str],
    /// The answer to a malformed `ImageFamily`.
    pub image_family_malformed: ErrorRow,
    pub image_version_len: (usize, usize),
    pub image_version_punctuation: &'static [char],
    /// Letters and digits are every Unicode letter and digit, not ASCII
    /// only (ambiguity `letters`).
    pub unicode_letters: bool,
    /// Forbidden prefixes and texts (`http://`, `acs:`, `aliyun`) match in
    /// any case (ambiguity `prefix-case`).
    pub prefixes_any_case: bool,
    /// Parameters whose empty value is a value to check, not an absent
    /// parameter (ambiguity `empty-values`).
    pub empty_values_checked: &'static [&'static str],
    /// The answer when source parameters are present but all empty.
    pub empty_source: ErrorRow,
    /// A `Platform` is one of `platforms`.
    pub platform_checked: bool,
    pub platforms: &'static [&'static str],
    /// An `Architecture` is one of `architectures`.
    pub architecture_checked: bool,
    pub architectures: &'static [&'static str],
    /// A system disk from a data-disk snapshot needs `Platform` and
    /// `Architecture` given (ambiguity `data-snapshot-as-system-disk`).
    pub data_system_disk_needs_platform_and_architecture: bool,
    /// The answer when one of them is not given.
    pub data_system_disk_parameter_not_given: NotGiven,
    pub max_tags: usize,
    /// More than `max_tags` tags is `QuotaExceed.Tags`.
    pub tags_quota_checked: bool,
    pub tag_index_above_max: TagIndexAboveMax,
    /// The order of the parameters' syntax checks: the first that fails
    /// decides the answer.
    pub syntax_order: [SyntaxCheck; 8],
    /// Which source is looked at when several are given: the first given
    /// in this order.
    pub source_priority: [SourceKind; 3],
    /// The snapshots that the lower-priority sources name must exist,
    /// although the image is made from the highest-priority source
    /// (ambiguity `source-priority`).
    pub lower_source_snapshots_checked: bool,
    /// The answer to a `SnapshotId` or `DiskDeviceMapping.N.SnapshotId` that
    /// does not exist (ambiguity `snapshot-not-found-row`).
    pub snapshot_not_found: ErrorRow,
    /// An empty `DiskDeviceMapping.N.SnapshotId` is an entry without a
    /// snapshot (an empty data disk), not an empty source parameter
    /// (ambiguity `all-empty-vs-missing-parameter`).
    pub empty_mapping_snapshot_is_empty_disk: bool,
    /// Any data-disk snapshot of a mapping needs the account whitelisted,
    /// not only one made a system disk (ambiguity `data-disk-whitelist-scope`).
    pub whitelist_for_any_data_snapshot: bool,
    /// `DiskType=data` on a system-disk snapshot (ambiguity
    /// `declared-disk-type`).
    pub declared_data_on_system_snapshot: DeclaredDataOnSystemSnapshot,
    /// An account without balance is refused.
    pub balance_checked: bool,
    /// A `ResourceGroupId` names an existing group.
    pub resource_group_checked: bool,
    /// An instance locked for security is refused.
    pub security_lock_checked: bool,
    /// The states an instance may be in to make an image of.
    pub instance_states_allowed: &'static [&'static str],
    /// The size of an empty, non-basic disk whose entry gives none.
    pub empty_disk_default_size: u64,
    /// A snapshot created before this day (UTC) is too old.
    pub first_usable_snapshot_day: time::Date,
    /// Encrypted data disks and data snapshots are refused too, not only
    /// system ones (ambiguity `encrypted-and-kms`).
    pub encrypted_data_disks_denied: bool,
    pub devices: DeviceNames,
    pub empty_disk_without_device: EmptyDiskCategory,
    pub system_disk_without_snapshot: SystemWithoutSnapshot,
    pub client_token: ClientTokenRules,
    pub spellings: Spellings,
    /// The answer to a request that lacks a part of its signature.
    pub signature_part_missing: SignaturePartMissing,
    pub account_scope: AccountScope,
    /// V3: `host` and the `x-acs-*` headers of wire-protocol.md §3, when
    /// sent, must be named in `SignedHeaders`, else `IncompleteSignature`
    /// (ambiguity `v3-signed-headers`; by default any list is verified as
    /// it is).
    pub v3_sent_headers_signed: bool,
    pub free_text: FreeTextRules,
    /// A value of a list (`Platform`, `Architecture`,
    /// `DiskDeviceMapping.N.DiskType`) matches with one final line feed
    /// removed, as a `^(…)$` pattern of Python, PHP or Ruby does. No
    /// reading: the contract compares values as written
    /// (`crate::emulator::mutants`).
    pub listed_value_final_line_feed_ignored: bool,
}

impl Rules {
    /// `value` as the value lists compare it: as sent, or without one
    /// final line feed (`listed_value_final_line_feed_ignored`).
    pub fn listed<'a>(&self, value: &'a str) -> &'a str {
        if self.listed_value_final_line_feed_ignored {
            value.strip_suffix('\n').unwrap_or(value)
        } else {
            value
        }
    }

    /// The reference emulator's rules: the default reading of every
    /// ambiguity.
    pub const fn reference() -> Rules {
        Rules {
            image_name_len: rules::IMAGE_NAME_LEN,
            image_name_starts_with_letter: true,
            image_name_characters_checked: true,
            image_name_punctuation: rules::IMAGE_NAME_PUNCTUATION,
            description_len: rules::DESCRIPTION_LEN,
            description_url_prefix_forbidden: true,
            image_family_len: rules::IMAGE_FAMILY_LEN,
            image_family_punctuation: rules::IMAGE_FAMILY_PUNCTUATION,
            image_family_reserved_prefixes: &rules::RESERVED_KEY_PREFIXES,
            image_family_malformed: IMAGE_FAMILY_MALFORMED,
            image_version_len: rules::IMAGE_VERSION_LEN,
            image_version_punctuation: rules::IMAGE_VERSION_PUNCTUATION,
            unicode_letters: false,
            prefixes_any_case: false,
            empty_values_checked: &[],
            empty_source: errors::ALL_EMPTY,
            platform_checked: true,
            platforms: &rules::PLATFORMS,
            architecture_checked: true,
            architectures: &rules::ARCHITECTURES,
            data_system_disk_needs_platform_and_architecture: true,
            data_system_disk_parameter_not_given: NotGiven::MalformedRow,
            max_tags: rules::MAX_TAGS,
            tags_quota_checked: true,
            tag_index_above_max: TagIndexAboveMax::TooManyTags,
            syntax_order: [
                SyntaxCheck::ClientToken,
                SyntaxCheck::ImageName,
                SyntaxCheck::Description,
                SyntaxCheck::ImageFamily,
                SyntaxCheck::ImageVersion,
                SyntaxCheck::Platform,
                SyntaxCheck::Architecture,
                SyntaxCheck::Tags,
            ],
            source_priority: [
                SourceKind::Instance,
                SourceKind::Mapping,
                SourceKind::Snapshot,
            ],
            lower_source_snapshots_checked: false,
            snapshot_not_found: errors::SNAPSHOT_NOT_FOUND,
            empty_mapping_snapshot_is_empty_disk: false,
            whitelist_for_any_data_snapshot: false,
            declared_data_on_system_snapshot: DeclaredDataOnSystemSnapshot::Declared,
            balance_checked: true,
            resource_group_checked: true,
            security_lock_checked: true,
            instance_states_allowed: &rules::INSTANCE_STATES_ALLOWED,
            empty_disk_default_size: rules::DISK_DEFAULT_SIZE,
            // The day after `rules::SNAPSHOT_CUTOFF`: "on or before" is too old.
            first_usable_snapshot_day: time::macros::date!(2013 - 07 - 16),
            encrypted_data_disks_denied: false,
            devices: DeviceNames {
                basic: &[DeviceFamily::Xvd],
                other: &[DeviceFamily::Vd, DeviceFamily::Xvd],
                system_letter: None,
                first_data_letter: b'a',
                data_ascending: false,
            },
            empty_disk_without_device: EmptyDiskCategory::Other,
            system_disk_without_snapshot: SystemWithoutSnapshot::Refused(
                errors::SYSTEM_SNAPSHOT_MISSING,
            ),
            client_token: ClientTokenRules {
                format_checked: true,
                max_len: rules::CLIENT_TOKEN_MAX_LEN,
                mismatch: CLIENT_TOKEN_MISMATCH,
                in_progress: CLIENT_TOKEN_IN_PROGRESS,
                in_flight_for: None,
            },
            spellings: Spellings {
                format_any_case: true,
                empty_values_signed: true,
                plus_is_space: true,
                nonce_hex_digits: None,
                access_key_any_case: false,
            },
            signature_part_missing: SignaturePartMissing::IncompleteSignature,
            account_scope: AccountScope {
                client_tokens: Scope::Account,
                image_names: Scope::Account,
                foreign: Foreign::NotFound,
                ownership_checked: true,
                ownership_of_every_mapping: true,
            },
            v3_sent_headers_signed: false,
            free_text: FreeTextRules {
                trimmed: false,
                crlf_as_one: false,
                description_refuses: &[],
                tag_value_refuses: &[],
            },
            listed_value_final_line_feed_ignored: false,
        }
    }
}

impl Default for Rules {
    fn default() -> Rules {
        Rules::reference()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_rules_are_the_constants() {
        let r = Rules::reference();
        assert_eq!(r.image_name_punctuation, rules::IMAGE_NAME_PUNCTUATION);
        assert_eq!(r.architectures, rules::ARCHITECTURES);
        assert_eq!(
            Some(r.first_usable_snapshot_day),
            rules::SNAPSHOT_CUTOFF.next_day()
        );
        assert_eq!(r.client_token.mismatch, errors::IDEMPOTENCE_PARAM_NOT_MATCH);
        assert_eq!(r.client_token.in_progress, errors::CLIENT_TOKEN_CONFLICT);
        assert_eq!(r.empty_source, errors::ALL_EMPTY);
        assert_eq!(r.snapshot_not_found, errors::SNAPSHOT_NOT_FOUND);
    }

    #[test]
    fn free_text_is_read_as_sent_and_refuses_no_character() {
        let free = Rules::reference().free_text;
        assert_eq!(free.read(" a\t"), " a\t");
        assert!(free.description_refuses.is_empty() && free.tag_value_refuses.is_empty());
    }

    #[test]
    fn a_listed_value_is_compared_as_sent() {
        let mut rules = Rules::reference();
        assert_eq!(rules.listed("CentOS\n"), "CentOS\n");
        rules.listed_value_final_line_feed_ignored = true;
        assert_eq!(rules.listed("CentOS\n"), "CentOS");
        assert_eq!(rules.listed("CentOS\n\n"), "CentOS\n");
    }

    #[test]
    fn kinds_of_text_character_hold_what_they_name() {
        assert!(TextChars::LineBreaks.contains('\u{2028}'));
        assert!(!TextChars::LineBreaks.contains('\t'));
        assert!(TextChars::Controls.contains('\u{7f}'));
        assert!(!TextChars::Controls.contains('\n'));
        assert!(TextChars::WhiteSpace.contains('\u{3000}'));
        assert!(!TextChars::WhiteSpace.contains(' '));
    }
}
