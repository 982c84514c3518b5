//! "Did you mean" hints for misspelt keys, fixtures, accounts and names.

/// The help line for `found` among `known`: the closest candidate when it is
/// close enough, otherwise the list of what was expected.
pub fn help<'a>(found: &str, known: impl IntoIterator<Item = &'a str> + Clone) -> Option<String> {
    match closest(found, known.clone()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => expected_one_of(known),
    }
}

/// The candidate nearest to `found` (ignoring case), if it is within about
/// one edit per four characters.
pub fn closest<'a>(found: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let found_lower = found.to_lowercase();
    known
        .into_iter()
        .map(|candidate| {
            let distance = strsim::damerau_levenshtein(&found_lower, &candidate.to_lowercase());
            (distance, candidate)
        })
        .filter(|(distance, candidate)| *distance <= 1 + candidate.chars().count() / 4)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// ``expected one of `a`, `b` or `c` `` (`None` when nothing is known).
pub fn expected_one_of<'a>(known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let quoted: Vec<String> = known.into_iter().map(|k| format!("`{k}`")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("expected {one}")),
        [init @ .., last] => Some(format!("expected one of {} or {last}", init.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASE_KEYS: [&str; 5] = ["id", "rule", "request", "expect", "steps"];

    #[test]
    fn a_near_miss_suggests_the_closest_candidate() {
        assert_eq!(
            help("reqest", CASE_KEYS).as_deref(),
            Some("did you mean `request`?")
        );
        assert_eq!(closest("Expect", CASE_KEYS), Some("expect"));
    }

    #[test]
    fn a_far_miss_lists_what_was_expected() {
        assert_eq!(
            help("payload", ["id", "rule"]).as_deref(),
            Some("expected one of `id` or `rule`")
        );
        assert_eq!(help("x", []), None);
    }
}
