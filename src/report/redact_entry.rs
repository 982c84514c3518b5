//! Redacts a [`RunEntry`] field by field, as each run finishes.
//!
//! The report's other parts go through [`super::build::redacted`], a JSON
//! round trip that reaches every string whatever the type; a run entry is
//! made for every run, so it is walked directly instead. The test
//! `every_string_of_an_entry_is_redacted` fills every string an entry can
//! hold with a secret through that same JSON form and fails when a field is
//! left out here.

use serde_json::Value;

use super::model::{
    Differential, ExpectedStep, FailureEntry, HeaderEntry, ReadingChoice, ReferenceEntry,
    RequestEntry, RunEntry, SnapshotSource,
};
use super::redact::Redactor;

/// Something whose strings a [`Redactor`] rewrites in place.
pub trait Redact {
    fn redact(&mut self, redactor: &Redactor);
}

impl Redact for String {
    fn redact(&mut self, redactor: &Redactor) {
        if let Some(redacted) = redactor.redacted(self) {
            *self = redacted;
        }
    }
}

impl Redact for Value {
    fn redact(&mut self, redactor: &Redactor) {
        redactor.value(self);
    }
}

impl<T: Redact> Redact for Option<T> {
    fn redact(&mut self, redactor: &Redactor) {
        if let Some(inner) = self {
            inner.redact(redactor);
        }
    }
}

impl<T: Redact> Redact for Vec<T> {
    fn redact(&mut self, redactor: &Redactor) {
        for item in self {
            item.redact(redactor);
        }
    }
}

impl Redact for RunEntry {
    fn redact(&mut self, redactor: &Redactor) {
        let RunEntry {
            id,
            position: _,
            case_id,
            area,
            rules,
            tags,
            source,
            format,
            wire,
            outcome: _,
            reason,
            readings,
            expected,
            failures,
            requests,
            normalised,
            diff,
            reference,
            snapshot,
            expected_failure,
            disputed: _,
            differential,
            duration_ms: _,
        } = self;
        for text in [id, case_id, area, source, format, wire] {
            text.redact(redactor);
        }
        rules.redact(redactor);
        tags.redact(redactor);
        reason.redact(redactor);
        readings.redact(redactor);
        expected.redact(redactor);
        failures.redact(redactor);
        requests.redact(redactor);
        normalised.redact(redactor);
        diff.redact(redactor);
        reference.redact(redactor);
        snapshot.redact(redactor);
        expected_failure.redact(redactor);
        differential.redact(redactor);
    }
}

impl Redact for ReadingChoice {
    fn redact(&mut self, redactor: &Redactor) {
        let ReadingChoice { step, reading } = self;
        step.redact(redactor);
        reading.redact(redactor);
    }
}

impl Redact for ExpectedStep {
    fn redact(&mut self, redactor: &Redactor) {
        let ExpectedStep {
            step,
            reading,
            status: _,
            code,
            message,
        } = self;
        step.redact(redactor);
        reading.redact(redactor);
        code.redact(redactor);
        message.redact(redactor);
    }
}

impl Redact for FailureEntry {
    fn redact(&mut self, redactor: &Redactor) {
        let FailureEntry {
            step,
            what,
            expected,
            actual,
            location,
            detail,
            because: _,
            accepted,
            untraced: _,
        } = self;
        for text in [step, what, expected, actual] {
            text.redact(redactor);
        }
        location.redact(redactor);
        detail.redact(redactor);
        for text in accepted {
            text.redact(redactor);
        }
    }
}

impl Redact for RequestEntry {
    fn redact(&mut self, redactor: &Redactor) {
        let RequestEntry {
            step,
            method,
            target,
            headers,
            body,
            body_bytes: _,
        } = self;
        for text in [step, method, target, body] {
            text.redact(redactor);
        }
        for HeaderEntry { name, value } in headers {
            name.redact(redactor);
            value.redact(redactor);
        }
    }
}

impl Redact for ReferenceEntry {
    fn redact(&mut self, redactor: &Redactor) {
        match self {
            ReferenceEntry::Matched => {}
            ReferenceEntry::Differs { diff } => diff.redact(redactor),
            ReferenceEntry::OtherReading { recorded, matched } => {
                recorded.redact(redactor);
                matched.redact(redactor);
            }
            ReferenceEntry::NotCompared { why } => why.redact(redactor),
        }
    }
}

impl Redact for SnapshotSource {
    fn redact(&mut self, redactor: &Redactor) {
        let SnapshotSource {
            target,
            recorded_at,
            harness_version,
            count: _,
        } = self;
        target.redact(redactor);
        recorded_at.redact(redactor);
        harness_version.redact(redactor);
    }
}

impl Redact for Differential {
    fn redact(&mut self, redactor: &Redactor) {
        let Differential {
            outcome: _,
            differs: _,
            diff,
            normalised,
        } = self;
        diff.redact(redactor);
        normalised.redact(redactor);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const SECRET: &str = "s3cr3t-value";

    /// Every string leaf becomes the secret, but the `outcome` members,
    /// which name enum variants.
    fn fill(value: &mut Value) {
        match value {
            Value::String(s) => *s = SECRET.to_string(),
            Value::Array(items) => items.iter_mut().for_each(fill),
            Value::Object(map) => map
                .iter_mut()
                .filter(|(key, _)| *key != "outcome")
                .for_each(|(_, v)| fill(v)),
            _ => {}
        }
    }

    fn entry_with_every_field(reference: Value) -> Value {
        let reading = json!({"step": "s", "reading": "r"});
        json!({
            "id": "i", "position": 0, "case_id": "c", "area": "a",
            "rules": ["r"], "tags": ["t"], "source": "f:1:1",
            "format": "json", "wire": "v1-get", "outcome": "failed",
            "reason": "why", "readings": [reading],
            "expected": [{"step": "s", "reading": "r", "status": 400, "code": "C", "message": "M"}],
            "failures": [{"step": "s", "what": "w", "expected": "e", "actual": "a", "location": "l", "detail": "d"}],
            "normalised": {"request": {"Message": "m", "list": ["x"]}},
            "diff": "d", "reference": reference,
            "snapshot": {"target": "t", "recorded_at": "d", "harness_version": "v", "count": 1},
            "expected_failure": "known",
            "differential": {"outcome": "passed", "differs": true, "diff": "d", "normalised": {"x": "y"}},
            "duration_ms": 1.0,
        })
    }

    #[test]
    fn every_string_of_an_entry_is_redacted() {
        let reading = json!({"step": "s", "reading": "r"});
        for reference in [
            json!({"outcome": "differs", "diff": "d"}),
            json!({"outcome": "other_reading", "recorded": [reading], "matched": [reading]}),
            json!({"outcome": "not_compared", "why": "w"}),
        ] {
            let mut filled = entry_with_every_field(reference);
            fill(&mut filled);
            let mut entry: RunEntry = serde_json::from_value(filled).unwrap();
            let mut redactor = Redactor::new();
            redactor.secret(SECRET);
            entry.redact(&redactor);
            let shown = serde_json::to_string(&entry).unwrap();
            assert!(!shown.contains(SECRET), "a field kept the secret: {shown}");
            assert!(shown.contains(super::super::redact::REDACTED));
        }
    }
}
