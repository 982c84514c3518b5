//! `DeleteImage`, the one operation the emulator serves beside `CreateImage`,
//! so that `run --cleanup` can remove what a run created.
//!
//! Emulator-specific, not part of the contract under test: `ImageId`
//! required (`MissingParameter`, 400); an image the signing account does
//! not own, or that does not exist, is `InvalidImageId.NotFound` (404,
//! `The specified ImageId does not exist.`); otherwise the image is removed
//! from the store (its name is free again) and the answer is
//! `{"RequestId": …}` (XML: `<DeleteImageResponse><RequestId>…`). Other
//! parameters (`Force`, …) are accepted and ignored.

use super::error::ApiError;
use super::store::Store;
use crate::fixtures::Account;

/// Code of an unknown image.
pub const IMAGE_NOT_FOUND: &str = "InvalidImageId.NotFound";

/// Deletes the image `params` names, for `account`.
pub fn delete_image(
    store: &Store,
    account: &Account,
    params: &[(String, String)],
) -> Result<(), ApiError> {
    let image_id = params
        .iter()
        .find(|(name, _)| name == "ImageId")
        .map(|(_, value)| value.as_str())
        .filter(|value| !value.is_empty())
        .ok_or_else(|| ApiError::missing_parameter("ImageId"))?;
    if store.delete(&account.name, image_id) {
        Ok(())
    } else {
        Err(ApiError::new(
            404,
            IMAGE_NOT_FOUND,
            "The specified ImageId does not exist.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::Emulator;
    use crate::emulator::create_image::create_image;
    use crate::fixtures::Manifest;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn delete_image_removes_the_image_and_an_unknown_id_is_not_found() {
        let manifest = Manifest::builtin();
        let em = Emulator::new(&manifest, crate::contract::Rules::reference(), None);
        let account = manifest.account("default").unwrap();
        let created = create_image(
            em.world(),
            em.store(),
            em.rules(),
            account,
            &pairs(&[("RegionId", "r"), ("SnapshotId", "s-emu0system000000001")]),
        )
        .unwrap();
        let id = created.image_id().to_owned();
        let params = pairs(&[("RegionId", "r"), ("ImageId", &id)]);
        delete_image(em.store(), account, &params).unwrap();
        assert!(!em.store().contains(&id));
        let err = delete_image(em.store(), account, &params).unwrap_err();
        assert_eq!((err.status, err.code.as_ref()), (404, IMAGE_NOT_FOUND));
        let err = delete_image(em.store(), account, &pairs(&[("RegionId", "r")])).unwrap_err();
        assert_eq!(err.code, "MissingParameter");
    }
}
