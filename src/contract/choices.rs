//! What the reference emulator chooses where `CreateImage.md` leaves an
//! answer contested ([`super::ambiguities`] says where and why): the rows
//! of contested answers, and the denied snapshot and disk categories. (The
//! messages it sends for rows documented with a placeholder are in
//! [`super::errors`], beside the rows.)

use super::errors::{self, ErrorRow};

/// Same `ClientToken`, different parameters, earlier request completed
/// (ambiguity `client-token-mismatch`).
pub const CLIENT_TOKEN_MISMATCH: ErrorRow = errors::IDEMPOTENCE_PARAM_NOT_MATCH;
/// Same `ClientToken` while the token's first request is still in progress
/// (ambiguity `client-token-mismatch`).
pub const CLIENT_TOKEN_IN_PROGRESS: ErrorRow = errors::CLIENT_TOKEN_CONFLICT;
/// A malformed `ImageFamily` (ambiguity `image-family-error`).
pub const IMAGE_FAMILY_MALFORMED: ErrorRow = errors::IMAGE_NAME_MALFORMED;
/// A malformed `ImageFamily` under the reading `image-family-error=own-code`:
/// a code of the emulator's own, as the error table has no row for it.
pub const IMAGE_FAMILY_OWN_CODE: ErrorRow = ErrorRow {
    id: "image-family-malformed",
    status: 400,
    code: "InvalidImageFamily.Malformed",
    message: "The specified ImageFamily is wrongly formed.",
};

/// Snapshot categories that cannot make an image
/// (`OperationDenied.InvalidSnapshotCategory`; ambiguity `snapshot-category-message`).
pub const SNAPSHOT_CATEGORIES_DENIED: [&str; 2] = ["flash", "archive"];
/// Disk categories that cannot make an image (`InvalidDiskCategory.CreateImage`).
pub const DISK_CATEGORIES_DENIED: [&str; 4] = [
    "local_ssd_pro",
    "local_hdd_pro",
    "ephemeral",
    "ephemeral_ssd",
];
