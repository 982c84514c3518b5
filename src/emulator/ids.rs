//! Fresh identifiers in the shapes real ECS uses: `RequestId` an uppercase
//! UUID (8-4-4-4-12), `ImageId` and snapshot ids a prefix plus 20 lowercase
//! letters and digits.

use rand::Rng;

use super::mutants::Mutant;

/// An uppercase UUID v4, e.g. `473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E`.
///
/// The random bits come from the thread's cryptographically seeded
/// generator (`rand::rng`), not from a system call per id.
pub fn request_id() -> String {
    let uuid = uuid::Builder::from_random_bytes(rand::rng().random()).into_uuid();
    let mut buffer = uuid::Uuid::encode_buffer();
    if Mutant::RequestIdLowercase.active() {
        return uuid.hyphenated().encode_lower(&mut buffer).to_owned();
    }
    if Mutant::RequestIdWithoutHyphens.active() {
        return uuid.simple().encode_upper(&mut buffer).to_owned();
    }
    uuid.hyphenated().encode_upper(&mut buffer).to_owned()
}

/// `m-` followed by 20 lowercase letters and digits.
pub fn image_id() -> String {
    let id = with_prefix("m-");
    if Mutant::ImageIdUppercase.active() {
        return format!("m-{}", id[2..].to_ascii_uppercase());
    }
    id
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
}
