//! The parameter rules of `CreateImage.md` as constants: accepted values,
//! length limits, index ranges and dates. Where the document is ambiguous the
//! value here is the emulator's reading, explained in [`super::ambiguities`].

/// `Platform` values, exactly as listed (case-sensitive).
pub const PLATFORMS: [&str; 12] = [
    "CentOS",
    "Ubuntu",
    "SUSE",
    "OpenSUSE",
    "RedHat",
    "Debian",
    "CoreOS",
    "Aliyun",
    "Windows Server 2012",
    "Windows 7",
    "Customized Linux",
    "Others Linux",
];
/// `Platform` when the request gives none.
pub const DEFAULT_PLATFORM: &str = "Others Linux";

/// `Architecture` values: the two documented ones plus `arm64`, which newer
/// SDK models carry (wire-protocol.md §7).
pub const ARCHITECTURES: [&str; 3] = ["i386", "x86_64", "arm64"];
/// `Architecture` when the request gives none.
pub const DEFAULT_ARCHITECTURE: &str = "x86_64";

/// `ImageName`: length in characters.
pub const IMAGE_NAME_LEN: (usize, usize) = (2, 128);
/// `ImageName`: punctuation allowed besides ASCII letters and digits. The
/// parameter table says `:`, the error table says `.`; both are accepted
/// (see ambiguity `image-name-characters`).
pub const IMAGE_NAME_PUNCTUATION: &[char] = &[':', '.', '_', '-'];
/// `Description`: length in characters.
pub const DESCRIPTION_LEN: (usize, usize) = (2, 256);
/// `ImageFamily`: length in characters.
pub const IMAGE_FAMILY_LEN: (usize, usize) = (2, 128);
/// `ImageFamily`: punctuation allowed besides ASCII letters and digits.
pub const IMAGE_FAMILY_PUNCTUATION: &[char] = &[':', '_', '-'];
/// `ImageVersion`: length in characters (ambiguity `image-version-rule`).
pub const IMAGE_VERSION_LEN: (usize, usize) = (1, 40);
/// `ImageVersion`: punctuation allowed besides ASCII letters and digits.
pub const IMAGE_VERSION_PUNCTUATION: &[char] = &['.', '_', '-'];
/// `ClientToken`: at most this many ASCII characters.
pub const CLIENT_TOKEN_MAX_LEN: usize = 64;

/// Prefixes no `ImageName`, `Description` may start with; no tag key or
/// value and no `ImageFamily` may contain them.
pub const URL_PREFIXES: [&str; 2] = ["http://", "https://"];
/// Prefixes a tag key and an `ImageFamily` may not start with.
pub const RESERVED_KEY_PREFIXES: [&str; 2] = ["acs:", "aliyun"];
/// Prefix a tag value may not start with.
pub const RESERVED_VALUE_PREFIX: &str = "acs:";

/// `Tag.N`: N ranges over 1 to this; a larger N counts as one tag too many
/// (`QuotaExceed.Tags`).
pub const MAX_TAGS: usize = 20;
/// `Tag.N.Key` and `Tag.N.Value`: length in characters.
pub const TAG_KEY_MAX_LEN: usize = 128;
pub const TAG_VALUE_MAX_LEN: usize = 128;

/// `DiskDeviceMapping.N`: N ranges over 1 to this (one entry per device
/// letter `a`–`z`). A larger N is rejected before any rule runs.
pub const MAX_DISK_DEVICE_MAPPINGS: usize = 26;

/// `DiskDeviceMapping.N.Size` without a snapshot, basic disks (`cloud`):
/// range and default, GiB.
pub const BASIC_DISK_SIZE: (u64, u64) = (5, 2000);
pub const BASIC_DISK_DEFAULT_SIZE: u64 = 5;
/// Without a snapshot, every other category: range and default, GiB.
pub const DISK_SIZE: (u64, u64) = (20, 32768);
pub const DISK_DEFAULT_SIZE: u64 = 20;

/// The disk category the document calls "basic disk".
pub const BASIC_DISK_CATEGORY: &str = "cloud";

/// A snapshot created on or before this date (UTC) cannot make an image.
pub const SNAPSHOT_CUTOFF: time::Date = time::macros::date!(2013 - 07 - 15);

/// Instance states that allow `CreateImage`.
pub const INSTANCE_STATES_ALLOWED: [&str; 2] = ["Running", "Stopped"];
