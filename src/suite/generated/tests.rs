use super::*;
use crate::contract::errors::IMAGE_NAME_MALFORMED;
use std::collections::BTreeSet;

fn case(id: &str) -> Generated {
    cases()
        .into_iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("{id} is not generated"))
}

fn value(id: &str) -> String {
    case(id).params.last().unwrap().1.clone()
}

fn reading_names(answer: &Answer) -> Vec<String> {
    answer.branches().into_iter().map(|(n, _)| n).collect()
}

#[test]
fn generated_case_ids_are_unique_and_stable() {
    let ids: Vec<String> = cases().into_iter().map(|c| c.id).collect();
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
    for id in [
        "generated.image-name.length.min-minus-1",
        "generated.image-name.length.max-plus-1",
        "generated.image-name.first-character.digit-first",
        "generated.image-name.characters.colon",
        "generated.image-name.prefix.starts-with-https",
        "generated.description.length.max",
        "generated.image-family.prefix.starts-with-aliyun",
        "generated.client-token.length.max-plus-1",
        "generated.tag.key.length.min-minus-1",
        "generated.tag.value.length.min",
        "generated.tag.count.max-plus-1",
        "generated.platform.values.value-windows-server-2012",
        "generated.architecture.values.near-miss-x86_64",
        "generated.disk-device-mapping.size.range.basic-max-plus-1",
    ] {
        assert!(ids.iter().any(|i| i == id), "{id} missing");
    }
}

#[test]
fn generated_cases_are_the_same_on_every_load() {
    assert_eq!(yaml(), yaml());
}

#[test]
fn every_case_names_its_class_in_a_tag() {
    let text = yaml();
    assert_eq!(
        text.matches("    tags: [\"class:").count(),
        text.matches("  - id: ").count()
    );
}

#[test]
fn image_name_length_is_probed_at_min_minus_1_min_max_and_max_plus_1() {
    assert_eq!(value("generated.image-name.length.min-minus-1"), "x");
    assert_eq!(
        value("generated.image-name.length.max"),
        "{{unique}}{{repeat 110 x}}"
    );
    assert_eq!(
        value("generated.description.length.max-plus-1"),
        "{{repeat 257 d}}"
    );
    assert_eq!(value("generated.tag.key.length.min-minus-1"), "");
    assert_eq!(
        case("generated.image-name.length.max-plus-1").answer,
        Answer::Row(&IMAGE_NAME_MALFORMED)
    );
    // Two characters cannot be unique per run.
    let shortest = case("generated.image-name.length.min");
    assert!(shortest.no_snapshot.is_some());
    assert_eq!(
        reading_names(&shortest.answer),
        ["created", "already-taken"]
    );
}

#[test]
fn description_length_counts_characters_outside_the_bmp_as_one() {
    assert_eq!(
        value("generated.description.length.max.outside-bmp"),
        "{{repeat 256 😀}}"
    );
    assert_eq!(
        case("generated.description.length.max.outside-bmp").answer,
        Answer::Created
    );
    assert!(matches!(
        case("generated.tag.value.length.max-plus-1.3-byte").answer,
        Answer::Row(row) if row.code == "InvalidTagValue.Malformed"
    ));
}

#[test]
fn image_name_length_in_non_ascii_letters_takes_the_readings_of_letters() {
    let c = case("generated.image-name.length.max.2-byte");
    assert_eq!(reading_names(&c.answer), ["unicode", "ascii"]);
    // An emoji is no letter: only its refused lengths are applicable.
    let ids: Vec<String> = cases().into_iter().map(|c| c.id).collect();
    assert!(!ids.contains(&"generated.image-name.length.max.outside-bmp".to_owned()));
    assert!(ids.contains(&"generated.image-name.length.max-plus-1.outside-bmp".to_owned()));
}

#[test]
fn twenty_tags_are_accepted_and_twenty_one_exceed_the_quota_or_the_index_range() {
    let max = case("generated.tag.count.max");
    assert_eq!(max.params.len(), 21);
    assert_eq!(max.answer, Answer::Created);
    let over = case("generated.tag.count.max-plus-1");
    assert_eq!(over.params.last().unwrap().0, "Tag.21.Key");
    assert_eq!(
        reading_names(&over.answer),
        ["quota-exceeded", "index-out-of-range"]
    );
    let alone = case("generated.tag.count.index-max-plus-1-alone");
    assert_eq!(alone.params.len(), 2);
    assert_eq!(alone.answer, over.answer);
    assert_eq!(
        case("generated.tag.count.index-0").answer,
        Answer::Rejected("Tag|TagKey")
    );
    assert_eq!(case("generated.tag.count.gap").answer, Answer::Created);
}

#[test]
fn a_disputed_value_names_its_branches_after_the_readings_that_take_them() {
    assert_eq!(
        reading_names(&case("generated.image-name.characters.colon").answer),
        ["union", "error-table"]
    );
    assert_eq!(
        reading_names(&case("generated.architecture.values.value-arm64").answer),
        ["arm64-accepted", "documented-values-only"]
    );
    assert_eq!(
        reading_names(&case("generated.tag.key.prefix.upper-case-aliyun").answer),
        ["as-written", "any-case"]
    );
    assert_eq!(
        reading_names(&case("generated.image-family.characters.cjk-letter").answer),
        ["unicode", "ascii.image-name-row", "ascii.own-code"]
    );
}

#[test]
fn a_forbidden_prefix_is_allowed_inside_the_value() {
    assert_eq!(value("generated.tag.key.prefix.inside-acs"), "key-acs:x");
    assert_eq!(
        case("generated.tag.key.prefix.inside-acs").answer,
        Answer::Created
    );
    assert_eq!(
        case("generated.description.prefix.inside-http").answer,
        Answer::Created
    );
}

#[test]
fn values_padded_or_truncated_are_refused_and_empty_takes_the_readings_of_empty_values() {
    for id in ["leading-space", "trailing-space", "truncated"] {
        assert!(
            matches!(case(&format!("generated.platform.values.{id}")).answer, Answer::Row(r) if r.code == "InvalidPlatform.Malformed"),
            "{id}"
        );
    }
    for (id, code) in [
        (
            "generated.platform.values.empty",
            "InvalidPlatform.Malformed",
        ),
        (
            "generated.architecture.values.empty",
            "InvalidArchitecture.Malformed",
        ),
    ] {
        let answer = case(id).answer;
        assert_eq!(
            reading_names(&answer),
            ["empty-is-absent", "empty-is-a-value"],
            "{id}"
        );
        assert!(
            matches!(&answer, Answer::OneOf(r) if r[0].1 == Answer::Created && matches!(r[1].1, Answer::Row(row) if row.code == code)),
            "{id}"
        );
    }
}

#[test]
fn an_empty_image_version_is_generated_once_with_the_readings_of_empty_values() {
    let c = case("generated.image-version.length.min-minus-1");
    assert_eq!(c.params.last().unwrap().1, "");
    assert_eq!(
        reading_names(&c.answer),
        ["empty-is-absent", "empty-is-a-value.rejected"]
    );
    let ids: Vec<String> = cases().into_iter().map(|c| c.id).collect();
    assert!(!ids.contains(&"generated.image-version.length.min-minus-1.2-byte".to_owned()));
    // Tags keep every empty class: an empty tag value is a value under every reading.
    assert!(ids.contains(&"generated.tag.value.length.min.2-byte".to_owned()));
    assert!(ids.contains(&"generated.tag.key.length.min-minus-1.2-byte".to_owned()));
}

#[test]
fn an_image_version_other_than_the_sample_is_accepted_or_its_malformed_row() {
    for id in [
        "generated.image-version.length.min",
        "generated.image-version.length.max",
        "generated.image-version.characters.digit",
        "generated.image-version.characters.upper-case",
        "generated.image-version.characters.allowed-at-end-period",
    ] {
        let answer = case(id).answer;
        assert_eq!(reading_names(&answer), ["accepted", "rejected"], "{id}");
        assert!(
            matches!(&answer, Answer::OneOf(r) if r[0].1 == Answer::Created
                && matches!(r[1].1, Answer::Row(row) if row.code == "InvalidImageVersion.Malformed")),
            "{id}"
        );
    }
    // A documented rule's admitted value stays a creation.
    assert_eq!(
        case("generated.image-family.length.min").answer,
        Answer::Created
    );
}

#[test]
fn a_malformed_client_token_is_refused_or_accepted() {
    for id in [
        "generated.client-token.length.max-plus-1",
        "generated.client-token.ascii.non-ascii",
    ] {
        assert_eq!(
            reading_names(&case(id).answer),
            ["enforced", "not-enforced"],
            "{id}"
        );
    }
    assert_eq!(
        case("generated.client-token.length.max").answer,
        Answer::Created
    );
}

#[test]
fn signed_text_of_every_class_creates_an_image() {
    let signed: Vec<Generated> = cases()
        .into_iter()
        .filter(|c| c.rule == "Gateway.signature")
        .collect();
    assert_eq!(signed.len(), classes::encoding::CLASSES.len());
    assert!(signed.iter().all(|c| c.answer == Answer::Created));
    assert_eq!(value("generated.gateway.signature.plus"), "described+dz");
}

#[test]
fn a_size_that_is_no_integer_gets_the_size_row_or_a_code_naming_the_parameter() {
    assert!(matches!(
        case("generated.disk-device-mapping.size.range.negative").answer,
        Answer::Row(r) if r.code == "InvalidSize.ValueNotSupported"
    ));
    assert_eq!(
        reading_names(&case("generated.disk-device-mapping.size.range.decimal").answer),
        ["size-row", "type-error"]
    );
}

#[test]
fn the_plan_says_why_a_class_is_not_applicable() {
    let plan = plan();
    let upper = plan
        .iter()
        .find(|p| p.rule == "ImageName.prefix" && p.class.id == "upper-case")
        .unwrap();
    assert!(
        upper
            .not_applicable
            .as_deref()
            .is_some_and(|why| why.contains("ImageName.characters")),
        "{upper:?}"
    );
    let action = plan.iter().find(|p| p.rule == "Action.value").unwrap();
    assert!(action.not_applicable.is_some());
    let covered: BTreeSet<(&str, &str)> = cases().iter().map(|c| (c.rule, c.class)).collect();
    for p in plan.iter().filter(|p| p.not_applicable.is_none()) {
        assert!(covered.contains(&(p.rule, p.class.id)), "{p:?}");
    }
}

#[test]
fn unobservable_rules_generate_nothing() {
    assert!(!cases().iter().any(|c| c.id.contains(".default.")));
}

#[test]
fn the_parts_of_the_generated_file_read_as_the_whole_file_does() {
    use crate::suite::load::load_str;
    use crate::suite::testing::known;
    let read = |text: &str| {
        let file = load_str(std::path::Path::new(PATH), text, &known()).unwrap();
        file.cases
            .iter()
            .map(|case| format!("{case:?}"))
            .collect::<Vec<_>>()
    };
    let whole = read(&yaml());
    for parts in [1, 3, 4, 7] {
        let split: Vec<String> = yaml_parts(parts).iter().flat_map(|p| read(p)).collect();
        assert_eq!(split.len(), whole.len(), "{parts} parts");
        // Same cases, each at the line and column it has in the whole file.
        assert!(split == whole, "{parts} parts read differently");
    }
}

/// The rendered YAML of one generated case.
fn rendered(id: &str) -> String {
    let text = yaml();
    let start = text
        .find(&format!("  - id: {id}\n"))
        .unwrap_or_else(|| panic!("{id} is not rendered"));
    let rest = &text[start + 1..];
    let end = rest.find("\n  - id: ").map_or(rest.len(), |i| i + 1);
    text[start..start + 1 + end].to_owned()
}

#[test]
fn format_case_insensitive_spells_format_in_lower_case_over_v1_and_expects_its_envelope() {
    let json = rendered("generated.format.case-insensitive.lowercase-json");
    for line in [
        "    rule: Format.case-insensitive\n",
        "    tags: [\"class:lowercase\"]\n",
        "    formats: [json]\n",
        "    wire: [v1-get, v1-post-query, v1-post-form]\n",
        "    tamper: { spell: { Format: \"json\" } }\n",
        "      content_type: { media_type: application/json }\n",
        "      root: { is: absent }\n",
    ] {
        assert!(json.contains(line), "{line:?} not in\n{json}");
    }
    let xml = rendered("generated.format.case-insensitive.capitalised-xml");
    for line in [
        "    formats: [xml]\n",
        "    tamper: { spell: { Format: \"Xml\" } }\n",
        "      root: CreateImageResponse\n",
    ] {
        assert!(xml.contains(line), "{line:?} not in\n{xml}");
    }
}

#[test]
fn gateway_empty_parameter_adds_an_empty_signature_type_in_v1_only() {
    let case = rendered("generated.gateway.empty-parameter.signature-type");
    assert!(
        case.contains("    wire: [v1-get, v1-post-query, v1-post-form]\n"),
        "{case}"
    );
    assert!(
        case.contains("    tamper: { add: { SignatureType: \"\" } }\n"),
        "{case}"
    );
    assert!(case.contains("      status: 200\n"), "{case}");
}

#[test]
fn gateway_nonce_shapes_sends_each_shape_a_client_sends_over_every_style() {
    for shape in crate::wire::NonceShape::ALL {
        let case = rendered(&format!("generated.gateway.nonce-shapes.{shape}"));
        assert!(
            case.contains(&format!("    tamper: {{ nonce: {shape} }}\n")),
            "{case}"
        );
        assert!(case.contains("    wire: [v1-get, v1-post-query, v1-post-form, v3]\n"));
    }
}

#[test]
fn gateway_plus_as_space_writes_the_spaces_of_a_description_as_plus() {
    let case = rendered("generated.gateway.plus-as-space.space");
    assert!(
        case.contains("      Description: \"described with spaces\"\n"),
        "{case}"
    );
    assert!(
        case.contains("    tamper: { plus_for_space: true }\n"),
        "{case}"
    );
}

#[test]
fn every_spelling_class_is_generated_and_created() {
    for planned in plan() {
        let rule = params::find(planned.rule).unwrap();
        if matches!(rule.limit, Limit::Spelling(_)) {
            assert_eq!(planned.not_applicable, None, "{}", planned.rule);
        }
    }
    for case in cases() {
        if matches!(params::find(case.rule).unwrap().limit, Limit::Spelling(_)) {
            assert!(case.answer.may_create(), "{}", case.id);
            assert!(case.sending.tamper.is_some(), "{}", case.id);
        }
    }
}

#[test]
fn tag_count_index_written_as_a_word_is_no_valid_n_and_with_a_leading_zero_takes_both_readings() {
    let word = case("generated.tag.count.index-not-a-number");
    assert_eq!(word.params.last().unwrap().0, "Tag.one.Key");
    assert_eq!(word.answer, Answer::Rejected("Tag|TagKey"));
    let zero = case("generated.tag.count.index-leading-zero");
    assert_eq!(zero.params.last().unwrap().0, "Tag.01.Key");
    assert_eq!(reading_names(&zero.answer), ["index-1", "invalid-index"]);
}

#[test]
fn disk_device_mapping_size_with_a_leading_zero_is_forty_or_no_integer() {
    let c = case("generated.disk-device-mapping.size.range.leading-zero");
    assert_eq!(
        value("generated.disk-device-mapping.size.range.leading-zero"),
        "040"
    );
    assert_eq!(
        reading_names(&c.answer),
        ["decimal-40", "size-row", "type-error"]
    );
}

#[test]
fn free_text_counts_white_space_and_control_characters_as_characters() {
    for id in [
        "generated.description.length.line-feed",
        "generated.description.length.crlf",
        "generated.description.length.control-u007f",
        "generated.description.length.leading-tab",
        "generated.description.length.min.tab",
        "generated.tag.key.length.min.tab",
        "generated.tag.value.length.ideographic-space",
    ] {
        assert_eq!(case(id).answer, Answer::Created, "{id}");
    }
    assert_eq!(value("generated.description.length.min.tab"), "\t\t");
    assert!(matches!(
        case("generated.tag.value.length.max-plus-1.tab").answer,
        Answer::Row(row) if row.code == "InvalidTagValue.Malformed"
    ));
}

#[test]
fn a_run_of_white_space_is_written_out_since_a_template_hole_is_trimmed() {
    let long = value("generated.description.length.max-plus-1.tab");
    assert_eq!(long, "\t".repeat(257));
}

#[test]
fn white_space_then_a_forbidden_prefix_does_not_start_with_the_prefix() {
    assert_eq!(
        value("generated.description.prefix.after-tab-http"),
        "\thttp://described"
    );
    for id in [
        "generated.description.prefix.after-space-https",
        "generated.tag.key.prefix.after-tab-aliyun",
        "generated.tag.value.prefix.after-space-acs",
    ] {
        assert_eq!(case(id).answer, Answer::Created, "{id}");
    }
}

#[test]
fn image_name_and_image_family_characters_refuse_line_breaks_tabs_and_control_characters() {
    assert_eq!(
        case("generated.image-name.characters.trailing-line-feed").answer,
        Answer::Row(&IMAGE_NAME_MALFORMED)
    );
    assert!(
        case("generated.image-family.characters.control-u0001")
            .answer
            .branches()
            .iter()
            .all(|(_, a)| !a.may_create())
    );
    let plan = plan();
    let length = |class: &str| {
        plan.iter()
            .find(|p| p.rule == "ImageName.length" && p.class.id == class)
            .and_then(|p| p.not_applicable.clone())
            .unwrap()
    };
    assert_eq!(length("line-feed"), "ImageName.characters refuses it first");
    assert!(length("max-plus-1.tab").starts_with("ImageName.characters refuses these characters"));
}

#[test]
fn characters_yaml_cannot_hold_raw_are_escaped() {
    let text = rendered("generated.description.length.control-u007f");
    assert!(
        text.contains(r#"Description: "described\u007Fz""#),
        "{text}"
    );
    let text = rendered("generated.description.length.line-separator");
    assert!(
        text.contains(r#"Description: "described\u2028z""#),
        "{text}"
    );
    let text = rendered("generated.description.length.crlf");
    assert!(text.contains(r#"Description: "described\r\nz""#), "{text}");
}

#[test]
fn crlf_at_the_length_bounds_is_two_code_points_or_one_grapheme_cluster() {
    assert_eq!(value("generated.description.length.min.crlf"), "\r\n");
    assert_eq!(
        value("generated.description.length.max-plus-1.crlf"),
        format!("d{}", "\r\n".repeat(128))
    );
    let short = case("generated.description.length.min.crlf").answer;
    assert_eq!(reading_names(&short), ["code-point", "grapheme"]);
    assert!(
        matches!(&short, Answer::OneOf(r) if r[0].1 == Answer::Created
        && matches!(r[1].1, Answer::Row(row) if row.code == "InvalidDescription.Malformed"))
    );
    for (id, code) in [
        (
            "generated.description.length.max-plus-1.crlf",
            "InvalidDescription.Malformed",
        ),
        (
            "generated.tag.key.length.max-plus-1.crlf",
            "InvalidTagKey.Malformed",
        ),
        (
            "generated.tag.value.length.max-plus-1.crlf",
            "InvalidTagValue.Malformed",
        ),
    ] {
        let long = case(id).answer;
        assert_eq!(reading_names(&long), ["grapheme", "code-point"], "{id}");
        assert!(
            matches!(&long, Answer::OneOf(r) if r[0].1 == Answer::Created
                && matches!(r[1].1, Answer::Row(row) if row.code == code)),
            "{id}"
        );
    }
    let short = plan()
        .into_iter()
        .find(|p| p.rule == "Tag.key.length" && p.class.id == "min.crlf")
        .unwrap();
    assert!(short.not_applicable.unwrap().contains("no CR LF pair"));
}

#[test]
fn a_listed_value_with_a_final_line_feed_is_refused_like_one_with_a_trailing_space() {
    for param in ["platform", "architecture"] {
        let id = format!("generated.{param}.values.trailing-line-feed");
        assert!(value(&id).ends_with('\n'), "{id}");
        let answer = case(&id).answer;
        assert!(
            matches!(answer, Answer::Row(row) if row.code.ends_with(".Malformed")),
            "{id}"
        );
        assert_eq!(
            answer,
            case(&format!("generated.{param}.values.trailing-space")).answer
        );
    }
}
