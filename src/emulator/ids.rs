//! Fresh identifiers in the shapes real ECS uses: `RequestId` an uppercase
//! UUID (8-4-4-4-12), `ImageId` and snapshot ids a prefix plus 20 lowercase
//! letters and digits. A mutant changes how an image id is rendered
//! ([`rendered_image_id`]), never the id the store keys on.

use std::borrow::Cow;

use rand::Rng;

use super::mutants::Mutant;

/// An uppercase UUID v4, e.g. `473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E`.
///
/// The random bits come from the thread's cryptographically seeded
/// generator (`rand::rng`), not from a system call per id.
pub fn request_id() -> String {
    let bytes = if Mutant::RequestIdPerSecond.active() {
        per_second_bytes()
    } else {
        rand::rng().random()
    };
    let uuid = uuid::Builder::from_random_bytes(bytes).into_uuid();
    let mut buffer = uuid::Uuid::encode_buffer();
    if Mutant::RequestIdLowercase.active() {
        return uuid.hyphenated().encode_lower(&mut buffer).to_owned();
    }
    if Mutant::RequestIdWithoutHyphens.active() {
        return uuid.simple().encode_upper(&mut buffer).to_owned();
    }
    uuid.hyphenated().encode_upper(&mut buffer).to_owned()
}

/// `request-id-per-second`: sixteen bytes from the clock's current second.
fn per_second_bytes() -> [u8; 16] {
    let second = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&second.to_be_bytes());
    bytes[8..].copy_from_slice(&second.wrapping_mul(0x9E37_79B9_7F4A_7C15).to_be_bytes());
    bytes
}

/// `m-` followed by 20 lowercase letters and digits: the id the store
/// keeps (always of this shape, whatever the mutant).
pub fn image_id() -> String {
    with_prefix("m-")
}

/// An image id as an answer shows it: as stored, in uppercase under the
/// mutant `image-id-uppercase`, or under `image-id-from-parameters` a hash
/// of the operation parameters `params`, as the idempotence check takes
/// them (the store goes on keying on the real id).
pub fn rendered_image_id<'a>(id: &'a str, params: &[(String, String)]) -> Cow<'a, str> {
    if Mutant::ImageIdFromParameters.active() {
        let fingerprint = super::create_image::fingerprint(params);
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        let mut hashed = String::from("m-");
        for byte in &fingerprint[..20] {
            hashed.push(char::from(ALPHABET[usize::from(*byte) % ALPHABET.len()]));
        }
        return Cow::Owned(hashed);
    }
    if Mutant::ImageIdUppercase.active() {
        Cow::Owned(id.to_ascii_uppercase().replacen("M-", "m-", 1))
    } else {
        Cow::Borrowed(id)
    }
}

/// `s-` followed by 20 lowercase letters and digits.
pub fn snapshot_id() -> String {
    with_prefix("s-")
}

fn with_prefix(prefix: &str) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    let mut id = String::with_capacity(prefix.len() + 20);
    id.push_str(prefix);
    for _ in 0..20 {
        id.push(char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_id_is_an_uppercase_uuid() {
        let id = request_id();
        let re =
            regex::Regex::new(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")
                .unwrap();
        assert!(re.is_match(&id), "{id}");
    }

    #[test]
    fn request_id_is_a_version_4_uuid() {
        let id = request_id();
        let uuid = uuid::Uuid::parse_str(&id).unwrap();
        assert_eq!(uuid.get_version_num(), 4);
        assert_eq!(uuid.get_variant(), uuid::Variant::RFC4122);
    }

    #[test]
    fn image_id_is_m_dash_twenty_lowercase_alphanumerics() {
        let re = regex::Regex::new(r"^m-[a-z0-9]{20}$").unwrap();
        for _ in 0..100 {
            let id = image_id();
            assert!(re.is_match(&id), "{id}");
        }
    }

    #[test]
    fn the_uppercase_mutant_changes_the_rendered_id_not_the_generated_one() {
        let re = regex::Regex::new(r"^m-[a-z0-9]{20}$").unwrap();
        let id = "m-bp1a2b3c4d5e6f7g8h9i";
        assert_eq!(rendered_image_id(id, &[]), id);
        super::super::mutants::scoped(Some(Mutant::ImageIdUppercase), || {
            let fresh = image_id();
            assert!(re.is_match(&fresh), "{fresh}");
            assert_eq!(rendered_image_id(id, &[]), "m-BP1A2B3C4D5E6F7G8H9I");
        });
    }

    #[test]
    fn request_id_per_second_repeats_within_a_second_only_under_its_mutant() {
        super::super::mutants::scoped(Some(Mutant::RequestIdPerSecond), || {
            let (a, b) = (request_id(), request_id());
            // Two ids a second boundary apart differ; retry once across one.
            assert!(a == b || request_id() == request_id(), "{a} {b}");
        });
        assert_ne!(request_id(), request_id());
    }

    #[test]
    fn image_id_from_parameters_renders_one_id_per_parameter_set() {
        super::super::mutants::scoped(Some(Mutant::ImageIdFromParameters), || {
            let params = |name: &str| vec![("ImageName".to_string(), name.to_string())];
            let a = rendered_image_id("m-00000000000000000001", &params("a")).into_owned();
            let b = rendered_image_id("m-00000000000000000002", &params("a")).into_owned();
            assert_eq!(a, b);
            assert_ne!(a, rendered_image_id("m-00000000000000000001", &params("b")));
        });
    }
}
