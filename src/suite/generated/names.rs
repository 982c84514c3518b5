//! The parts of generated case ids, and value helpers shared by the kinds.

/// `ImageName.first-character` → `image-name.first-character`.
pub fn kebab(id: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in id.chars() {
        if c.is_ascii_uppercase() {
            if previous_lower {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    out
}

/// `Windows Server 2012` → `windows-server-2012`, `http://` → `http`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The name of a punctuation character in an id.
pub fn char_name(c: char) -> &'static str {
    match c {
        ':' => "colon",
        '.' => "period",
        '_' => "underscore",
        '-' => "hyphen",
        _ => "other",
    }
}

/// The value with its letters' case swapped (or an `x` added when it has none).
pub fn near_miss(value: &str) -> String {
    let swapped: String = value
        .chars()
        .map(|c| {
            if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect();
    if swapped == value {
        format!("{value}x")
    } else {
        swapped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_and_slug_make_id_parts() {
        assert_eq!(
            kebab("DiskDeviceMapping.size.range"),
            "disk-device-mapping.size.range"
        );
        assert_eq!(kebab("Tag.key.prefix"), "tag.key.prefix");
        assert_eq!(slug("Windows Server 2012"), "windows-server-2012");
        assert_eq!(slug("https://"), "https");
        assert_eq!(slug("acs:"), "acs");
    }

    #[test]
    fn a_near_miss_swaps_case_or_adds_a_letter() {
        assert_eq!(near_miss("CentOS"), "cENTos");
        assert_eq!(near_miss("7"), "7x");
    }
}
